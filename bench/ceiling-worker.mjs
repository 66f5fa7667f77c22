// The f32x4 multiply-then-add and relaxed-SIMD FMA ceilings (bench/ceiling.wat, compiled by
// scripts/bench.sh), measured in a Worker like the engines, after warm-up so that V8 runs
// optimised code. Two of these workers at once give the ceiling of two threads.
import { summary } from './tasks.mjs';

// Not a top-level await: a message arriving before it resolved would be dropped.
const compiled = WebAssembly.instantiateStreaming(
  fetch(new URL('../build/bench/ceiling.wasm', import.meta.url)),
);

function measure(loop, n, reps) {
  for (let i = 0; i < 5; i++) loop(100000, 0.999, 0.001);
  const times = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    loop(n, 0.999, 0.001);
    times.push(performance.now() - t0);
  }
  const t = summary(times);
  return { ...t, gflops: (n * 96) / t.median / 1e6, gflopsMax: (n * 96) / t.min / 1e6 };
}

onmessage = async ({ data }) => {
  try {
    const { mulAddLoop, fmaLoop } = (await compiled).instance.exports;
    const n = data.iterations ?? 20_000_000,
      reps = data.reps ?? 7;
    postMessage({ mulAdd: measure(mulAddLoop, n, reps), fma: measure(fmaLoop, n, reps) });
  } catch (e) {
    postMessage({ error: e.message });
  }
};
