// The Python view of the page and the tutorial's cells, as a reader uses them in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, root } from './harness.mjs';

let server, plain, browser;
before(async () => {
  server = await serve(); // cross-origin isolated: Stop interrupts through shared memory
  plain = await serve('--no-isolation');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  plain?.close();
});

const block = (page, sel) => page.locator(sel);
const status = (page, sel) =>
  page.evaluate(
    (s) => document.querySelector(s).shadowRoot.querySelector('.status').textContent,
    sel,
  );
const output = (page, sel) => page.evaluate((s) => document.querySelector(s).output, sel);
async function waitIdle(page, sel, timeout = 120000) {
  await page.waitForFunction(
    (s) => {
      const el = document.querySelector(s);
      return el?.shadowRoot && !el.shadowRoot.querySelector('.run').disabled && el.started;
    },
    sel,
    { timeout },
  );
}

test('the Python view: Run the tutorial, 50 losses stream and the chart grows; a syntax error marks its line', async () => {
  const page = await open(browser, `${server.url}web/?python=1`);
  await page.waitForFunction(() => document.querySelector('#program')?.view, null, {
    timeout: 30000,
  }); // CodeMirror loaded
  await page.evaluate(() => document.querySelector('#program').setAttribute('rows', '500'));
  const t0 = Date.now();
  await block(page, '#program').getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(() => document.querySelector('#program').output.length >= 1, null, {
    timeout: 120000,
  });
  const firstOutputMs = Date.now() - t0;
  await waitIdle(page, '#program');
  const lines = await output(page, '#program');
  assert.equal(lines.length, 50, lines.join('\n'));
  assert.ok(
    lines.every((l) => /^\d+\.\d+$/.test(l)),
    lines.join(' '),
  ); // unseeded weights: the first loss may exceed 1
  assert.ok(Number(lines[49]) < Number(lines[0]));
  assert.equal(await page.evaluate(() => document.querySelector('#program').chart.points), 50);
  assert.match(await status(page, '#program'), /^Done in [\d.]+ s$/);
  await page.screenshot({ path: `${root}build/artifacts/python-view.png`, fullPage: true });
  console.log(
    `# Run to first Python output (cold: Pyodide, the package, the data): ${firstOutputMs} ms`,
  );

  // the optimizer variant is one click away, and runs
  await page.locator('#variant').click();
  assert.match(
    await page.evaluate(() => document.querySelector('#program').code),
    /optimizer\.apply_gradients\(zip\(grads, \[w1, b1, w2, b2\]\)\)/,
  );
  await page.locator('#restore').click();

  // a syntax error: the traceback is shown and the editor marks the line
  await page.evaluate(() => {
    document.querySelector('#program').code =
      'import tensorflow as tf\nx = tf.constant(1.)\ny = (x +\n';
  });
  await block(page, '#program').getByRole('button', { name: 'Run' }).click();
  await waitIdle(page, '#program');
  const tb = (await output(page, '#program')).join('\n');
  assert.match(tb, /SyntaxError/);
  assert.match(tb, /line 3/);
  assert.equal(
    await page.evaluate(
      () => document.querySelector('#program').shadowRoot.querySelectorAll('.cm-error-line').length,
    ),
    1,
  );
  assert.match(await status(page, '#program'), /Python raised an error/);
  // the edit is kept for the next visit
  assert.match(
    await page.evaluate(() => localStorage.getItem('xtape.python.program')),
    /y = \(x \+/,
  );
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the Python view: TF's Keras tutorial runs model.fit with a live chart of loss and accuracy per step and validation per epoch", async () => {
  const page = await open(browser, `${server.url}web/?python=1`);
  await page.waitForFunction(() => document.querySelector('#program')?.view, null, {
    timeout: 30000,
  });
  await page.evaluate(() => document.querySelector('#program').setAttribute('rows', '3000'));
  await page.locator('#keras').click();
  assert.match(
    await page.evaluate(() => document.querySelector('#program').code),
    /model\.fit\(train_images, train_labels, epochs=10, validation_split=0\.1\)/,
  );
  await block(page, '#program').getByRole('button', { name: 'Run' }).click();
  // the chart appears while fit is still running (live), not only at the end
  await page.waitForFunction(
    () => {
      const el = document.querySelector('#program');
      return el.fitChart?.points > 0 && el.finish; // finish: set while the block runs
    },
    null,
    { timeout: 120000 },
  );
  await waitIdle(page, '#program');
  const lines = await output(page, '#program');
  const text = lines.join('\n');
  assert.match(text, /^Epoch 10\/10$/m, text);
  // 2,700 training rows (3,000 less the validation tenth): 85 steps of 32
  assert.match(
    text,
    /^85\/85 ━{20} \d+s \d+(ms|us)\/step - accuracy: 0\.\d{4} - loss: \d\.\d{4} - val_accuracy: 0\.\d{4} - val_loss: \d\.\d{4}$/m,
  );
  assert.match(text, /Test accuracy: 0\.\d+/);
  const chart = await page.evaluate(() => {
    const el = document.querySelector('#program');
    const box = el.shadowRoot.querySelector('.fit');
    return {
      hidden: box.hidden,
      points: el.fitChart.points,
      title: box.querySelector('.u-title')?.textContent,
      series: [...box.querySelectorAll('.u-legend .u-series')].map((s) => s.textContent.trim()),
      rows: el.fitChart.rows,
    };
  });
  assert.equal(chart.hidden, false);
  assert.equal(chart.title, 'fit: loss and metrics per step (dashed: validation, per epoch)');
  assert.deepEqual(chart.series, ['loss', 'val_loss', 'accuracy', 'val_accuracy']);
  // a point at each epoch's last step (850 = 10 x 85) with its validation values
  const last = chart.rows.at(-1);
  assert.equal(last[0], 850);
  assert.ok(
    last.every((v) => Number.isFinite(v)),
    JSON.stringify(last),
  );
  const lossAt = (x) => chart.rows.find((r) => r[0] === x)[1];
  assert.ok(lossAt(850) < lossAt(85), `epoch-end losses ${lossAt(85)} -> ${lossAt(850)}`);
  assert.equal(chart.rows.filter((r) => r[0] % 85 === 0 && Number.isFinite(r[2])).length, 10);
  await page.screenshot({ path: `${root}build/artifacts/python-fit.png`, fullPage: true });
  await page.close();
});

test('Stop interrupts a running program (KeyboardInterrupt) and the interpreter stays usable', async () => {
  const page = await open(browser, `${server.url}web/?python=1`);
  await page.waitForFunction(() => document.querySelector('#program')?.view, null, {
    timeout: 30000,
  });
  await page.evaluate(() => {
    localStorage.clear();
    document.querySelector('#program').code =
      'import tensorflow as tf\ni = 0\nwhile True:\n    i += 1\n    if i % 20000 == 0:\n        print(i)\n';
  });
  await block(page, '#program').getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(() => document.querySelector('#program').output.length >= 2, null, {
    timeout: 120000,
  });
  await block(page, '#program').getByRole('button', { name: 'Stop' }).click();
  await waitIdle(page, '#program', 30000);
  assert.equal(await status(page, '#program'), 'Stopped.');
  await page.evaluate(() => {
    document.querySelector('#program').code = 'print(i > 0, tf.constant(2.) * 3)';
  });
  await block(page, '#program').getByRole('button', { name: 'Run' }).click();
  await waitIdle(page, '#program');
  assert.deepEqual(await output(page, '#program'), [
    'True tf.Tensor(6.0, shape=(), dtype=float32)',
  ]); // same interpreter
  await page.close();
});

test('the tutorial as cells on a plain host: Run on the last block runs the blocks above in order', async () => {
  const page = await open(browser, `${plain.url}web/embed.html`);
  await page.waitForFunction(() => document.querySelector('#cell-loop')?.shadowRoot, null, {
    timeout: 30000,
  });
  await page.evaluate(() =>
    document.querySelectorAll('xtape-python').forEach((b) => b.setAttribute('rows', '300')),
  );
  await block(page, '#cell-loop').getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(() => document.querySelector('#cell-loop').output.length >= 50, null, {
    timeout: 180000,
  });
  assert.deepEqual(await output(page, '#cell-data'), ["(300, 784) (300, 10) <dtype: 'float32'>"]);
  assert.deepEqual(await output(page, '#cell-params'), ['(784, 128) (128,) (128, 10) (10,)']);
  const tape = await output(page, '#cell-tape');
  assert.match(tape[0], /^\d+\.\d+$/); // unseeded weights: the loss may exceed 1
  assert.equal(
    tape[1],
    '[TensorShape([784, 128]), TensorShape([128]), TensorShape([128, 10]), TensorShape([10])]',
  );
  const loop = await output(page, '#cell-loop');
  assert.ok(Number(loop[49]) < Number(tape[0]));
  // a cell that fails shows Python's traceback; the cells after it keep their interpreter
  await page.evaluate(() => {
    document.querySelector('#cell-params').code = 'tf.Varible(1.)';
  });
  await block(page, '#cell-params').getByRole('button', { name: 'Run' }).click();
  await waitIdle(page, '#cell-params');
  assert.match(
    (await output(page, '#cell-params')).join('\n'),
    /AttributeError: module 'tensorflow' has no attribute 'Varible'\. Did you mean: 'Variable'\?/,
  );
  await page.locator('#cells').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${root}build/artifacts/python-cells.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('mnist-url: keras.datasets.mnist.load_data() reads the four files from that folder; without it, Python says how to give it', async () => {
  const page = await open(browser, `${server.url}web/embed.html`);
  await page.evaluate(() => {
    document.querySelectorAll('xtape-trainer, iframe, xtape-python').forEach((e) => e.remove());
    const el = document.createElement('xtape-python');
    el.id = 'm';
    el.textContent =
      'import tensorflow as tf\n(x, y), (xt, yt) = tf.keras.datasets.mnist.load_data()\nprint(x.shape, y.shape, xt.shape, yt.shape)';
    document.body.append(el);
  });
  await block(page, '#m').getByRole('button', { name: 'Run' }).click();
  await waitIdle(page, '#m');
  assert.match(
    (await output(page, '#m')).join('\n'),
    /NotFoundError.*MNIST is not loaded.*<xtape-python mnist-url>/s,
  );
  // Fashion-MNIST's files have MNIST's format and names: served at /data/, they stand in for it
  await page.evaluate(() => document.querySelector('#m').setAttribute('mnist-url', '/data/'));
  await block(page, '#m').getByRole('button', { name: 'Run' }).click();
  await waitIdle(page, '#m');
  assert.deepEqual(await output(page, '#m'), ['(60000, 28, 28) (60000,) (10000, 28, 28) (10000,)']);
  assert.deepEqual(page.problems, []);
  await page.close();
});
