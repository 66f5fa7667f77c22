// Hostile campaign, round 2: values that lie. Typed arrays with their own getters and iterators,
// Proxies that answer differently on each read, getters with side effects and throwing ones,
// detached and shared buffers, cyclic and very deep nesting, __proto__ and constructor keys,
// edits to arrays xtape returned. Each case must throw an XtapeError naming the argument (or
// give the right value), leave memory at its baseline, leave tensors made before it unchanged,
// and leave the module working. Runs on both builds.
import test from 'node:test';
import { xtape, assert, close } from './helpers.mjs';

function baseline() {
  const m = xtape.memory();
  return [m.numTensors, m.numBytes, m.liveBytes, m.numVariables, m.numTapes];
}
// Tensors that a heap overwrite would change: a few sizes, made before each case.
function victims() {
  const ts = [
    xtape.constant([1, 2, 3, 4]),
    xtape.fill([64], 7),
    xtape.constant(new Int32Array([5, -6, 7])),
    xtape.constant(new Uint8Array(100).fill(9)),
  ];
  const values = ts.map((t) => Array.from(t.data()));
  return {
    ts,
    check: (name) =>
      ts.forEach((t, i) =>
        assert.deepEqual(Array.from(t.data()), values[i], `${name}: victim #${i} changed`),
      ),
  };
}
function stillWorks() {
  const a = xtape.constant([[1, 2]]);
  const b = xtape.constant([[3], [4]]);
  const c = a.matmul(b);
  close(c.data(), [11]);
  xtape.dispose([a, b, c]);
}
let cases = 0;
// fn must throw an XtapeError whose message has each part (or, with `ok`, return a tensor that
// ok accepts); memory back at baseline, victims unchanged, module working.
function hostile(name, fn, parts, ok) {
  const v = victims();
  const before = baseline();
  let error, result;
  try {
    result = fn();
    if (ok) ok(result);
  } catch (e) {
    error = e;
  } finally {
    xtape.dispose(result);
  }
  if (ok) assert.equal(error, undefined, `${name}: ${error?.message}`);
  else {
    assert.ok(
      error instanceof xtape.XtapeError,
      `${name}: expected an XtapeError, got ${error?.name ?? 'none'}: ${error?.message}`,
    );
    for (const p of parts)
      assert.ok(
        error.message.toLowerCase().includes(p.toLowerCase()),
        `${name}: "${error.message}" lacks "${p}"`,
      );
  }
  assert.deepEqual(baseline(), before, `${name}: memory not back to baseline`);
  v.check(name);
  xtape.dispose(v.ts);
  stillWorks();
  cases++;
}

test('typed arrays that lie about their size or contents', () => {
  const big = new Float32Array(4);
  Object.defineProperty(big, 'byteLength', { get: () => 1 << 20 });
  Object.defineProperty(big, 'length', { get: () => 1 << 18 });
  hostile(
    'own byteLength/length getters',
    () => xtape.constant(big),
    [],
    (t) => assert.deepEqual(t.shape, [4]),
  );
  const over = new Int16Array(2);
  over[Symbol.iterator] = function* () {
    for (let i = 0; i < 1e5; i++) yield i;
  };
  hostile(
    'an Int16Array whose iterator over-yields',
    () => xtape.constant(over),
    [],
    (t) => assert.deepEqual(t.shape, [2]),
  );
  hostile('the same given with a shape for more', () => xtape.constant(over, [100000]), [
    '2 values do not fill',
  ]);
  const throwing = new Int32Array(3);
  throwing[Symbol.iterator] = () => {
    throw new Error('boom');
  };
  hostile(
    'an iterator that throws is never called',
    () => xtape.constant(throwing),
    [],
    (t) => assert.deepEqual(Array.from(t.data()), [0, 0, 0]),
  );
  const sub = new Float32Array(new ArrayBuffer(64), 16, 2);
  Object.defineProperty(sub, 'byteOffset', { get: () => 0 });
  sub.set([5, 6]);
  hostile(
    'a subarray lying about its byteOffset',
    () => xtape.constant(sub),
    [],
    (t) => close(t.data(), [5, 6]),
  );
  const fake = Object.create(Float32Array.prototype);
  hostile('an object whose prototype is Float32Array', () => xtape.constant(fake), [
    'expected a number, an array or a typed array',
  ]);
  hostile('a Proxy of a Float32Array', () => xtape.constant(new Proxy(new Float32Array(2), {})), [
    'expected a number, an array or a typed array',
  ]);
  hostile('a DataView', () => xtape.constant(new DataView(new ArrayBuffer(8))), ['DataView']);
});

test('detached and shared buffers', () => {
  const a = new Float32Array(8);
  structuredClone(a.buffer, { transfer: [a.buffer] }); // detaches a's buffer
  hostile('a detached Float32Array', () => xtape.constant(a), ['detached']);
  hostile('a detached Float32Array given to an op', () => xtape.add(a, 1), [
    'add',
    'x',
    'detached',
  ]);
  const shared = new Float32Array(new SharedArrayBuffer(16));
  shared.set([1, 2, 3, 4]);
  hostile(
    'a SharedArrayBuffer view',
    () => xtape.constant(shared),
    [],
    (t) => close(t.data(), [1, 2, 3, 4]),
  );
});

test('typed arrays of another kind are checked as numbers are', () => {
  hostile(
    'Float32Array 3e9 as int32',
    () => xtape.constant(new Float32Array([3e9]), [1], 'int32'),
    ['3000000000', 'Float32Array', 'int32'],
  );
  hostile(
    'Float32Array 1.5 as int32',
    () => xtape.constant(new Float32Array([1.5]), [1], 'int32'),
    ['1.5', 'int32'],
  );
  hostile(
    'Float32Array NaN as uint8',
    () => xtape.constant(new Float32Array([NaN]), [1], 'uint8'),
    ['NaN', 'uint8'],
  );
  hostile('Int32Array 300 as uint8', () => xtape.constant(new Int32Array([300]), [1], 'uint8'), [
    '300',
    'Int32Array',
    'uint8',
  ]);
  hostile('Int32Array -1 as uint8', () => xtape.constant(new Int32Array([-1]), [1], 'uint8'), [
    '-1',
    'uint8',
  ]);
  hostile('Uint8Array 2 as bool', () => xtape.constant(new Uint8Array([0, 2]), [2], 'bool'), [
    '2',
    'bool',
  ]);
  hostile(
    'Uint8Array 0/1 as bool',
    () => xtape.constant(new Uint8Array([0, 1]), [2], 'bool'),
    [],
    (t) => assert.deepEqual(Array.from(t.data()), [0, 1]),
  );
  hostile(
    'Float64Array as float32',
    () => xtape.constant(new Float64Array([0.5, 1e300])),
    [],
    (t) => assert.deepEqual(Array.from(t.data()), [0.5, Infinity]),
  );
  hostile(
    'Int16Array as int32',
    () => xtape.constant(new Int16Array([-3, 4]), [2], 'int32'),
    [],
    (t) => assert.deepEqual(Array.from(t.data()), [-3, 4]),
  );
  hostile(
    'BigInt64Array as int32',
    () => xtape.constant(new BigInt64Array([-3n, 4n]), [2], 'int32'),
    [],
    (t) => assert.deepEqual(Array.from(t.data()), [-3, 4]),
  );
  hostile(
    'BigInt64Array 2^60 as int32',
    () => xtape.constant(new BigInt64Array([2n ** 60n]), [1], 'int32'),
    ['int32'],
  );
  hostile(
    'BigInt64Array to an op',
    () => xtape.add(new BigInt64Array([1n]), 1), // int64, and 1 with it (TF)
    [],
    (t) => assert.deepEqual(t.data(), new BigInt64Array([2n])),
  );
});

test('Proxies and getters: read once, before any check', () => {
  let reads = 0;
  const shape = new Proxy([1], {
    get: (t, k) => (k === 'length' ? 1 : k === '0' ? (reads++ ? 1 : 2 ** 20) : t[k]),
  });
  hostile(
    'a Proxy shape answering [2^20] then [1]',
    () => xtape.zeros(shape),
    [],
    (t) => assert.deepEqual(t.shape, [2 ** 20]),
  );
  reads = 0;
  const dims = new Proxy([2], {
    get: (t, k) => (k === 'length' ? 1 : k === '0' ? (reads++ ? 2 ** 20 : 2) : t[k]),
  });
  hostile(
    'a Proxy reshape target answering [2] then [2^20]',
    () => xtape.reshape([1, 2], dims),
    [],
    (t) => assert.deepEqual(t.shape, [2]),
  );
  const values = [1, 2];
  let n = 0;
  Object.defineProperty(values, 1, { get: () => (n++ ? 1e9 : 2) });
  hostile(
    'a values getter that changes',
    () => xtape.constant(values),
    [],
    (t) => close(t.data(), [1, 2]),
  );
  const bad = [1, 2];
  Object.defineProperty(bad, 0, {
    get: () => {
      throw new RangeError('nope');
    },
  });
  hostile('a values getter that throws', () => xtape.constant(bad), [
    'constant',
    'values',
    'RangeError',
    'nope',
  ]);
  hostile('a values getter that throws, in an op', () => xtape.mul(bad, 2), [
    'mul',
    'values',
    'nope',
  ]);
  const trap = new Proxy([1, 2], {
    get: (t, k) => {
      if (k === 'length') throw new Error('trap');
      return t[k];
    },
  });
  hostile('a Proxy whose length trap throws', () => xtape.constant(trap), ['constant', 'trap']);
  hostile(
    'a Proxy length of 2^40',
    () => xtape.constant(new Proxy([1], { get: (t, k) => (k === 'length' ? 2 ** 40 : t[k]) })),
    ['constant', 'nested values'],
  );
  hostile(
    'a Proxy length of -1',
    () => xtape.zeros(new Proxy([1], { get: (t, k) => (k === 'length' ? -1 : t[k]) })),
    ['shape', 'length'],
  );
  const axes = [0];
  Object.defineProperty(axes, 0, {
    get: () => {
      throw new Error('axis getter');
    },
  });
  hostile('an axes getter that throws', () => xtape.reduceSum([[1, 2]], axes), ['axis getter']);
  hostile('a shape of 255 dims', () => xtape.zeros(new Array(255).fill(1)), ['shape', '254']);
  hostile('a rank-100000 reshape', () => xtape.reshape([1], new Array(100000).fill(1)), [
    'shape',
    '254',
  ]);
  hostile(
    '254 dims are allowed',
    () => xtape.zeros(new Array(254).fill(1)),
    [],
    (t) => assert.equal(t.rank, 254),
  );
});

test('cyclic, very deep and ragged nesting', () => {
  const a = [];
  a[0] = a;
  hostile('a[0] = a', () => xtape.constant(a), ['contains itself']);
  const b = [1];
  b.push(b);
  hostile('[1, itself]', () => xtape.constant(b), ['non-rectangular']);
  const c = [];
  c.push(c, c);
  hostile('[itself, itself]', () => xtape.constant(c), ['contains itself']);
  let deep = [1];
  for (let i = 0; i < 300; i++) deep = [deep];
  hostile('301 levels', () => xtape.constant(deep), ['deeper than 254']);
  let wide = [1, 1];
  for (let i = 0; i < 40; i++) wide = [wide, wide]; // 2^41 leaves, shared
  hostile('2^41 leaves by sharing', () => xtape.constant(wide), ['nested values']);
  hostile('ragged with a matching count', () => xtape.constant([[1, 2], [3, 4, 5, 6], []]), [
    'non-rectangular',
  ]);
  hostile('a number beside an array', () => xtape.constant([[1], 2]), ['non-rectangular']);
  hostile(
    '[[], []]',
    () => xtape.constant([[], []]),
    [],
    (t) => assert.deepEqual(t.shape, [2, 0]),
  );
  hostile('a cyclic list of tensors', () => xtape.concat(a, 0), ['concat']);
});

test('arrays xtape returns are copies: editing them changes nothing', () => {
  const x = xtape.constant([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const s = x.shape;
  s[0] = -1;
  const y = xtape.reshape(x, s);
  assert.deepEqual(x.shape, [2, 3]);
  assert.deepEqual(y.shape, [2, 3]);
  const small = xtape.constant([1]);
  small.shape[0] = 1024;
  assert.equal(small.size, 1);
  assert.equal(small.data().length, 1);
  const v = new xtape.Variable(xtape.zeros([2, 2]));
  v.shape[0] = 99;
  assert.deepEqual(v.shape, [2, 2]);
  xtape.dispose([x, y, small, v]);
  stillWorks();
});

test('options objects: __proto__ and constructor keys are refused', () => {
  for (const key of ['__proto__', 'constructor', 'prototype'])
    hostile(
      `SGD ${key}`,
      () => new xtape.optimizers.SGD(JSON.parse(`{"${key}": {"learningRate": 5}}`)),
      [key],
    );
  test.diagnostic?.(`boundary hostile cases: ${cases}`);
  console.log(`# boundary hostile cases: ${cases}`);
});

test('the small defects of the second campaign (issue 24)', async () => {
  // dispose() and tidy() of 200,000 handles: no spread into push
  const many = Array.from({ length: 200000 }, () => xtape.scalar(1));
  const before = xtape.memory().numTensors;
  xtape.dispose(many);
  assert.equal(xtape.memory().numTensors, before - 200000);
  const kept = xtape.tidy(() => Array.from({ length: 130000 }, () => xtape.scalar(2)));
  assert.equal(kept.length, 130000);
  xtape.dispose(kept);
  assert.equal(xtape.memory().numTensors, before - 200000);
  // applyGradients with nothing to apply counts no step (Keras)
  const v = new xtape.Variable(xtape.constant([1, 2]));
  const opt = new xtape.optimizers.SGD(0.1);
  opt.applyGradients([]);
  opt.applyGradients([[null, v]]);
  assert.equal(opt.iterations, 0);
  hostile('keep(a number)', () => xtape.keep(3), ['keep', 'number']);
  const r = v.read();
  hostile('summary with 2^32 + 3 bins', () => xtape.summary(r, 2 ** 32 + 3), ['bins', '4096']);
  // a hole in the sources is an error, not a shorter list
  const tape = new xtape.GradientTape({ persistent: true });
  const y = xtape.tidy(() => tape.record(() => xtape.reduceSum(xtape.mul(v, v)))); // no garbage for the GC
  // eslint-disable-next-line no-sparse-arrays
  hostile('gradient sources with a hole', () => tape.gradient(y, [v, , v]), [
    'source 1',
    'undefined',
  ]);
  // async functions: refused, and what they resolve to is freed once it settles
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
  let made, madeInTidy;
  assert.throws(() => tape.record(async () => (made = xtape.mul(v, 2))), /Promise/);
  assert.throws(() => xtape.tidy(async () => (madeInTidy = xtape.scalar(1))), /Promise/);
  await settled();
  assert.ok(made.isDisposed && madeInTidy.isDisposed);
  xtape.dispose([v, r, opt, tape, y]);
});
