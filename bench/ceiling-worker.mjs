// The f32x4 multiply-then-add ceiling (bench/ceiling.wat, compiled by scripts/bench.sh), measured
// in a Worker like the engines, after warm-up so that V8 runs optimised code.
import { summary } from './tasks.mjs';

// Not a top-level await: a message arriving before it resolved would be dropped.
const compiled = WebAssembly.instantiateStreaming(fetch(new URL('../build/bench/ceiling.wasm', import.meta.url)));

onmessage = async ({ data }) => {
  try {
    const loop = (await compiled).instance.exports.mulAddLoop;
    for (let i = 0; i < 5; i++) loop(100000, 0.999, 0.001);
    const n = data.iterations ?? 20_000_000;
    const times = [];
    for (let r = 0; r < (data.reps ?? 7); r++) {
      const t0 = performance.now();
      loop(n, 0.999, 0.001);
      times.push(performance.now() - t0);
    }
    const t = summary(times);
    postMessage({ ...t, gflops: (n * 96) / t.median / 1e6, gflopsMax: (n * 96) / t.min / 1e6 });
  } catch (e) {
    postMessage({ error: e.message });
  }
};
