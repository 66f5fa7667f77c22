// TensorFlow.js 4.22 (union package, so gradients are registered) on its WASM backend with SIMD,
// in a classic Worker: ?threads=0 forces the single-thread build, ?threads=2 the threaded one with
// two threads (tfjs itself would cap its pool at hardwareConcurrency / 2). Same recipe, data,
// initial weights and shuffle as the xtape worker.
const threads = Number(new URL(self.location.href).searchParams.get('threads'));
importScripts(
  './node_modules/@tensorflow/tfjs/dist/tf.min.js',
  './node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js',
);
tf.wasm.setWasmPaths(
  new URL('./node_modules/@tensorflow/tfjs-backend-wasm/dist/', self.location.href).href,
);
if (threads === 0) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
else tf.wasm.setThreadsCount(threads);

let tasks;
let s;

async function setup({ init, perm }) {
  tasks = await import('./tasks.mjs');
  await tf.setBackend('wasm');
  await tf.ready();
  const [xb, yb] = await Promise.all([
    tasks.fetchIdx('train-images-idx3-ubyte.gz'),
    tasks.fetchIdx('train-labels-idx1-ubyte.gz'),
  ]);
  const x = tf.tidy(() => tf.tensor2d(xb, [60000, 784], 'int32').toFloat().div(255));
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(yb, 'int32'), 10).toFloat());
  s = { x, y, perm, init, lr: 0.01 };
  reset();
  return {
    backend: tf.getBackend(),
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? threads : 1,
    version: tf.version.tfjs,
  };
}

function reset() {
  for (const v of [s.w1, s.b1, s.w2, s.b2]) v?.dispose();
  s.w1 = tf.variable(tf.tensor2d(s.init.w1, [784, 128]), true, 'w1');
  s.b1 = tf.variable(tf.zeros([128]), true, 'b1');
  s.w2 = tf.variable(tf.tensor2d(s.init.w2, [128, 10]), true, 'w2');
  s.b2 = tf.variable(tf.zeros([10]), true, 'b2');
}

function step(idx) {
  return tf.tidy(() => {
    const ids = idx && tf.tensor1d(idx, 'int32');
    const x = idx ? tf.gather(s.x, ids) : s.x;
    const y = idx ? tf.gather(s.y, ids) : s.y;
    const { value, grads } = tf.variableGrads(() =>
      tf.mean(tf.square(y.sub(tf.relu(x.matMul(s.w1).add(s.b1)).matMul(s.w2).add(s.b2)))),
    );
    for (const v of [s.w1, s.b1, s.w2, s.b2]) v.assign(v.sub(grads[v.name].mul(s.lr)));
    return value.dataSync()[0];
  });
}

const commands = {
  setup,
  async fullStep({ warmup = 1, reps = 3 }) {
    reset();
    const losses = [];
    const t = await tasks.timeIt(() => losses.push(step(null)), warmup, reps);
    return { ...t, losses, gflops: tasks.STEP_FLOPS / t.median / 1e6 };
  },
  async epoch(options) {
    return tasks.timeEpoch(options, { perm: s.perm, step, reset });
  },
  async matmuls({ warmup = 1, reps = 3 }) {
    const out = [];
    for (const sh of tasks.SHAPES) {
      const a = sh.a[1] === 784 ? s.x : tf.randomUniform(sh.a, 0, 1, 'float32', 3);
      const b = tf.randomUniform(sh.b, 0, 1, 'float32', 4);
      const t = await tasks.timeIt(
        () => tf.tidy(() => tf.matMul(a, b, sh.ta, sh.tb).dataSync()),
        warmup,
        reps,
      );
      out.push({ name: sh.name, ...t, gflops: tasks.flopsOf(sh) / t.median / 1e6 });
      if (a !== s.x) a.dispose();
      b.dispose();
    }
    return { shapes: out };
  },
};

onmessage = async ({ data }) => {
  try {
    postMessage(await commands[data.cmd](data));
  } catch (e) {
    postMessage({ error: `${e.name}: ${e.message}` });
  }
};
