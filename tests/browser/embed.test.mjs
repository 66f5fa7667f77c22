// Embedding: several independent <xtape-trainer> on one page and the iframe, from a plain static
// server without cross-origin isolation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, waitState, runSteps, root } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serve('--no-isolation');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('two embedded instances train independently without COOP/COEP', async () => {
  const page = await open(browser, `${server.url}web/embed.html`);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  await waitState(page, 'ready', '#a');
  await waitState(page, 'ready', '#b');
  const a = await runSteps(page, 5, '#a');
  const b = await page.evaluate(() => document.querySelector('#b').losses);
  assert.equal(a.length, 5);
  assert.equal(b.length, 0, 'running #a must not step #b');
  const b2 = await runSteps(page, 3, '#b');
  assert.equal(b2.length, 3);
  assert.equal((await page.evaluate(() => document.querySelector('#a').losses)).length, 5);
  assert.notEqual(a[0], b2[0]); // different seeds and losses
  // panels and controls follow the attributes
  assert.equal(await page.locator('#a').locator('[data-p=confusion]').isHidden(), true);
  assert.equal(await page.locator('#a').locator('button.lang').isHidden(), true);
  assert.equal(await page.locator('#b').locator('button.lang').isVisible(), true);
  // the iframe takes the same settings from its URL
  const frame = page.frameLocator('iframe');
  await frame
    .locator('xtape-trainer')
    .evaluate(
      (el) => new Promise((r) => (el.state === 'ready' ? r() : el.addEventListener('ready', r))),
    );
  const cfg = await frame.locator('xtape-trainer').evaluate((el) => el.config);
  assert.equal(cfg.lr, 0.05);
  assert.equal(cfg.batch, 128);
  await page.screenshot({ path: `${root}build/artifacts/embed.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});
