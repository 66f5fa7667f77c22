// xtape.customGradient (TF: tf.custom_gradient): the tapes take the given rule, not the forward.
import { test } from 'node:test';
import { xtape, assert } from './helpers.mjs';

// TF's documentation example: log(1 + e^x) with a gradient that stays finite at x = 100.
const log1pexp = xtape.customGradient((x) => {
  const e = xtape.exp(x);
  return {
    value: xtape.log(e.add(1)),
    grad: (dy) => [dy.mul(xtape.sub(1, xtape.div(1, e.add(1))))],
  };
});

test('customGradient: the rule given, not the forward, and with an upstream gradient', () =>
  xtape.tidy(() => {
    const x = xtape.constant([0, 100]);
    const tape = new xtape.GradientTape({ persistent: true });
    tape.watch(x);
    const y = tape.record(() => log1pexp(x));
    assert.deepEqual(Array.from(tape.gradient(y, x).data()), [0.5, 1]);
    const g = tape.gradient(y, x, { outputGradients: [2, -4] });
    assert.deepEqual(Array.from(g.data()), [1, -4]);
    tape.dispose();
  }));

test('customGradient: a gradient function that throws is an error naming it; memory returns', () => {
  const before = xtape.memory().numTensors;
  xtape.tidy(() => {
    const bad = xtape.customGradient((x) => ({
      value: x.mul(2),
      grad: () => {
        throw new Error('boom');
      },
    }));
    const z = xtape.constant([1, 2]);
    const tape = new xtape.GradientTape();
    tape.watch(z);
    const w = tape.record(() => bad(z));
    assert.throws(() => tape.gradient(w, z), /custom_gradient: Error: boom/);
    const wrong = xtape.customGradient((x) => ({ value: x.mul(2), grad: (dy) => [dy, dy] }));
    const t2 = new xtape.GradientTape();
    t2.watch(z);
    const v = t2.record(() => wrong(z));
    assert.throws(() => t2.gradient(v, z), /returned 2 gradients for 1 inputs/);
  });
  assert.equal(xtape.memory().numTensors, before);
});
