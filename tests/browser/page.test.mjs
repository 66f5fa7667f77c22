// The page as a person uses it, in Debian's headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { serve, launch, open, waitState, runSteps, root } from './harness.mjs';

let server, browser;
const artifacts = `${root}build/artifacts`;
before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const shown = (page, sel) => page.locator('xtape-trainer').locator(sel).innerText();
const falling = (l) =>
  l.at(-1) < l[0] &&
  l.slice(-5).reduce((a, b) => a + b) / 5 < l.slice(0, 5).reduce((a, b) => a + b) / 5;

test('loads the data, Step shows a loss, Run 20 mini-batch steps trains, Reset repeats', async () => {
  const page = await open(browser, `${server.url}web/?batch=128&lr=0.1&eval-every=10&seed=7`);
  await waitState(page, 'ready');
  const readyMs = await page.evaluate(() => document.querySelector('xtape-trainer').readyMs);
  assert.match(await shown(page, '.status'), /Ready in [\d.]+ s/);
  // The server sends COOP/COEP: the worker takes the threaded build, at batch 128 too.
  const [threads] = await page.evaluate(() => document.querySelector('xtape-trainer').engine);
  assert.ok(threads >= 2, `the worker runs ${threads} thread(s) on an isolated page`);

  await page.evaluate(() => (window.__longest = 0)); // count only tasks while training
  const one = await runSteps(page, 1);
  assert.equal(one.length, 1);
  assert.match(await shown(page, '[data-stat=loss]'), /^0\.\d+$/);

  const losses = await runSteps(page, 20);
  assert.equal(losses.length, 21);
  assert.ok(falling(losses), `loss did not fall: ${losses.map((l) => l.toFixed(3))}`);
  const points = await page.evaluate(
    () => document.querySelector('xtape-trainer').view.charts.loss.points,
  );
  assert.equal(points, 21);
  const acc = await shown(page, '[data-stat=accuracy]');
  assert.match(acc, /^\d+\.\d\d%$/);
  assert.ok(parseFloat(acc) > 40, `accuracy ${acc}`);
  assert.match(await shown(page, '.status'), /Paused after step 21/);
  const longest = await page.evaluate(() => window.__longest);
  await page.screenshot({ path: `${artifacts}/page.png`, fullPage: true });

  await page.locator('xtape-trainer [data-c=reset]').click();
  await waitState(page, 'ready');
  assert.match(await shown(page, '.status'), /Reset: same seed, same start/);
  const again = await runSteps(page, 5);
  assert.deepEqual(again, losses.slice(0, 5)); // same seed: the same first losses, bit for bit
  assert.deepEqual(page.problems, []);
  console.log(
    `# time to first step possible: ${readyMs.toFixed(0)} ms; longest main-thread task while training: ${longest.toFixed(0)} ms`,
  );
  assert.ok(longest < 100, `a main-thread task took ${longest} ms`);
  await page.close();
});

test('export: weights as .npy, the loss log as CSV, a TF2 script', async () => {
  const page = await open(browser, `${server.url}web/?batch=512&seed=2`);
  await waitState(page, 'ready');
  await runSteps(page, 3);
  const grab = async (button, count) => {
    const files = [];
    page.on('download', (d) => files.push(d));
    await page.locator(`xtape-trainer [data-x=${button}]`).click();
    await page.waitForFunction(() => true);
    for (let i = 0; i < 50 && files.length < count; i++) await page.waitForTimeout(100);
    page.removeAllListeners('download');
    return Promise.all(
      files.map(async (d) => ({
        name: d.suggestedFilename(),
        text: await (await d.createReadStream()).toArray().then((c) => Buffer.concat(c)),
      })),
    );
  };
  const npy = await grab('npy', 4);
  assert.deepEqual(npy.map((f) => f.name).sort(), ['b1.npy', 'b2.npy', 'w1.npy', 'w2.npy']);
  const w1 = npy.find((f) => f.name === 'w1.npy').text;
  assert.equal(w1.subarray(1, 6).toString(), 'NUMPY');
  assert.match(
    w1.subarray(10, 80).toString(),
    /'descr': '<f4', 'fortran_order': False, 'shape': \(784, 128\)/,
  );
  const [csv] = await grab('csv', 1);
  const rows = csv.text.toString().trim().split('\n');
  assert.equal(rows[0], 'step,epoch,loss,ms');
  assert.equal(rows.length, 4);
  const [py] = await grab('py', 1);
  assert.match(py.text.toString(), /w1 = tf\.Variable\(np\.load\('w1\.npy'\), name='w1'\)/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Run counts epochs too', async () => {
  const page = await open(browser, `${server.url}web/?batch=20000&seed=4`);
  await waitState(page, 'ready');
  await page.locator('xtape-trainer .run input').fill('2');
  await page.locator('xtape-trainer .run select').selectOption('epochs');
  await page.locator('xtape-trainer .run button').click();
  await page.waitForFunction(
    () => {
      const e = document.querySelector('xtape-trainer');
      return e.state === 'ready' && e.log.length === 6;
    },
    null,
    { timeout: 120000 },
  );
  assert.equal(
    await page.evaluate(() => document.querySelector('xtape-trainer').log.at(-1).epoch),
    1,
  );
  await page.close();
});

test('Pause stops a run between steps', async () => {
  const page = await open(browser, `${server.url}web/?batch=32&seed=3`);
  await waitState(page, 'ready');
  await page.locator('xtape-trainer .run input').fill('100000');
  await page.locator('xtape-trainer .run button').click();
  await page.waitForFunction(() => document.querySelector('xtape-trainer').log.length >= 5);
  await page.locator('xtape-trainer [data-c=pause]').click();
  await waitState(page, 'ready');
  const n = await page.evaluate(() => document.querySelector('xtape-trainer').log.length);
  assert.ok(n >= 5 && n < 100000);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.querySelector('xtape-trainer').log.length), n);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('bad query parameters show a message and fall back to defaults', async () => {
  const page = await open(browser, `${server.url}web/?lr=abc&hidden=-3&loss=hinge&batch=128`);
  await waitState(page, 'ready');
  const msg = await shown(page, '.message');
  assert.match(msg, /"lr" = "abc" is not valid; using 0.01/);
  assert.match(msg, /"hidden" = "-3" is not valid; using 128/);
  assert.match(msg, /"loss" = "hinge" is not valid; using mse/);
  const cfg = await page.evaluate(() => document.querySelector('xtape-trainer').config);
  assert.equal(cfg.lr, 0.01);
  assert.equal(cfg.batch, 128);
  assert.equal((await runSteps(page, 1)).length, 1);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('hostile query keys and values: no script runs, no attribute is set, the page starts', async () => {
  const q =
    '?onmouseover=window.__pwned%3D1&onfocus=window.__pwned%3D2&x%20y=1&%3Cimg%3E=1&style=display:none' +
    '&data-url=https://evil.example/&lr=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D3%3E' +
    '&panels=loss,%3Cscript%3Ewindow.__pwned%3D4%3C/script%3E&lang=zh%22%3E%3Cb%3E&seed=' +
    '9'.repeat(5000);
  const page = await open(browser, `${server.url}web/${q}`);
  page.on('dialog', (d) => {
    page.problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  await waitState(page, 'ready');
  const el = page.locator('xtape-trainer');
  await el.hover();
  await el.focus().catch(() => {});
  const attrs = await page.evaluate(() =>
    document.querySelector('xtape-trainer').getAttributeNames(),
  );
  assert.deepEqual(
    attrs.filter((a) => !['id', 'data-url', 'lr', 'panels', 'lang', 'seed'].includes(a)),
    [],
  );
  assert.equal(await el.getAttribute('data-url'), '/data/'); // the page's own, not the query's
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(
    await page.evaluate(
      () => document.querySelectorAll('img:not([src^="data:"]), script:not([type])').length,
    ),
    0,
  );
  assert.match(await shown(page, '.message'), /lr/); // the bad values are reported, as text
  await runSteps(page, 1); // and the defaults train
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('divergence pauses training and says what to try', async () => {
  const page = await open(browser, `${server.url}web/?lr=50&batch=128&seed=1`);
  await waitState(page, 'ready');
  await page.locator('xtape-trainer .run button').click();
  await page.waitForFunction(
    () => !document.querySelector('xtape-trainer').shadowRoot.querySelector('.message').hidden,
    null,
    { timeout: 60000 },
  );
  await waitState(page, 'ready');
  assert.match(
    await shown(page, '.message'),
    /Training stopped at step \d+: the loss became .*learning rate is probably too large/,
  );
  const losses = await page.evaluate(() => document.querySelector('xtape-trainer').losses);
  assert.ok(losses.every(Number.isFinite), 'a non-finite loss reached the plot');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Chinese text, the language switch, and a 360 px wide screen', async () => {
  const page = await open(browser, `${server.url}web/?lang=zh&batch=128`, {
    width: 360,
    height: 900,
  });
  await waitState(page, 'ready');
  assert.match(await shown(page, 'h2'), /在 Fashion-MNIST 上实时训练/);
  assert.equal(await shown(page, '[data-c=step]'), '单步');
  // measure once the evaluation (samples, confusion matrix) has been drawn
  await page.waitForFunction(
    () =>
      document.querySelector('xtape-trainer').shadowRoot.querySelectorAll('table.confusion tr')
        .length === 11,
  );
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page is ${overflow} px wide at 360`);
  await page.screenshot({ path: `${artifacts}/page-360-zh.png`, fullPage: true });
  await page.locator('xtape-trainer button.lang').click();
  assert.equal(await shown(page, '[data-c=step]'), 'Step');
  // every control has a name a screen reader can announce
  const unnamed = await page.evaluate(
    () =>
      [
        ...document
          .querySelector('xtape-trainer')
          .shadowRoot.querySelectorAll('button, input, select'),
      ].filter(
        (e) =>
          !e.closest('[hidden]') &&
          !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim()),
      ).length,
  );
  assert.equal(unnamed, 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a missing dataset: the packaged subset trains, labelled, saying how to get the full data', async () => {
  const empty = await serve('--data', '/nonexistent');
  const page = await open(browser, `${empty.url}web/`);
  await waitState(page, 'ready', 'xtape-trainer', 30000);
  assert.match(
    await shown(page, '.subset'),
    /subset of Fashion-MNIST.*2,000 training.*apt-get install dataset-fashion-mnist/s,
  );
  const losses = await runSteps(page, 3);
  assert.equal(losses.length, 3);
  assert.ok(
    page.problems.every((p) => /404/.test(p)),
    page.problems.join('\n'),
  );
  await page.close();
  empty.close();
});

// Issue: el.reset(config) stored any object and its values reached the exported script as text.
test('the element from JS: hostile settings are refused by name, shown, and training goes on as before', async () => {
  const page = await open(browser, `${server.url}web/?batch=128&lr=0.1&seed=3&update=sgd`);
  await waitState(page, 'ready');
  const first = await runSteps(page, 2);
  const r = await page.evaluate(() => {
    const el = document.querySelector('xtape-trainer');
    const out = [];
    const tries = [
      () => el.reset({ ...el.config, lr: '0.01\nimport os; os.system("x")' }),
      () => el.reset({ ...el.config, lr: { toString: () => '0.1' } }),
      () => el.reset({ ...el.config, hidden: NaN }),
      () => el.reset({ ...el.config, seed: Infinity }),
      () => el.reset({ ...el.config, batch: 2 ** 60 }),
      () => el.reset(JSON.parse('{"__proto__": {"lr": 5}}')),
      () => el.reset('lr=5'),
      () => el.run('5'),
      () => el.run(2.5),
      () => el.gradcheck('x'),
    ];
    for (const f of tries) {
      try {
        f();
        out.push('accepted');
      } catch (e) {
        out.push(`${e.name}: ${e.message}`);
      }
    }
    return {
      out,
      config: el.config,
      message: el.shadowRoot.querySelector('.message').textContent,
      state: el.state,
    };
  });
  assert.deepEqual(
    r.out.map((s) => s.split(':')[0]),
    [...Array(7).fill('SettingsError'), 'RangeError', 'RangeError', 'RangeError'],
  );
  assert.match(r.out[0], /bad settings: lr = "0\.01\\nimport os/);
  assert.match(
    r.out[4],
    /batch = 1152921504606847000 \(expected "full" or an integer in \[1, 60000\]\)/,
  );
  assert.match(r.out[5], /__proto__ = .*not a setting/);
  assert.match(r.message, /gradcheck: perturb must be a finite number/); // the last refusal is on the page
  assert.equal(r.config.lr, 0.1);
  assert.equal(r.config.batch, 128);
  assert.equal(r.state, 'ready');
  const more = await runSteps(page, 2); // not reset: the run goes on from step 2
  assert.equal(more.length, 4);
  assert.deepEqual(more.slice(0, 2), first);
  // a valid partial config is merged over the current settings
  await page.evaluate(() => document.querySelector('xtape-trainer').reset({ lr: 0.05 }));
  await waitState(page, 'ready');
  assert.deepEqual(
    await page.evaluate(() => [
      document.querySelector('xtape-trainer').config.lr,
      document.querySelector('xtape-trainer').config.update,
    ]),
    [0.05, 'sgd'],
  );
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the settings form, made from the settings list, applies its values through the same rules', async () => {
  const page = await open(browser, `${server.url}web/?batch=128&seed=5&lang=zh`);
  await waitState(page, 'ready');
  const form = page.locator('xtape-trainer form.settings');
  await page.locator('xtape-trainer [data-c=settings] summary').click();
  assert.equal(await form.locator('[name=lr]').inputValue(), '0.01');
  assert.equal(await form.locator('[name=batch]').inputValue(), '128');
  assert.match(await form.locator('label').first().innerText(), /学习率/); // labels by the setting's key, translated
  await form.locator('[name=lr]').fill('0.002');
  await form.locator('[name=update]').selectOption('adam');
  await form.locator('button[type=submit]').click();
  await waitState(page, 'ready');
  const config = await page.evaluate(() => document.querySelector('xtape-trainer').config);
  assert.equal(config.lr, 0.002);
  assert.equal(config.update, 'adam');
  assert.equal(config.batch, 128);
  assert.equal(config.lang, 'zh');
  assert.equal((await runSteps(page, 3)).length, 3);
  await page.screenshot({ path: `${artifacts}/settings-form.png` });
  assert.deepEqual(page.problems, []);
  await page.close();
});
