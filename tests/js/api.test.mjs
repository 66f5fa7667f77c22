// The JS API mirrors the C++ semantics (tests/test_tape.cpp, test_ops_reference.cpp).
import { test } from 'node:test';
import { xtape, assert, close } from './helpers.mjs';

test('constant, shape, dtype, data, item, array', () =>
  xtape.tidy(() => {
    const t = xtape.constant([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(t.shape, [2, 3]);
    assert.equal(t.dtype, 'float32');
    assert.ok(t.data() instanceof Float32Array);
    assert.deepEqual(t.array(), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.equal(xtape.scalar(2.5).item(), 2.5);
    assert.equal(xtape.constant(new Int32Array([1, 2])).dtype, 'int32');
    assert.deepEqual(Array.from(xtape.ones([2], 'int32').data()), [1, 1]);
  }));

// Number constants and None / one-axis reductions take the plain-value entries; lists of axes,
// and values the core must refuse, the generic one: the same results either way.
test('scalar constants of every dtype, and reductions over None, one axis and a list', () =>
  xtape.tidy(() => {
    for (const [v, dtype] of [
      [2.5, 'float32'],
      [-7, 'int32'],
      [255, 'uint8'],
      [true, 'bool'],
    ]) {
      const t = xtape.constant(v, undefined, dtype);
      assert.deepEqual([t.shape, t.dtype, t.item()], [[], dtype, Number(v)]);
    }
    assert.equal(xtape.constant(2 ** 31 - 1, [], 'int32').item(), 2 ** 31 - 1);
    assert.throws(() => xtape.constant(2 ** 31, [], 'int32'), /not a int32/);
    const m = xtape.constant([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.equal(xtape.reduceMean(m).item(), 3.5);
    close(xtape.reduceMean(m, 0).data(), [2.5, 3.5, 4.5]);
    close(xtape.reduceSum(m, -1, true).data(), [6, 15]);
    assert.deepEqual(xtape.reduceSum(m, -1, true).shape, [2, 1]);
    close(xtape.reduceSum(m, [0, 1]).data(), [21]);
    close(xtape.reduceMax(m, [1]).data(), [3, 6]);
    assert.throws(() => xtape.reduceSum(m, NaN), /axis/);
    assert.throws(() => xtape.reduceSum(m, 0.5), /axis/);
  }));

test('chained ops read like the tutorial: x.matmul(w1).add(b1).relu()', () =>
  xtape.tidy(() => {
    const x = xtape.constant([[1, -2]]);
    const w = xtape.constant([
      [1, 0],
      [0, 1],
    ]);
    const b = xtape.constant([0.5, 0.5]);
    close(x.matmul(w).add(b).relu().data(), [1.5, 0]);
    close(xtape.matmul(x, w, false, true).data(), [1, -2]);
  }));

test('matmul gradient with a non-unit upstream gradient (TF MatMulGrad)', () =>
  xtape.tidy(() => {
    const a = xtape.constant([
        [1, 2],
        [3, 4],
      ]),
      b = xtape.constant([
        [5, 6],
        [7, 8],
      ]);
    const tape = new xtape.GradientTape();
    tape.watch([a, b]);
    const y = tape.record(() => xtape.matmul(a, b));
    const [da, db] = tape.gradient(y, [a, b], {
      outputGradients: xtape.constant([
        [1, 2],
        [3, 4],
      ]),
    });
    close(da.data(), [17, 23, 39, 53]);
    close(db.data(), [10, 14, 14, 20]);
  }));

test('broadcast gradients are reduced back: [3,1] + [1,4], bias add', () =>
  xtape.tidy(() => {
    const a = xtape.constant([[1], [2], [3]]),
      b = xtape.constant([[10, 20, 30, 40]]);
    const tape = new xtape.GradientTape();
    tape.watch([a, b]);
    const y = tape.record(() => a.add(b));
    const dy = xtape.constant([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ]);
    const [da, db] = tape.gradient(y, [a, b], { outputGradients: dy });
    assert.deepEqual(da.shape, [3, 1]);
    close(da.data(), [10, 26, 42]);
    close(db.data(), [15, 18, 21, 24]);
  }));

test('b = a + a; c = b + b gives 4; reduce_mean of 2x2 gives 0.25', () =>
  xtape.tidy(() => {
    const a = xtape.constant([1, 2]);
    const tape = new xtape.GradientTape({ persistent: true });
    tape.watch(a);
    const c = tape.record(() => {
      const b = a.add(a);
      return b.add(b);
    });
    close(tape.gradient(c, a).data(), [4, 4]);
    const m = xtape.constant([
      [1, 2],
      [3, 4],
    ]);
    tape.watch(m);
    const mean = tape.record(() => xtape.reduceMean(m));
    close(tape.gradient(mean, m).data(), [0.25, 0.25, 0.25, 0.25]);
  }));

test('variables: watched when read if trainable; unconnected gives null or zeros', () =>
  xtape.tidy(() => {
    const w = new xtape.Variable(xtape.scalar(2), { name: 'w' });
    const frozen = new xtape.Variable(xtape.scalar(4), { name: 'frozen', trainable: false });
    const c = xtape.scalar(5);
    const tape = new xtape.GradientTape({ persistent: true });
    const y = tape.record(() => w.mul(c).mul(frozen));
    const [dw, dc, dfrozen] = tape.gradient(y, [w, c, frozen]);
    close(dw.data(), [20]);
    assert.equal(dc, null);
    assert.equal(dfrozen, null);
    const zeros = tape.gradient(y, [c], { unconnectedGradients: 'zero' });
    close(zeros[0].data(), [0]);
    assert.equal(w.name, 'w');
    assert.equal(frozen.trainable, false);
    [w, frozen].forEach((v) => v.dispose());
  }));

test('a non-persistent tape allows one gradient call', () =>
  xtape.tidy(() => {
    const x = xtape.scalar(3);
    const tape = new xtape.GradientTape();
    tape.watch(x);
    const y = tape.record(() => x.mul(x));
    close(tape.gradient(y, x).data(), [6]);
    assert.throws(() => tape.gradient(y, x), /can only be called once on a non-persistent tape/);
  }));

test('nested tapes give second derivatives; ops outside record() are not recorded', () =>
  xtape.tidy(() => {
    const x = xtape.scalar(3);
    const outer = new xtape.GradientTape();
    outer.watch(x);
    const dy = outer.record(() => {
      const inner = new xtape.GradientTape();
      inner.watch(x);
      const y = inner.record(() => x.mul(x).mul(x));
      return inner.gradient(y, x); // 3x^2 = 27, recorded on the outer tape
    });
    close(dy.data(), [27]);
    close(outer.gradient(dy, x).data(), [18]);
    const t = new xtape.GradientTape();
    t.watch(x);
    const z = x.mul(x); // not inside record()
    assert.equal(t.gradient(z, x), null);
  }));

test('assign, assignAdd, assignSub; a read value is immutable', () => {
  const v = new xtape.Variable(xtape.constant([1, 2]), { name: 'v' });
  const before = v.read();
  v.assignSub(xtape.constant([1, 1]));
  v.assignAdd([0.5, 0.5]);
  close(v.data(), [0.5, 1.5]);
  close(before.data(), [1, 2]);
  v.assign(xtape.constant([7, 8]));
  close(v.data(), [7, 8]);
  before.dispose();
  v.dispose();
});

test('optimizers: Keras defaults and closed-form values, slots keyed by variable', () => {
  const a = new xtape.Variable(xtape.constant([1])),
    b = new xtape.Variable(xtape.constant([2]));
  const sgd = new xtape.optimizers.SGD();
  assert.equal(sgd.learningRate, 0.01);
  xtape.tidy(() =>
    sgd.applyGradients([
      [xtape.constant([0.5]), a],
      [null, b],
    ]),
  );
  close(a.data(), [1 - 0.005]);
  close(b.data(), [2]);
  const adam = new xtape.optimizers.Adam({ learningRate: 0.1 });
  const c = new xtape.Variable(xtape.constant([1]));
  xtape.tidy(() => adam.applyGradients(xtape.zip([xtape.constant([0.5])], [c])));
  close(c.data(), [0.9000006325], 1e-6);
  assert.equal(adam.iterations, 1);
  const rms = new xtape.optimizers.RMSprop(0.1);
  const d = new xtape.Variable(xtape.constant([1]));
  xtape.tidy(() => rms.applyGradients([[xtape.constant([0.5]), d]]));
  close(d.data(), [1 - (0.1 * 0.5) / Math.sqrt(0.1 * 0.25 + 1e-7)]);
  xtape.dispose([a, b, c, d, sgd, adam, rms]);
});

test('random: TF seed rules, same numbers as the native build', () =>
  xtape.tidy(() => {
    xtape.random.setSeed(null);
    const t = xtape.random.truncatedNormal([4], { seed: 42 }).data();
    assert.deepEqual(
      Array.from(t),
      [0.837042451, 0.324076861, 1.95543516, 0.815199614].map(Math.fround),
    );
    const u = xtape.random.uniform([2], { seed: 42 }).data();
    assert.deepEqual(Array.from(u), [0.474959791, 0.63611424].map(Math.fround));
    xtape.random.setSeed(7);
    assert.deepEqual(
      Array.from(xtape.random.uniform([2]).data()),
      [0.799993634, 0.817049444].map(Math.fround),
    );
    xtape.random.setSeed(null);
    const fresh = () => Array.from(xtape.random.uniform([4]).data());
    assert.notDeepEqual(fresh(), fresh()); // no seed at all: fresh numbers every call
    const g = xtape.random.Generator.fromSeed(1);
    assert.notDeepEqual(Array.from(g.normal([5]).data()), Array.from(g.normal([5]).data()));
    const p = Array.from(g.permutation(100).data()).sort((x, y) => x - y);
    assert.deepEqual(
      p,
      Array.from({ length: 100 }, (_, i) => i),
    );
  }));

test('softmax cross-entropy stays finite for large logits; argMax, equal, oneHot', () =>
  xtape.tidy(() => {
    const logits = xtape.constant([
      [1000, 0],
      [-1000, 0],
    ]);
    close(
      xtape
        .softmaxCrossEntropyWithLogits(
          xtape.constant([
            [0, 1],
            [1, 0],
          ]),
          logits,
        )
        .data(),
      [1000, 1000],
    );
    close(xtape.sparseSoftmaxCrossEntropyWithLogits([1, 0], logits).data(), [1000, 1000]);
    assert.equal(xtape.argMax(logits, 1).dtype, 'int64'); // TF's default output_type
    assert.deepEqual(xtape.argMax(logits, 1).data(), new BigInt64Array([0n, 1n]));
    assert.deepEqual(xtape.argMax(logits, 1).array(), [0, 1]);
    assert.equal(
      xtape.equal(xtape.argMax(logits, 1, 'int32'), xtape.constant(new Int32Array([0, 0]))).dtype,
      'bool',
    );
    close(xtape.oneHot([2, 0], 3).data(), [0, 0, 1, 1, 0, 0]);
  }));

test('.npy round trip and IDX parsing through the core', () =>
  xtape.tidy(() => {
    const w = xtape.random.normal([3, 2], { seed: 3 });
    const bytes = xtape.io.toNpy(w);
    assert.equal(bytes[0], 0x93);
    assert.deepEqual(Array.from(xtape.io.parseNpy(bytes).data()), Array.from(w.data()));
    const idx = new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4]);
    const t = xtape.io.parseIdx(idx);
    assert.deepEqual(t.shape, [2, 2]);
    assert.equal(t.dtype, 'uint8');
  }));

test('gather rows for mini-batches; its gradient scatters back', () =>
  xtape.tidy(() => {
    const p = xtape.constant([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const tape = new xtape.GradientTape();
    tape.watch(p);
    const y = tape.record(() => p.gather([2, 0, 2]));
    close(y.data(), [5, 6, 1, 2, 5, 6]);
    close(tape.gradient(y, p).data(), [1, 1, 0, 0, 2, 2]); // row 2 picked twice
    close(
      xtape
        .unsortedSegmentSum(
          xtape.constant([
            [1, 1],
            [2, 2],
          ]),
          [1, 1],
          2,
        )
        .data(),
      [0, 0, 3, 3],
    );
  }));

test('data() copies onto an ordinary, transferable ArrayBuffer (also in the threaded build)', () =>
  xtape.tidy(() => {
    const d = xtape.ones([4]).data();
    assert.ok(!(d.buffer instanceof SharedArrayBuffer));
    const moved = structuredClone(d, { transfer: [d.buffer] });
    assert.equal(moved.length, 4);
    assert.equal(typeof xtape.numThreads(), 'number');
  }));

test('float64 and int64: exact values, TF rules for numbers beside tensors, BigInt64Array', () =>
  xtape.tidy(() => {
    const d = xtape.constant([0.1, 0.2], undefined, 'float64');
    assert.equal(d.dtype, 'float64');
    assert.ok(d.data() instanceof Float64Array);
    assert.equal(d.sum().item(), 0.30000000000000004); // float32 would give 0.3 (rounded)
    assert.deepEqual(Array.from(d.mul(3).data()), [0.30000000000000004, 0.6000000000000001]);
    const i = xtape.constant([2 ** 40, -7], undefined, 'int64');
    assert.deepEqual(i.data(), new BigInt64Array([2n ** 40n, -7n]));
    assert.deepEqual(i.mul(2).array(), [2 ** 41, -14]); // numbers where exact
    assert.deepEqual(xtape.floorDiv(i, 2).array(), [2 ** 39, -4]);
    const q = xtape.div(xtape.constant([7, 1], undefined, 'int32'), 2); // TF's truediv
    assert.equal(q.dtype, 'float64');
    assert.deepEqual(Array.from(q.data()), [3.5, 0.5]);
    const big = xtape.constant(new BigInt64Array([2n ** 62n])).mul(2); // wraps at 2^63, as TF
    assert.equal(big.item(), -(2n ** 63n)); // past 2^53: the exact BigInt
    assert.equal(xtape.cast(d, 'float32').dtype, 'float32');
    assert.equal(xtape.argMax([[1, 5, 2]], 1, 'int32').dtype, 'int32');
    assert.throws(
      () => xtape.constant([1.5], undefined, 'int64'),
      /value 1.5 at index 0 is not a int64/,
    );
    assert.throws(
      () => xtape.add(d, xtape.constant([1, 2])),
      /expected to be a double tensor but is a float tensor \[Op:AddV2\]/,
    );
    assert.throws(
      () => xtape.constant([2 ** 64], undefined, 'int64'),
      /not a int64 \(an integer in \[-2\^63, 2\^63 - 1\]\)/,
    );
  }));

test('float64 gradients through the tape, and a float64 variable with assignSub', () =>
  xtape.tidy(() => {
    const w = new xtape.Variable(xtape.constant([0.5, -2], undefined, 'float64'), { name: 'w' });
    const tape = new xtape.GradientTape();
    const y = tape.record(() => xtape.add(xtape.mul(xtape.square(w), 3), xtape.sin(w)));
    const [g] = tape.gradient(y, [w]); // dy/dw = 6w + cos w
    assert.equal(g.dtype, 'float64');
    const [a, b] = g.data();
    assert.ok(Math.abs(a - (3 + Math.cos(0.5))) < 1e-15);
    assert.ok(Math.abs(b - (-12 + Math.cos(-2))) < 1e-14);
    w.assignSub(xtape.constant([0.25, 1], undefined, 'float64'));
    assert.deepEqual(Array.from(w.read().data()), [0.25, -3]);
    w.dispose();
  }));

test('float16: values given as numbers, rounded by the core, read back as float32', () =>
  xtape.tidy(() => {
    const h = xtape.constant([2.2, 65520, 1e-8], undefined, 'float16');
    assert.equal(h.dtype, 'float16');
    const v = h.data();
    assert.ok(v instanceof Float32Array);
    assert.deepEqual(Array.from(v), [2.19921875, Infinity, 0]); // nearest even; past 65504: inf
    assert.deepEqual(xtape.cast(h, 'uint8').array(), [2, 255, 0]); // inf saturates, as a cast
    assert.deepEqual(Array.from(xtape.mul(h, 2).data()), [4.3984375, Infinity, 0]);
    const before = xtape.memory().numBytes; // the float32 copies made on the way are freed
    xtape.constant([1, 2], undefined, 'float16').data();
    assert.equal(xtape.memory().numBytes, before + 4); // only the float16 [2] tensor stays
  }));
