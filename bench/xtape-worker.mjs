// xtape in a module Worker: single-thread ("st") or pthreads ("mt", needs cross-origin
// isolation), each with the relaxed-SIMD FMA kernel where the engine has it, or with plain f32x4
// multiply + add ("-f32x4"). Same recipe, data, initial weights and shuffle as the TF.js worker.
import { SHAPES, flopsOf, timeIt, timeEpoch, STEP_FLOPS } from './tasks.mjs';
import { warmUpModel } from '../web/trainer/recipe.mjs';

globalThis.XTAPE_THREADS = self.name.startsWith('mt');
globalThis.XTAPE_RELAXED_SIMD = !self.name.endsWith('f32x4');
// Not a top-level await: a message arriving before the module compiled would be dropped.
const loading = import('../js/index.mjs');
let xtape;
let s_warm;
let s; // state: data, variables, permutation

function setup({ init, perm }) {
  // as the page does: the optimizing tier gets the code while data loads
  const warm = warmUpModel(xtape, { rows: 128, hidden: 128 });
  const warming = xtape.warmUp(warm.step).finally(warm.dispose);
  return xtape.loadFashionMnist({ url: new URL('/data/', location.href) }).then(async (d) => {
    // the full set
    s_warm = await warming;
    const x = xtape.tidy(() => xtape.image.convertImageDtype(xtape.reshape(d.xTrain, [-1, 784]))); // = cast / 255
    const y = xtape.oneHot(d.yTrain, 10);
    xtape.dispose(d);
    s = { x, y, perm, init, lr: 0.01 };
    reset();
    return { threads: xtape.numThreads(), ...xtape.env, memory: xtape.memory(), warm: s_warm };
  });
}

function reset() {
  xtape.dispose([s.w1, s.b1, s.w2, s.b2]);
  s.w1 = new xtape.Variable(xtape.constant(s.init.w1, [784, 128]), { name: 'w1' });
  s.b1 = new xtape.Variable(xtape.zeros([128]), { name: 'b1' });
  s.w2 = new xtape.Variable(xtape.constant(s.init.w2, [128, 10]), { name: 'w2' });
  s.b2 = new xtape.Variable(xtape.zeros([10]), { name: 'b2' });
}

// The tutorial's step on rows idx (all rows when idx is null): forward, tape, assign_sub.
function step(idx) {
  return xtape.tidy(() => {
    const x = idx ? s.x.gather(idx) : s.x;
    const y = idx ? s.y.gather(idx) : s.y;
    const tape = new xtape.GradientTape();
    const loss = tape.record(() =>
      xtape.reduceMean(
        xtape.square(y.sub(xtape.relu(x.matmul(s.w1).add(s.b1)).matmul(s.w2).add(s.b2))),
      ),
    );
    const grads = tape.gradient(loss, [s.w1, s.b1, s.w2, s.b2]);
    [s.w1, s.b1, s.w2, s.b2].forEach((v, i) => v.assignSub(grads[i].mul(s.lr)));
    return loss.item();
  });
}

const commands = {
  setup,
  async fullStep({ warmup = 1, reps = 5 }) {
    reset();
    xtape.resetPeakMemory();
    const losses = [];
    const t = await timeIt(() => losses.push(step(null)), warmup, reps);
    const m = xtape.memory();
    return {
      ...t,
      losses,
      gflops: STEP_FLOPS / t.median / 1e6,
      memory: m,
      heapOverPeak: m.heapBytes / m.peakBytes,
    };
  },
  async epoch(options) {
    return timeEpoch(options, { perm: s.perm, step, reset });
  },
  async matmuls({ warmup = 2, reps = 5 }) {
    const out = [];
    const g = xtape.random.Generator.fromSeed(3);
    for (const sh of SHAPES) {
      const a = sh.a[1] === 784 ? s.x : g.uniform(sh.a);
      const b = g.uniform(sh.b);
      const t = await timeIt(
        () => xtape.tidy(() => void xtape.matmul(a, b, sh.ta, sh.tb)),
        warmup,
        reps,
      );
      out.push({ name: sh.name, ...t, gflops: flopsOf(sh) / t.median / 1e6 });
      if (a !== s.x) a.dispose();
      b.dispose();
    }
    return { shapes: out };
  },
};

onmessage = async ({ data }) => {
  try {
    xtape ??= await loading;
    postMessage(await commands[data.cmd](data));
  } catch (e) {
    postMessage({ error: `${e.name}: ${e.message}` });
  }
};
