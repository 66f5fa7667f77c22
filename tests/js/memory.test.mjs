// Memory users cannot get wrong: tidy frees every intermediate; a 1,000-step loop stays flat.
import { test } from 'node:test';
import { xtape, assert } from './helpers.mjs';

test('tidy disposes intermediates and keeps what fn returns', () => {
  const before = xtape.memory().numTensors;
  const kept = xtape.tidy(() => {
    const a = xtape.ones([100]);
    const b = a.mul(2).add(1);
    return { b, list: [b.square()] };
  });
  assert.equal(xtape.memory().numTensors, before + 2);
  xtape.dispose(kept);
  assert.equal(xtape.memory().numTensors, before);
});

test('keep() lets a tensor outlive the tidy() that made it', () => {
  const before = xtape.memory().numTensors;
  let kept;
  xtape.tidy(() => {
    kept = xtape.keep(xtape.ones([3]).mul(2));
    xtape.ones([3]); // disposed with the scope
  });
  assert.equal(xtape.memory().numTensors, before + 1);
  assert.deepEqual(Array.from(kept.data()), [2, 2, 2]);
  kept.dispose();
});

test('a 1,000-step training loop written the obvious way keeps memory flat', () => {
  const g = xtape.random.Generator.fromSeed(1);
  const x = g.uniform([64, 784]);
  const y = xtape.oneHot(xtape.constant(new Int32Array(64).map((_, i) => i % 10)), 10);
  const w1 = new xtape.Variable(g.truncatedNormal([784, 128], { stddev: 0.1 }));
  const b1 = new xtape.Variable(xtape.zeros([128]));
  const w2 = new xtape.Variable(g.truncatedNormal([128, 10], { stddev: 0.1 }));
  const b2 = new xtape.Variable(xtape.zeros([10]));
  const opt = new xtape.optimizers.Adam({ learningRate: 0.001 });
  const step = () =>
    xtape.tidy(() => {
      const tape = new xtape.GradientTape();
      const loss = tape.record(() =>
        xtape.reduceMean(xtape.square(y.sub(x.matmul(w1).add(b1).relu().matmul(w2).add(b2)))),
      );
      opt.applyGradients(xtape.zip(tape.gradient(loss, [w1, b1, w2, b2]), [w1, b1, w2, b2]));
      return loss.item();
    });
  const first = step();
  const m0 = xtape.memory();
  let last;
  for (let i = 0; i < 1000; i++) last = step();
  const m1 = xtape.memory();
  assert.equal(m1.numTensors, m0.numTensors);
  assert.equal(m1.numBytes, m0.numBytes);
  assert.equal(m1.numTapes, m0.numTapes);
  assert.equal(m1.heapBytes, m0.heapBytes);
  assert.ok(last < first, `loss ${last} did not fall from ${first}`);
  xtape.dispose([x, y, w1, b1, w2, b2, opt, g]);
});
