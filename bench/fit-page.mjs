// Keras fit of TF's beginner classification model in headless Chromium, on one page: TF.js 4.22
// wasm model.fit (SIMD, one thread), xtape's Keras in Python on Pyodide and xtape.keras in JS,
// each in its own worker and one after the other (the page is cross-origin isolated, so xtape
// takes its threaded build, as the demo does). One epoch over 60000 images at batch 32.
//   node bench/fit-page.mjs [--epochs 1] [--rows 60000] [--reps 1]   (needs bench/node_modules)
import { serve, launch, open } from '../tests/browser/harness.mjs';

const arg = (name, d) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const epochs = arg('--epochs', 1);
const rows = arg('--rows', 60000);
const reps = arg('--reps', 1);
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];

const server = await serve();
const browser = await launch();
const runs = [];
try {
  for (let r = 0; r < reps; r++) {
    const page = await open(
      browser,
      `${server.url}bench/fit-page.html?epochs=${epochs}&rows=${rows}`,
    );
    await page.waitForFunction(() => window.results || window.failure, null, {
      timeout: 30 * 60 * 1000,
      polling: 1000,
    });
    const failure = await page.evaluate(() => window.failure);
    if (failure) throw new Error(failure);
    runs.push(await page.evaluate(() => window.results));
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
const s = (k) => median(runs.map((r) => r[k].seconds));
const [tfjs, python, js] = [s('tfjs'), s('python'), s('js')];
const last = runs.at(-1);
console.log(
  `fit in Chromium, one page, ${rows} rows, batch 32, per epoch (median of ${reps}): ` +
    `${last.tfjs.engine} ${tfjs.toFixed(2)} s (accuracy ${last.tfjs.accuracy.toFixed(4)}), ` +
    `${last.python.engine} ${python.toFixed(2)} s (accuracy ${last.python.accuracy.toFixed(4)}): ` +
    `ratio ${(python / tfjs).toFixed(3)}x (target <= 0.5x); ${last.js.engine} ${js.toFixed(2)} s ` +
    `(accuracy ${last.js.accuracy.toFixed(4)}): Python / JS ${(python / js).toFixed(2)}x (target <= 1.1x)`,
);
