// A long mini-batch run with Adam in Node, the tutorial's 784-128-10 ReLU network on real
// Fashion-MNIST: asserts that live tensors, bytes and the WASM heap stay flat, and reports the
// optimizer update's time per 1,000-step block. Always-blank pixels and dead ReLU units get exactly
// zero gradients, whose Adam moments would decay into float32 denormals (~30x slower in WASM,
// which has no flush-to-zero) without the core's flush; a flat line here shows they do not.
//   node bench/adam-steps.mjs [--steps 10000] [--batch 128]      (npm test runs it; exit 1 if not flat)
import * as xtape from '../js/index.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const steps = arg('steps', 10000),
  batch = arg('batch', 128),
  block = Math.min(1000, steps);

const data = await xtape.loadFashionMnist();
const x = xtape.tidy(() => xtape.convertImageDtype(data.xTrain).reshape([-1, 784]));
const y = xtape.oneHot(data.yTrain, 10);
xtape.dispose(data);
const n = x.shape[0];
const g = xtape.random.Generator.fromSeed(1);
const w1 = new xtape.Variable(g.truncatedNormal([784, 128], { stddev: 0.1 }));
const b1 = new xtape.Variable(xtape.zeros([128]));
const w2 = new xtape.Variable(g.truncatedNormal([128, 10], { stddev: 0.1 }));
const b2 = new xtape.Variable(xtape.zeros([10]));
const vars = [w1, b1, w2, b2];
const opt = new xtape.optimizers.Adam({ learningRate: 0.001 });
let order = g.permutation(n);
let orderData = order.data();

const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
const blocks = [];
let updateMs = [],
  stepMs = [],
  loss = 0,
  m0;
for (let s = 0; s < steps; s++) {
  const perEpoch = Math.floor(n / batch),
    at = (s % perEpoch) * batch;
  if (s > 0 && at === 0) {
    // a new epoch: a new order
    order.dispose();
    order = g.permutation(n);
    orderData = order.data();
  }
  const t0 = performance.now();
  const grads = xtape.tidy(() => {
    const idx = xtape.constant(orderData.subarray(at, at + batch));
    const xb = xtape.gather(x, idx),
      yb = xtape.gather(y, idx);
    const tape = new xtape.GradientTape();
    const l = tape.record(() =>
      xtape.reduceMean(xtape.square(yb.sub(xb.matmul(w1).add(b1).relu().matmul(w2).add(b2)))),
    );
    if (s % block === block - 1) loss = l.item();
    return tape.gradient(l, vars);
  });
  const t1 = performance.now();
  opt.applyGradients(xtape.zip(grads, vars));
  const t2 = performance.now();
  xtape.dispose(grads);
  updateMs.push(t2 - t1);
  stepMs.push(t2 - t0);
  if (s === 99) m0 = xtape.memory();
  if (s % block === block - 1) {
    blocks.push({ step: s + 1, updateMs: median(updateMs), stepMs: median(stepMs), loss });
    updateMs = [];
    stepMs = [];
  }
}
const m1 = xtape.memory();
const first = blocks[0],
  last = blocks.at(-1);
console.log(
  `Adam, batch ${batch}, ${steps} steps, ${xtape.env.threads ? 'threaded' : 'single-thread'} build:`,
);
for (const b of blocks)
  console.log(
    `  steps ${String(b.step - block + 1).padStart(5)}-${String(b.step).padEnd(5)}  update ${b.updateMs.toFixed(3)} ms  step ${b.stepMs.toFixed(3)} ms  loss ${b.loss.toFixed(4)}`,
  );
console.log(
  `adam-steps: update time last/first block ${(last.updateMs / first.updateMs).toFixed(2)}x, step ${(last.stepMs / first.stepMs).toFixed(2)}x; ` +
    `live tensors ${m0.numTensors} -> ${m1.numTensors}, bytes ${m0.numBytes} -> ${m1.numBytes}, heap ${m0.heapBytes} -> ${m1.heapBytes}`,
);
xtape.dispose([x, y, order, g, opt, ...vars]);
if (
  m1.numTensors !== m0.numTensors ||
  m1.numBytes !== m0.numBytes ||
  m1.heapBytes !== m0.heapBytes ||
  m1.liveBytes !== m0.liveBytes
) {
  console.error('adam-steps: memory is not flat');
  process.exit(1);
}
