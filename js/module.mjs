// Loads the compiled core for the current environment: the ES-module build in a page or a
// Worker, the CommonJS build under Node (the 3.1.6 ES6 glue cannot run there). The pthreads build
// (xtape.mt.*) is used when it exists and the context can share memory (a cross-origin isolated
// Worker, or Node; a page's main thread only if globalThis.XTAPE_THREADS = true); otherwise the
// single-thread build. XTAPE_THREADS=0 (Node) or globalThis.XTAPE_THREADS = false (before the
// first import) forces single-thread.
// Either build then plugs in the relaxed-SIMD FMA GEMM block when the engine accepts relaxed SIMD
// (Chromium 114+; Node 20 only with --experimental-wasm-relaxed-simd);
// XTAPE_RELAXED_SIMD=0 / globalThis.XTAPE_RELAXED_SIMD = false keeps the plain f32x4 kernel.
const inNode =
  typeof process !== 'undefined' &&
  !!process.versions?.node &&
  typeof window === 'undefined' &&
  typeof WorkerGlobalScope === 'undefined';

// A page's main thread gets the single-thread build unless it asks (XTAPE_THREADS = true): joins
// there would block the page (and Emscripten warns "Blocking on the main thread is very
// dangerous"); workers, where compute belongs, get threads.
const onMainThread = typeof window !== 'undefined' && typeof document !== 'undefined';

function wantThreads() {
  if (globalThis.XTAPE_THREADS === false) return false;
  if (inNode) return process.env.XTAPE_THREADS !== '0';
  if (onMainThread && globalThis.XTAPE_THREADS !== true) return false;
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined';
}

// (module (func (param v128 v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) ...)))
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 7, 5, 1, 1, 102,
  0, 0, 10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2, 253, 133, 2, 11,
]);

function wantRelaxed() {
  if (globalThis.XTAPE_RELAXED_SIMD === false) return false;
  if (inNode && process.env.XTAPE_RELAXED_SIMD === '0') return false;
  return WebAssembly.validate(RELAXED_PROBE);
}

// Every file of the build is found relative to this module: on any host and from a CDN. The
// single-thread build is named by a literal `new URL('...', import.meta.url)` and import(), the
// form bundlers (Vite, Rollup, webpack) recognise, so they copy it into their output. The threaded
// build is named through a variable, which bundlers leave alone: its pool workers need the files
// side by side as built (and a cross-origin isolated page); a bundle runs the single-thread build.
const MT = '../build/wasm/xtape.mt';
const FILES = {
  xtape: () => ({
    wasm: new URL('../build/wasm/xtape.wasm', import.meta.url),
    load: () => import('../build/wasm/xtape.mjs'),
  }),
  'xtape.mt': () => ({
    wasm: new URL(`${MT}.wasm`, import.meta.url),
    worker: new URL(`${MT}.worker.js`, import.meta.url),
    load: () => import(/* @vite-ignore */ new URL(`${MT}.mjs`, import.meta.url).href),
  }),
};
// Node's built-ins by a variable specifier: bundlers for the browser leave them alone.
export const nodeModule = (name) => import(/* @vite-ignore */ `node:${name}`);

// Switches the core's GEMM blocks to the relaxed-SIMD FMA block (inlined in the build; each
// thread instantiates it on the shared memory at its first call) where the engine accepts it.
function plugRelaxed(m) {
  if (!m.useRelaxedSimd || !wantRelaxed()) return false;
  m.useRelaxedSimd(true);
  return true;
}

async function loadNode(name) {
  const { createRequire } = await nodeModule('module');
  const { existsSync, readFileSync } = await nodeModule('fs');
  const base = `../build/wasm/${name}.node`; // a variable, not a template: bundlers leave it alone
  const path = new URL(`${base}.cjs`, import.meta.url);
  if (!existsSync(path)) return null;
  const create = createRequire(import.meta.url)(path.pathname);
  // The glue rethrows every uncaught error from its own listeners, so Node would print a line of
  // minified glue for any error of the program: take those listeners back out.
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = events.map((e) => process.listeners(e));
  // Handing over the bytes avoids the glue's fetch() of a file path.
  const m = await create({ wasmBinary: readFileSync(new URL(`${base}.wasm`, import.meta.url)) });
  events.forEach((e, i) =>
    process
      .listeners(e)
      .filter((l) => !before[i].includes(l))
      .forEach((l) => process.removeListener(e, l)),
  );
  // The pthread pool's worker_threads must not keep the process alive once the program is done.
  for (const w of [...(m.PThread?.unusedWorkers ?? []), ...(m.PThread?.runningWorkers ?? [])])
    w.unref?.();
  return m;
}

async function loadWeb(name) {
  const files = FILES[name]();
  let create;
  try {
    ({ default: create } = await files.load());
  } catch {
    return null;
  }
  // The glue would look for its files beside its own URL; a bundler may have renamed them.
  const locateFile = (file) =>
    (file.endsWith('.wasm')
      ? files.wasm
      : file.endsWith('.worker.js')
        ? files.worker
        : file
    ).toString();
  return create({ locateFile });
}

async function load() {
  const threads = wantThreads();
  const get = inNode ? loadNode : loadWeb;
  const m = (threads && (await get('xtape.mt'))) || (await get('xtape'));
  if (!m) throw new Error('xtape: build/wasm/xtape.* is missing; run `npm run build`');
  m.relaxedSimd = plugRelaxed(m);
  return m;
}

/** The Emscripten module (embind functions over integer handles). */
export const M = await load();
export const threaded = M.numThreads() > 1;
export const relaxedSimd = M.relaxedSimd;
export { inNode };
