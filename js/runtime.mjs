// The build that runs (threads, relaxed SIMD, Node or browser) and its thread count; warmUp.
import { M, inNode, threaded, relaxedSimd } from './module.mjs';
import { brief, check, fail } from './errors.mjs';
import { tidy } from './handles.mjs';

export const env = { node: inNode, threads: threaded, relaxedSimd };

/** Threads one op may use (1 in the single-thread build). */
export const numThreads = () => M.numThreads();
/** setNumThreads(n): n >= 1, capped at the cores available to the build. */
export function setNumThreads(n) {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 31 - 1)
    fail(
      `setNumThreads: n must be an integer in [1, 2147483647] (more than the cores are capped), got ${brief(n)}`,
    );
  check(M.setNumThreads(n));
}

/**
 * warmUp(step, {ms}): calls step() (one step of the caller's model, inside tidy) for about `ms`
 * milliseconds, in slices that yield to the event loop, so that the engine's optimizing compiler
 * has the hot code before the timed work starts (V8 tiers WebAssembly up per function as it
 * runs: bench/README.md). The step must leave the state it reads as it was (e.g. update with a
 * learning rate of 0). Resolves to {steps, ms}.
 */
export async function warmUp(step, { ms = 400 } = {}) {
  if (typeof step !== 'function') fail(`warmUp: step must be a function, got ${brief(step)}`);
  if (!Number.isSafeInteger(ms) || ms < 1 || ms > 1e6)
    fail(`warmUp: ms must be an integer in [1, 1000000], got ${brief(ms)}`);
  const t0 = performance.now();
  let steps = 0;
  while (performance.now() - t0 < ms) {
    const slice = performance.now();
    while (performance.now() - slice < 20 && performance.now() - t0 < ms) {
      tidy(step);
      steps++;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { steps, ms: performance.now() - t0 };
}
