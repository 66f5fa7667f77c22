// The JS API in Chromium: the tutorial program gives the native example's losses, bit for bit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { serve, launch, open, root } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const native = `${root}build/native/forward_propagation`;

const want = () =>
  execFileSync(native, ['--rows', '1000', '--steps', '8', '--seed', '5'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith('step '))
    .map((l) => Number(l.split(' ')[3]));

// The tutorial on 1000 rows, in the page's main thread, with the build chosen by the flags.
async function tutorial(page, flags) {
  return page.evaluate(async (f) => {
    Object.assign(globalThis, f);
    const xtape = await import('/js/index.mjs');
    const d = await xtape.loadFashionMnist();
    const rows = 1000;
    const x = xtape.tidy(() =>
      xtape
        .constant(d.xTrain.data().subarray(0, rows * 784), [rows, 784], 'uint8')
        .cast('float32')
        .div(255),
    );
    const y = xtape.tidy(() =>
      xtape.oneHot(xtape.constant(d.yTrain.data().subarray(0, rows), [rows], 'uint8'), 10),
    );
    const g = xtape.random.Generator.fromSeed(5);
    const w1 = new xtape.Variable(g.truncatedNormal([784, 128], { stddev: 0.1 }));
    const b1 = new xtape.Variable(xtape.zeros([128]));
    const w2 = new xtape.Variable(g.truncatedNormal([128, 10], { stddev: 0.1 }));
    const b2 = new xtape.Variable(xtape.zeros([10]));
    const losses = [];
    for (let i = 0; i < 8; i++) {
      losses.push(
        xtape.tidy(() => {
          const tape = new xtape.GradientTape();
          const loss = tape.record(() =>
            xtape.reduceMean(
              xtape.square(y.sub(xtape.relu(x.matmul(w1).add(b1)).matmul(w2).add(b2))),
            ),
          );
          const grads = tape.gradient(loss, [w1, b1, w2, b2]);
          [w1, b1, w2, b2].forEach((v, k) => v.assignSub(grads[k].mul(0.01)));
          return loss.item();
        }),
      );
    }
    return { losses, env: xtape.env };
  }, flags);
}

test(
  'the tutorial program in Chromium reproduces the C++ example bit for bit',
  { skip: !existsSync(native) },
  async () => {
    const page = await open(browser, `${server.url}web/embed.html`);
    const { losses, env } = await tutorial(page, { XTAPE_RELAXED_SIMD: false });
    assert.equal(env.relaxedSimd, false);
    assert.equal(losses.length, 8);
    const w = want();
    losses.forEach((l, i) => assert.equal(Number(l.toPrecision(9)), w[i], `step ${i}`));
    assert.deepEqual(page.problems, []);
    await page.close();
  },
);

test(
  'the relaxed-SIMD FMA kernel runs in Chromium and agrees to 1e-6',
  { skip: !existsSync(native) },
  async () => {
    const page = await open(browser, `${server.url}web/embed.html`);
    const { losses, env } = await tutorial(page, { XTAPE_THREADS: false });
    assert.equal(env.threads, false);
    assert.equal(env.relaxedSimd, true, 'Chromium 114+ accepts relaxed SIMD');
    const w = want();
    losses.forEach((l, i) =>
      assert.ok(Math.abs(l - w[i]) <= 1e-6 * w[i], `step ${i}: ${l} vs ${w[i]}`),
    );
    assert.deepEqual(page.problems, []);
    await page.close();
  },
);

test(
  'the threaded build in a Worker runs the relaxed-SIMD FMA block on every thread, and agrees to 1e-6',
  { skip: !existsSync(native) },
  async () => {
    const page = await open(browser, `${server.url}web/embed.html`);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    const main = await page.evaluate(async () => (await import('/js/index.mjs')).env);
    assert.equal(main.threads, false); // a page's main thread gets the single-thread build
    const { losses, env, threads } = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const src = `
      const xtape = await import('${location.origin}/js/index.mjs');
      const d = await xtape.loadFashionMnist({ url: '${location.origin}/data/' });
      const rows = 1000, idx = xtape.constant(Int32Array.from({ length: rows }, (_, i) => i));
      const x = xtape.tidy(() => xtape.gather(d.xTrain, idx).reshape([rows, 784]).cast('float32').div(255));
      const y = xtape.tidy(() => xtape.oneHot(xtape.gather(d.yTrain, idx), 10));
      const g = xtape.random.Generator.fromSeed(5);
      const w1 = new xtape.Variable(g.truncatedNormal([784, 128], { stddev: 0.1 })), b1 = new xtape.Variable(xtape.zeros([128]));
      const w2 = new xtape.Variable(g.truncatedNormal([128, 10], { stddev: 0.1 })), b2 = new xtape.Variable(xtape.zeros([10]));
      const losses = [];
      for (let i = 0; i < 8; i++) losses.push(xtape.tidy(() => {
        const tape = new xtape.GradientTape();
        const loss = tape.record(() => xtape.reduceMean(xtape.square(y.sub(xtape.relu(x.matmul(w1).add(b1)).matmul(w2).add(b2)))));
        const grads = tape.gradient(loss, [w1, b1, w2, b2]);
        [w1, b1, w2, b2].forEach((v, k) => v.assignSub(grads[k].mul(0.01)));
        return loss.item();
      }));
      postMessage({ losses, env: xtape.env, threads: xtape.numThreads() });`;
          const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })), {
            type: 'module',
          });
          w.onmessage = (e) => resolve(e.data);
          w.onerror = (e) => reject(new Error(e.message));
        }),
    );
    assert.equal(env.threads, true);
    assert.equal(env.relaxedSimd, true);
    assert.ok(threads >= 2, `${threads} threads`);
    const w = want();
    losses.forEach((l, i) =>
      assert.ok(Math.abs(l - w[i]) <= 1e-6 * w[i], `step ${i}: ${l} vs ${w[i]}`),
    );
    assert.deepEqual(page.problems, []);
    await page.close();
  },
);
