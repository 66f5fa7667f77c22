// Time from Run to the first Python output on the page, with the browser's cache cold and warm:
// the first tutorial cell of web/embed.html (start Pyodide, import tensorflow, load Fashion-MNIST
// from /data/ and keep 300 rows). One browser context: the later page loads find Pyodide, the
// package and the data in the HTTP cache.
//   node bench/python-first-output.mjs      (npm run bench runs it)
import { serve, launch } from '../tests/browser/harness.mjs';

const server = await serve();
const browser = await launch();
const context = await browser.newContext();
const times = [];
for (const label of ['cold', 'warm', 'warm']) {
  const page = await context.newPage();
  await page.goto(`${server.url}web/embed.html`);
  await page.waitForFunction(() => document.querySelector('#cell-data')?.shadowRoot);
  await page.evaluate(() => document.querySelector('#cell-data').setAttribute('rows', '300'));
  const t0 = Date.now();
  await page.locator('#cell-data').getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(() => document.querySelector('#cell-data').output.length > 0, null, {
    timeout: 120000,
  });
  times.push([label, Date.now() - t0]);
  await page.close();
}
console.log(
  `Python, Run to first output (embed.html, first cell: Pyodide + the package + Fashion-MNIST): ${times.map(([l, ms]) => `${l} ${ms} ms`).join(', ')}`,
);
await browser.close();
server.close();
