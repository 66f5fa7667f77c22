// Look inside a step: Step through phase by phase, the tensor inspector, the gradient check and
// the dead-ReLU coach, as a reader uses them in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, waitState, runSteps, root } from './harness.mjs';
import * as xtape from '../../js/index.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const el = (page) => page.locator('xtape-trainer');
const active = (page) =>
  page.evaluate(() =>
    [...document.querySelector('xtape-trainer').shadowRoot.querySelectorAll('pre span.active')].map(
      (s) => s.textContent.trim(),
    ),
  );
async function continuePhase(page) {
  const before = await page.evaluate(
    () => document.querySelector('xtape-trainer').inside?.phase ?? null,
  );
  await el(page).locator('[data-c=inside]').click();
  await page.waitForFunction(
    (b) => {
      const e = document.querySelector('xtape-trainer');
      return (e.inside && e.inside.phase !== b) || (b === 'gradient' && e.state === 'ready');
    },
    before,
    { timeout: 60000 },
  );
  return page.evaluate(() => document.querySelector('xtape-trainer').inside);
}

test("Step through: six phases, each marks its lines in Python and JS, and ends with a plain Step's loss", async () => {
  const page = await open(browser, `${server.url}web/?batch=512&seed=5`);
  await waitState(page, 'ready');
  const seen = [];
  for (const phase of ['z1', 'relu', 'out', 'loss', 'gradient', 'update']) {
    const m = await continuePhase(page);
    assert.equal(m.phase, phase);
    const lines = await active(page);
    assert.ok(lines.length >= 2, `${phase}: ${lines}`); // a Python line and a JS line at least
    seen.push(lines.join('|'));
    if (phase === 'update') break;
  }
  assert.equal(new Set(seen).size, 6, seen.join('\n')); // every phase marks other lines
  assert.equal(await el(page).locator('[data-c=inside]').textContent(), 'Step through');
  await waitState(page, 'ready');
  const [stepped] = await page.evaluate(() => document.querySelector('xtape-trainer').losses);
  await el(page).locator('[data-c=reset]').click();
  await waitState(page, 'ready');
  const [plain] = await runSteps(page, 1);
  assert.equal(stepped, plain); // the same batch, the same ops: the same loss, bit for bit
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the inspector: shapes and statistics of w1 as the JS API computes them; a gradient beside its weight', async () => {
  const page = await open(browser, `${server.url}web/?batch=256&seed=11`);
  await waitState(page, 'ready');
  const m = await continuePhase(page); // z1: x, w1, b1, x @ w1 + b1
  const w1 = m.tensors.find((t) => t.name === 'w1');
  assert.deepEqual(w1.shape, [784, 128]);
  // the same initial weights through the JS API, in this process
  const ref = xtape.tidy(() =>
    xtape.summary(xtape.random.Generator.fromSeed(11).truncatedNormal([784, 128], { stddev: 0.1 })),
  );
  for (const k of ['min', 'max', 'mean', 'std', 'zeros', 'nonfinite', 'count'])
    assert.equal(w1[k], ref[k], k);
  assert.deepEqual(m.tensors.find((t) => t.name === 'x').shape, [256, 784]);
  const row = await page.evaluate(() =>
    [
      ...document
        .querySelector('xtape-trainer')
        .shadowRoot.querySelectorAll('table.tensors tbody tr'),
    ]
      .map((r) => [...r.children].map((c) => c.textContent))
      .find((r) => r[0] === 'w1'),
  );
  assert.deepEqual(row.slice(0, 3), ['w1', '[784,128]', 'float32']);
  assert.equal(Number(row[3]), Number(ref.min.toPrecision(4)));
  // open x: 28x28 images of its rows
  await el(page).locator('button.open', { hasText: /^x$/ }).click();
  await page.waitForFunction(() =>
    document
      .querySelector('xtape-trainer')
      .shadowRoot.querySelector('.views canvas.images:not([hidden])'),
  );
  // the gradient phase: grads[0] opens beside w1 and the update -lr * grads[0], on w1's scale
  for (let i = 0; i < 4; i++) await continuePhase(page);
  await el(page).locator('button.open', { hasText: 'grads[0]' }).click();
  await page.waitForFunction(
    () =>
      document.querySelector('xtape-trainer').shadowRoot.querySelectorAll('.views .tensor-view')
        .length === 3,
  );
  const titles = await page.evaluate(() =>
    [...document.querySelector('xtape-trainer').shadowRoot.querySelectorAll('.views h4')].map(
      (h) => h.textContent,
    ),
  );
  assert.deepEqual(titles, ['w1 [784,128]', 'grads[0] [784,128]', '-lr * grads[0] [784,128]']);
  assert.match(
    await el(page).locator('.inspector .scales').textContent(),
    /max \|w1\| = .* max \|grads\[0\]\| = .* max \|-lr \* grads\[0\]\| = /,
  );
  await el(page)
    .locator('.inspector')
    .screenshot({ path: `${root}build/artifacts/inspector.png` });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the gradient check passes, and fails when the gradient is perturbed through the test hook', async () => {
  const page = await open(browser, `${server.url}web/?batch=128&seed=2`);
  await waitState(page, 'ready');
  const check = async (perturb) => {
    const done = page.evaluate(
      () =>
        new Promise((r) =>
          document
            .querySelector('xtape-trainer')
            .addEventListener('gradcheck', (e) => r(e.detail), { once: true }),
        ),
    );
    if (perturb === 1) await el(page).locator('.gradcheck-run').click();
    else await page.evaluate((p) => document.querySelector('xtape-trainer').gradcheck(p), perturb);
    return done;
  };
  const ok = await check(1);
  assert.equal(ok.pass, true, JSON.stringify(ok.rows));
  assert.equal(ok.rows.length, 12);
  assert.match(await el(page).locator('.verdict').textContent(), /^Pass/);
  const bad = await check(1.5); // tape.gradient deliberately scaled by 1.5
  assert.equal(bad.pass, false);
  assert.ok(bad.rows.filter((r) => !r.ok).length >= 6, JSON.stringify(bad.rows));
  assert.match(await el(page).locator('.verdict').textContent(), /^Fail/);
  await page.close();
});

test('a large learning rate kills ReLU units: the coach explains it and the weights panel greys them', async () => {
  const page = await open(browser, `${server.url}web/?batch=128&lr=0.5&seed=1&eval-every=10`);
  await waitState(page, 'ready');
  const coached = page.evaluate(
    () =>
      new Promise((r) =>
        document
          .querySelector('xtape-trainer')
          .addEventListener('coach', (e) => r(e.detail), { once: true }),
      ),
  );
  await runSteps(page, 30);
  const c = await coached;
  assert.ok(c.dead / c.hidden >= 0.25, JSON.stringify(c));
  assert.match(
    await el(page).locator('.message').textContent(),
    /hidden units .* are dead: their ReLU is 0 for every image of the batch/,
  );
  assert.match(await el(page).locator('[data-stat=dead]').textContent(), /^\d+ \/ 128$/);
  await page.screenshot({ path: `${root}build/artifacts/dead-relu.png`, fullPage: true });
  await page.close();
});

test('Chinese, keyboard and 360 px: Step through and the inspector are usable', async () => {
  const page = await open(
    browser,
    `${server.url}web/?batch=128&lang=zh&panels=loss,code,inspector,gradcheck`,
    { width: 360, height: 1400 },
  );
  await waitState(page, 'ready');
  const button = el(page).locator('[data-c=inside]');
  assert.equal(await button.textContent(), '分阶段执行');
  await button.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('xtape-trainer').inside?.phase === 'z1');
  assert.equal(await button.textContent(), '继续');
  assert.match(await el(page).locator('.status').textContent(), /分阶段执行/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page is ${overflow} px wide`);
  await page.screenshot({ path: `${root}build/artifacts/inside-zh-360.png`, fullPage: true });
  await page.close();
});

test('the loss chart overlays the float64 reference (default recipe) and the previous run', async () => {
  const page = await open(browser, `${server.url}web/`); // the defaults: full batch, seed 42, lr 0.01
  await waitState(page, 'ready');
  const first = await runSteps(page, 5);
  const diff = await page.evaluate(() => document.querySelector('xtape-trainer').refDiff);
  assert.ok(diff < 1e-4, `largest relative difference from float64: ${diff}`);
  assert.match(await el(page).locator('[data-stat=reference]').textContent(), /^\d\.\de-\d+$/);
  const series = () =>
    page.evaluate(() =>
      document
        .querySelector('xtape-trainer')
        .view.charts.loss.data.map((a) => a.filter((v) => v !== null).length),
    );
  const [, losses, ref, , tutorial] = await series();
  assert.equal(losses, 5);
  assert.ok(ref >= 5);
  assert.ok(tutorial >= 5); // the tutorial's printed losses, from its own random start
  assert.equal(
    await page.evaluate(() => document.querySelector('xtape-trainer').view.charts.loss.data[4][0]),
    0.41989234,
  );
  assert.equal(await el(page).locator('.reference-run').isVisible(), false); // shipped: nothing to compute
  // a change of learning rate: the previous run stays on the chart beside the new one
  await page.evaluate(() =>
    document
      .querySelector('xtape-trainer')
      .reset({ ...document.querySelector('xtape-trainer').config, lr: 0.05 }),
  );
  await waitState(page, 'ready');
  await runSteps(page, 3);
  const [, now, refAfter, prev, tutorialAfter] = await series();
  assert.equal(now, 3);
  assert.equal(prev, 5);
  assert.equal(refAfter, 0); // lr 0.05 is not the recipe the reference was computed for
  assert.equal(tutorialAfter, 0); // nor the tutorial's
  assert.equal(await el(page).locator('.reference-run').isVisible(), true); // it can be computed here
  assert.deepEqual(
    await page.evaluate(() => document.querySelector('xtape-trainer').previous),
    first,
  );
  await el(page)
    .locator('[data-p=loss]')
    .screenshot({ path: `${root}build/artifacts/loss-overlay.png` });
  await page.close();
});

test('other settings: the float64 reference is computed in the page on request and follows Reset', async () => {
  const page = await open(browser, `${server.url}web/?batch=128&lr=0.05&update=momentum&seed=3`);
  await waitState(page, 'ready');
  const button = el(page).locator('.reference-run');
  assert.equal(await button.textContent(), 'Compute the float64 reference');
  await button.focus();
  await page.keyboard.press('Enter');
  const compared = async (n) => {
    await runSteps(page, n);
    await page.waitForFunction(
      (k) => document.querySelector('xtape-trainer').ref?.losses.length >= k,
      n,
      { timeout: 120000 },
    );
    return page.evaluate(() => document.querySelector('xtape-trainer').refDiff);
  };
  const diff = await compared(10);
  assert.ok(
    diff < 1e-4,
    `largest relative difference from float64 over 10 momentum steps: ${diff}`,
  );
  assert.match(
    await el(page).locator('.reference-note').textContent(),
    /computed in this page: \d+ steps so far, 10 compared/,
  );
  assert.match(await el(page).locator('[data-stat=reference]').textContent(), /^\d\.\de-\d+$/);
  // Reset with another start and Adam: the reference is recomputed for it, unasked
  await page.evaluate(() =>
    document.querySelector('xtape-trainer').reset({
      ...document.querySelector('xtape-trainer').config,
      seed: 8,
      update: 'adam',
      lr: 0.001,
    }),
  );
  await waitState(page, 'ready');
  const after = await compared(5);
  console.log(
    `# float64 reference in the page: momentum, 10 steps: ${diff.toExponential(2)}; Adam, 5 steps: ${after.toExponential(2)}`,
  );
  assert.ok(after < 1e-4, `Adam: ${after}`);
  await el(page)
    .locator('[data-p=loss]')
    .screenshot({ path: `${root}build/artifacts/reference-in-page.png` });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('training with the inspector open: no long main-thread task (measured and printed)', async () => {
  const page = await open(browser, `${server.url}web/?batch=128&seed=4`);
  await waitState(page, 'ready');
  const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
  const msPerStep = async () =>
    median(
      await page.evaluate(() =>
        document
          .querySelector('xtape-trainer')
          .log.slice(-30)
          .map((r) => r.ms),
      ),
    );
  await runSteps(page, 40);
  const closed = await msPerStep();
  for (let i = 0; i < 6; i++) await continuePhase(page); // a step through, then open w1 with its gradient
  await el(page).locator('button.open', { hasText: 'w1' }).click();
  await page.waitForFunction(
    () =>
      document.querySelector('xtape-trainer').shadowRoot.querySelectorAll('.views .tensor-view')
        .length === 3,
  );
  await page.evaluate(() => (window.__longest = 0));
  await runSteps(page, 40);
  const open_ = await msPerStep();
  const longest = await page.evaluate(() => window.__longest);
  console.log(
    `# batch 128, ms/step (median of 30): inspector closed ${closed.toFixed(2)}, open ${open_.toFixed(2)} (${((open_ / closed - 1) * 100).toFixed(1)}%); longest main-thread task while training with it open: ${longest.toFixed(0)} ms`,
  );
  assert.ok(longest < 100, `a main-thread task took ${longest} ms`);
  await page.close();
});
