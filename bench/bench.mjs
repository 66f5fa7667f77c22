// The benchmark page's controller: makes the shared inputs (initial weights, the epoch's
// shuffle), starts one worker per engine, and runs what bench/run.mjs asks through
// window.bench(engine, command). Every engine trains the same recipe on the same data.
import * as xtape from '../js/index.mjs';

const log = (s) => (document.getElementById('log').textContent += `${s}\n`);

// Same initial weights and the same epoch permutation for every engine.
const g = xtape.random.Generator.fromSeed(42);
const shared = xtape.tidy(() => ({
  w1: g.truncatedNormal([784, 128], { stddev: 0.1 }).data(),
  w2: g.truncatedNormal([128, 10], { stddev: 0.1 }).data(),
  perm: xtape.random.Generator.fromSeed(7).permutation(60000).data(),
}));

const WORKERS = {
  'xtape-st': () =>
    new Worker(new URL('./xtape-worker.mjs', import.meta.url), { type: 'module', name: 'st' }),
  'xtape-st-f32x4': () =>
    new Worker(new URL('./xtape-worker.mjs', import.meta.url), {
      type: 'module',
      name: 'st-f32x4',
    }),
  'xtape-mt': () =>
    new Worker(new URL('./xtape-worker.mjs', import.meta.url), { type: 'module', name: 'mt' }),
  'xtape-mt-f32x4': () =>
    new Worker(new URL('./xtape-worker.mjs', import.meta.url), {
      type: 'module',
      name: 'mt-f32x4',
    }),
  'tfjs-wasm': () =>
    new Worker(new URL('./tfjs-worker.js?threads=0', import.meta.url), { name: 'tfjs' }),
  'tfjs-wasm-threads': () =>
    new Worker(new URL('./tfjs-worker.js?threads=2', import.meta.url), { name: 'tfjs-mt' }),
};
const workers = {};
const setups = {};

function call(worker, msg) {
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => (data.error ? reject(new Error(data.error)) : resolve(data));
    worker.onerror = (e) => reject(new Error(e.message || 'worker failed'));
    worker.postMessage(msg);
  });
}

// Both ceilings, per thread and with two workers running at once.
window.ceilings = async () => {
  const one = await call(
    new Worker(new URL('./ceiling-worker.mjs', import.meta.url), { type: 'module' }),
    {},
  );
  const pair = await Promise.all(
    [0, 1].map(() =>
      call(new Worker(new URL('./ceiling-worker.mjs', import.meta.url), { type: 'module' }), {}),
    ),
  );
  const sum = (k) => pair[0][k].gflops + pair[1][k].gflops;
  return {
    perThread: { mulAdd: one.mulAdd.gflops, fma: one.fma.gflops },
    twoWorkers: { mulAdd: sum('mulAdd'), fma: sum('fma') },
  };
};

window.bench = async (engine, command, options = {}) => {
  if (!workers[engine]) {
    workers[engine] = WORKERS[engine]();
    if (engine !== 'ceiling')
      setups[engine] = await call(workers[engine], {
        cmd: 'setup',
        init: { w1: shared.w1, w2: shared.w2 },
        perm: shared.perm,
      });
  }
  if (command === 'setup') return setups[engine];
  log(`${engine}: ${command}…`);
  const r = await call(workers[engine], { cmd: command, ...options });
  log(`${engine}: ${command} done`);
  return r;
};
window.closeEngine = (engine) => {
  workers[engine]?.terminate();
  delete workers[engine];
};
window.benchInfo = {
  crossOriginIsolated,
  cores: navigator.hardwareConcurrency,
  userAgent: navigator.userAgent,
};
window.benchReady = true;
