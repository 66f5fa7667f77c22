// The page's float64 recipe (web/trainer/reference-f64.mjs, computed in the page for settings without a
// shipped curve) against the independent C++ one (tests/reference/reference_f64.cpp), from the
// same seeded initial weights on the same rows.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { xtape } from './helpers.mjs';
import { RecipeF64 } from '../../web/trainer/reference-f64.mjs';
import { initialWeights } from '../../web/trainer/recipe.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ROWS = 3000,
  STEPS = 4,
  SEED = 7,
  LR = 0.05;

test('float64 recipe: the page (JS) and the C++ reference agree to the 9 digits C++ prints, over full-batch steps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xtape-ref-js-'));
  try {
    execFileSync(join(root, 'build/native/forward_propagation'), [
      '--seed',
      String(SEED),
      '--steps',
      '0',
      '--save',
      dir,
    ]);
    const out = execFileSync(
      join(root, 'build/native/reference_f64'),
      ['--init', dir, '--steps', String(STEPS), '--rows', String(ROWS), '--lr', String(LR)],
      { encoding: 'utf8' },
    );
    const cpp = [...out.matchAll(/^step \d+ loss (\S+)$/gm)].map((m) => Number(m[1]));
    assert.equal(cpp.length, STEPS);
    const d = await xtape.loadFashionMnist();
    const pixels = d.xTrain.data().subarray(0, ROWS * 784),
      labels = d.yTrain.data().subarray(0, ROWS);
    xtape.dispose(d);
    const vars = initialWeights(xtape, xtape.random.Generator.fromSeed(SEED), 128);
    const weights = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.data()]));
    xtape.dispose(Object.values(vars));
    const recipe = new RecipeF64(pixels, labels, weights, {
      hidden: 128,
      lr: LR,
      loss: 'mse',
      update: 'manual',
    });
    const js = Array.from({ length: STEPS }, () => recipe.step(null));
    js.forEach((l, i) =>
      assert.ok(Math.abs(l - cpp[i]) / cpp[i] < 1e-8, `step ${i}: JS ${l}, C++ ${cpp[i]}`),
    ); // C++ prints 9 digits
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('float64 recipe: cross-entropy and the optimizers follow their formulas on a hand-sized case', () => {
  // one row, one hidden unit: z1 = x.w1 + b1, out_c = relu(z1) w2_c + b2_c
  const pixels = new Uint8Array(784),
    labels = [3];
  pixels[0] = 255; // x_0 = 1, every other pixel 0
  const weights = {
    w1: Float32Array.from({ length: 784 }, (_, k) => (k === 0 ? 0.5 : 9)),
    b1: [0.25],
    w2: Float32Array.from({ length: 10 }, (_, c) => c / 10),
    b2: new Float32Array(10),
  };
  const h = 0.75,
    out = Array.from({ length: 10 }, (_, c) => h * Math.fround(c / 10)); // w2 is float32
  const lse = Math.log(out.reduce((s, o) => s + Math.exp(o), 0));
  const ce = new RecipeF64(pixels, labels, weights, {
    hidden: 1,
    lr: 0.1,
    loss: 'ce',
    update: 'sgd',
  });
  assert.ok(Math.abs(ce.step(null) - (lse - out[3])) < 1e-15);
  // db2_c = softmax_c - [c = 3]; after SGD b2 = -0.1 db2
  ce.w[3].forEach((b, c) =>
    assert.ok(Math.abs(b + 0.1 * (Math.exp(out[c] - lse) - (c === 3 ? 1 : 0))) < 1e-15, `b2[${c}]`),
  );
  // Adam's first step moves every coordinate with a gradient by lr * g / (|g| + eps*...) ~ lr
  const adam = new RecipeF64(pixels, labels, weights, {
    hidden: 1,
    lr: 0.01,
    loss: 'mse',
    update: 'adam',
  });
  adam.step(null);
  assert.ok(Math.abs(adam.w[1][0] - (0.25 - 0.01)) < 1e-6); // db1 > 0 here: every w2_c > 0 pulls out down
  assert.equal(adam.w[0][1], 9); // a zero pixel: no gradient, no move
  const momentum = new RecipeF64(pixels, labels, weights, {
    hidden: 1,
    lr: 0.1,
    loss: 'mse',
    update: 'momentum',
  });
  momentum.step(null);
  const g = momentum.g[3][0],
    first = momentum.w[3][0]; // b2_0 after one step: -lr g
  assert.ok(Math.abs(first + 0.1 * g) < 1e-15);
});
