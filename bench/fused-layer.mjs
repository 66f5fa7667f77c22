// The first layer as the tutorial writes it, relu(x @ w1 + b1) (three eager ops: a GEMM, then a
// pass for the bias and one for ReLU), against nn.reluLayer(x, w1, b1) (one GEMM that adds the
// bias and applies ReLU as it stores each block), and the whole full-batch step with each: same
// seeded data, alternating, medians of N. The backward is fused either way (the tape's pass).
//   node bench/fused-layer.mjs [N]                 threaded build (Node)
//   XTAPE_THREADS=0 node bench/fused-layer.mjs [N]   single-thread build
import os from 'node:os';
import * as xtape from '../js/index.mjs';

const N = Number(process.argv[2] ?? 7);
const g = xtape.random.Generator.fromSeed(1);
const x = g.uniform([60000, 784]);
const y = xtape.oneHot(
  Int32Array.from({ length: 60000 }, (_, i) => i % 10),
  10,
);
const w = [[784, 128], [128], [128, 10], [10]].map((s) => {
  const t = g.truncatedNormal(s, { stddev: 0.1 });
  const v = new xtape.Variable(t);
  t.dispose();
  return v;
});
const layers = {
  'relu(x @ w1 + b1)': (w1, b1) => xtape.relu(x.matmul(w1).add(b1)),
  'nn.reluLayer(x, w1, b1)': (w1, b1) => xtape.nn.reluLayer(x, w1, b1),
};
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
const times = Object.fromEntries(
  Object.keys(layers).flatMap((k) => [
    [`${k} layer`, []],
    [`${k} step`, []],
  ]),
);
const peak = {};
for (let r = 0; r < N + 1; r++) {
  for (const [name, layer] of Object.entries(layers)) {
    const [w1, b1, w2, b2] = w;
    let t0 = performance.now();
    xtape.tidy(() => void layer(w1, b1));
    const forward = performance.now() - t0;
    xtape.resetPeakMemory();
    t0 = performance.now();
    xtape.tidy(() => {
      const tape = new xtape.GradientTape();
      const loss = tape.record(() =>
        xtape.reduceMean(xtape.square(y.sub(layer(w1, b1).matmul(w2).add(b2)))),
      );
      const grads = tape.gradient(loss, w);
      w.forEach((v, i) => v.assignSub(grads[i].mul(0.01)));
      loss.item();
    });
    if (r > 0)
      (times[`${name} layer`].push(forward), times[`${name} step`].push(performance.now() - t0));
    peak[name] = xtape.memory().peakBytes / 1e6;
  }
}
const [a, b] = Object.keys(layers);
console.log(
  `fused first layer, ${xtape.env.threads ? `threaded build, ${xtape.numThreads()} threads` : 'single-thread build'}, ${os.cpus()[0]?.model}, medians of ${N}:`,
);
for (const part of ['layer', 'step'])
  console.log(
    `  ${part}: ${a} ${median(times[`${a} ${part}`]).toFixed(1)} ms, ${b} ${median(times[`${b} ${part}`]).toFixed(1)} ms: ${(median(times[`${b} ${part}`]) / median(times[`${a} ${part}`])).toFixed(3)}x`,
  );
console.log(
  `  peak tensor memory of a step: ${a} ${peak[a].toFixed(0)} MB, ${b} ${peak[b].toFixed(0)} MB`,
);
