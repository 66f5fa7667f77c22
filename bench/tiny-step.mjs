// The per-op cost: the tutorial's step on tiny tensors (8 rows, 64 -> 32 -> 10), where the
// arithmetic is negligible and the time is what each op costs to call (JS, the bindings, the
// tape). The mean over N steps after 2000 warm-up steps.
//   node bench/tiny-step.mjs [N]           threaded build (Node)
//   XTAPE_THREADS=0 node bench/tiny-step.mjs [N]   single-thread build
import * as xtape from '../js/index.mjs';

const N = Number(process.argv[2] ?? 5000);
const xs = xtape.fill([16, 64], 0.5);
const ys = xtape.oneHot(
  Int32Array.from({ length: 16 }, (_, i) => i % 10),
  10,
);
const w = [[64, 32], [32], [32, 10], [10]].map((shape) => {
  const t = xtape.fill(shape, 0.01);
  const v = new xtape.Variable(t);
  t.dispose();
  return v;
});
const idx = Int32Array.from({ length: 8 }, (_, i) => i);
const step = () =>
  xtape.tidy(() => {
    const [w1, b1, w2, b2] = w;
    const x = xs.gather(idx),
      y = ys.gather(idx);
    const tape = new xtape.GradientTape();
    const loss = tape.record(() =>
      xtape.reduceMean(xtape.square(y.sub(xtape.relu(x.matmul(w1).add(b1)).matmul(w2).add(b2)))),
    );
    const grads = tape.gradient(loss, w);
    w.forEach((v, i) => v.assignSub(grads[i].mul(0.01)));
    return loss.item();
  });
for (let i = 0; i < 2000; i++) step();
const t0 = performance.now();
for (let i = 0; i < N; i++) step();
console.log(
  `tiny step (${xtape.env.threads ? 'threaded' : 'single-thread'} build, ${xtape.numThreads()} thread(s)): ${(((performance.now() - t0) / N) * 1000).toFixed(1)} us`,
);
