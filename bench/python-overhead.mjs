// The cost of Python over the JS API: the tutorial's step (784-128-10 ReLU, MSE, assign_sub) in
// JS and in Python (Pyodide, the tensorflow package) on the same data and the same core, one run,
// medians of alternating blocks; full batch and mini-batches of 128. Also Pyodide's start-up.
//   node bench/python-overhead.mjs [--full-steps 6] [--batch-steps 300]     (npm run bench runs it)
import * as xtape from '../js/index.mjs';
import { loadPython } from '../js/python.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const fullSteps = arg('full-steps', 6),
  batchSteps = arg('batch-steps', 300);
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];

const t0 = performance.now();
const python = await loadPython({ stdout: () => {}, stderr: (l) => console.error(l) });
const startMs = performance.now() - t0;
await python.loadData();
await python.run(`
import tensorflow as tf, time
from tensorflow import keras
(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = tf.cast(tf.reshape(x_all, [-1, 28 * 28]), tf.float32) / 255.
y_all = tf.one_hot(y_all, depth=10)
g = tf.random.Generator.from_seed(1)
w1 = tf.Variable(g.truncated_normal([784, 128], stddev=0.1)); b1 = tf.Variable(tf.zeros([128]))
w2 = tf.Variable(g.truncated_normal([128, 10], stddev=0.1)); b2 = tf.Variable(tf.zeros([10]))
lr = 0.01
def steps(x, y, n):
    times = []
    for i in range(n):
        t = time.perf_counter()
        with tf.GradientTape() as tape:
            h1 = tf.nn.relu(x @ w1 + b1)
            out = h1 @ w2 + b2
            loss = tf.reduce_mean(tf.square(y - out))
        grads = tape.gradient(loss, [w1, b1, w2, b2])
        w1.assign_sub(lr * grads[0])
        b1.assign_sub(lr * grads[1])
        w2.assign_sub(lr * grads[2])
        b2.assign_sub(lr * grads[3])
        loss.numpy()
        times.append((time.perf_counter() - t) * 1000)
    return times
`);
const pySteps = async (rows, n) =>
  (
    await python.run(
      `steps(x_all[:${rows}] if ${rows} < 60000 else x_all, y_all[:${rows}] if ${rows} < 60000 else y_all, ${n})`,
    )
  ).toJs();

const d = await xtape.loadFashionMnist();
const xAll = xtape.tidy(() => xtape.convertImageDtype(d.xTrain).reshape([-1, 784]));
const yAll = xtape.oneHot(d.yTrain, 10);
const g = xtape.random.Generator.fromSeed(1);
const w1 = new xtape.Variable(g.truncatedNormal([784, 128], { stddev: 0.1 })),
  b1 = new xtape.Variable(xtape.zeros([128]));
const w2 = new xtape.Variable(g.truncatedNormal([128, 10], { stddev: 0.1 })),
  b2 = new xtape.Variable(xtape.zeros([10]));
function jsSteps(rows, n) {
  const [x, y] =
    rows < 60000
      ? [xAll, yAll].map((t) =>
          xtape.tidy(() =>
            xtape.gather(
              t,
              Int32Array.from({ length: rows }, (_, i) => i),
            ),
          ),
        )
      : [xAll, yAll];
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    xtape.tidy(() => {
      const tape = new xtape.GradientTape();
      const loss = tape.record(() =>
        xtape.reduceMean(xtape.square(y.sub(x.matmul(w1).add(b1).relu().matmul(w2).add(b2)))),
      );
      const gr = tape.gradient(loss, [w1, b1, w2, b2]);
      [w1, b1, w2, b2].forEach((v, k) => v.assignSub(gr[k].mul(0.01)));
      loss.item();
    });
    times.push(performance.now() - t);
  }
  if (rows < 60000) xtape.dispose([x, y]);
  return times;
}

const results = [];
for (const [label, rows, n] of [
  ['full batch (60000 rows)', 60000, fullSteps],
  ['batch of 128', 128, batchSteps],
]) {
  const js = [],
    py = [];
  for (let round = 0; round < 3; round++) {
    // alternate, so that drift hits both
    js.push(...jsSteps(rows, n).slice(1));
    py.push(...(await pySteps(rows, n)).slice(1));
  }
  const [j, p] = [median(js), median(py)];
  results.push({ label, js: j, python: p, overhead: p / j - 1 });
  console.log(
    `${label}: JS ${j.toFixed(3)} ms/step, Python ${p.toFixed(3)} ms/step: Python +${((p / j - 1) * 100).toFixed(1)}%`,
  );
}
console.log(
  `Pyodide with the tensorflow package, ready in ${startMs.toFixed(0)} ms (Node, ${xtape.env.threads ? 'threaded' : 'single-thread'} xtape)`,
);
