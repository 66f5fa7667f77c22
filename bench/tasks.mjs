// What is timed, the same for every engine: an engine supplies setup() and the primitive steps;
// these functions warm up, time, and summarise. Times are ms from performance.now().
export const SHAPES = [
  // name, [M, K] of op(a), [K, N] of op(b), transposeA, transposeB, role in the tutorial's step
  { name: 'x @ w1', a: [60000, 784], b: [784, 128], ta: false, tb: false },
  { name: 'h1 @ w2', a: [60000, 128], b: [128, 10], ta: false, tb: false },
  { name: 'h1^T @ dz2', a: [60000, 128], b: [60000, 10], ta: true, tb: false },
  { name: 'dz2 @ w2^T', a: [60000, 10], b: [128, 10], ta: false, tb: true },
  { name: 'x^T @ dz1', a: [60000, 784], b: [60000, 128], ta: true, tb: false },
];
export const flopsOf = (s) =>
  2 * (s.ta ? s.a[1] : s.a[0]) * (s.ta ? s.a[0] : s.a[1]) * (s.tb ? s.b[0] : s.b[1]);
export const STEP_FLOPS = 2 * 60000 * (784 * 128 * 2 + 128 * 10 * 3);

export function summary(times) {
  const t = [...times].sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], min: t[0], max: t.at(-1), n: t.length, times };
}

/** Runs f() warmup times untimed, then reps times timed. */
export async function timeIt(f, warmup, reps) {
  for (let i = 0; i < warmup; i++) await f();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return summary(times);
}

/**
 * One mini-batch epoch of the seeded shuffle perm, after `warmup` untimed steps and a reset to the
 * initial weights. step(indices) trains on those rows and returns the loss.
 */
export function timeEpoch({ batch = 128, warmup = 20 }, { perm, step, reset }) {
  const steps = Math.floor(perm.length / batch);
  const rows = (i) => perm.subarray(i * batch, (i + 1) * batch);
  reset();
  for (let i = 0; i < warmup; i++) step(rows(i));
  reset();
  const losses = [];
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) losses.push(step(rows(i)));
  const ms = performance.now() - t0;
  return { ms, steps, msPerStep: ms / steps, firstLoss: losses[0], lastLoss: losses.at(-1) };
}

/** IDX bytes from the served Fashion-MNIST (for engines without xtape's loader). */
export async function fetchIdx(file) {
  const r = await fetch(new URL(`/data/${file}`, self.location.href));
  if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
  const buf = new Uint8Array(
    await new Response(r.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer(),
  );
  const dv = new DataView(buf.buffer);
  const ndim = dv.getUint32(0) & 0xff;
  return buf.subarray(4 + 4 * ndim);
}
