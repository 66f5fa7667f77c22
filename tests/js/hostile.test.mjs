// A hostile caller: every op of the table gets wrong values for each argument (wrong types,
// fractions, NaN, 2^32 and 2^53 and beyond, negative sizes, shapes past what the heap can hold),
// plus the cases around the API. Each must throw an XtapeError of TF's class naming what was
// wrong, leave no tensor or byte behind, and leave the module working. Runs on both builds.
import test from 'node:test';
import { xtape, assert, close, sample as valid } from './helpers.mjs';

const HOSTILE = {
  tensor: [
    ['a string', 'x'],
    ['an object', {}],
    ['null', null],
    ['a function', () => 1],
    ['a Symbol-like', [Symbol.iterator]],
  ],
  index_tensor: [
    ['a string', 'x'],
    ['an object', { length: 3 }],
    ['null', null],
  ],
  number: [
    ['a string', '1'],
    ['an object', {}],
    ['a boolean', true],
    ['a bigint', 1n],
  ],
  integer: [
    ['a fraction', 1.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['2^32', 2 ** 32],
    ['2^53', 2 ** 53],
    ['-2^53', -(2 ** 53)],
    ['1e20', 1e20],
    ['a string', '3'],
    ['null', null],
  ],
  flag: [
    ['a string', 'yes'],
    ['a number', 1],
    ['an object', {}],
  ],
  shape: [
    ['a fraction', [2.5]],
    ['NaN', [NaN]],
    ['1e20', [1e20]],
    ['2^53', [2 ** 53]],
    ['a string', 'abc'],
    ['strings', ['2']],
    ['past the heap', [40000, 40000]],
    ['2^30 x 4 bytes', [2 ** 30]],
    ['overflowing product', [2 ** 31, 2 ** 31, 2 ** 31]],
    ['null', null],
  ],
  ints: [
    ['a fraction', [0.5, 1]],
    ['NaN', [NaN, 0]],
    ['2^53', [2 ** 53, 0]],
    ['a string', 'ab'],
    ['null', null],
    ['past the tensor', [0, 99]],
  ],
  perm: [
    ['a fraction', [0.5, 1]],
    ['2^32', [2 ** 32, 0]],
    ['NaN', [NaN, 0]],
    ['a string', 'ab'],
  ],
  axes: [
    ['a fraction', 0.5],
    ['2^32', 2 ** 32],
    ['NaN', NaN],
    ['a string', 'x'],
    ['a repeated axis', [0, 0]],
    ['out of range', [5]],
  ],
  dtype: [
    ['unknown', 'complex64'],
    ['a number', 0],
    ['an object', {}],
    ['empty', ''],
    ['huge', 'x'.repeat(10000)],
  ],
};

function baseline() {
  const m = xtape.memory();
  return {
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    liveBytes: m.liveBytes,
    numVariables: m.numVariables,
    numTapes: m.numTapes,
  };
}
function stillWorks() {
  const a = xtape.constant([[1, 2]]),
    b = xtape.constant([[3], [4]]);
  const c = a.matmul(b);
  close(c.data(), [11]);
  xtape.dispose([a, b, c]);
}
// fn must throw an XtapeError whose kind is `kind` and whose message has every part; afterwards
// memory is back where it was and the module works.
function hostile(name, fn, parts, kind = 'InvalidArgumentError') {
  const before = baseline();
  let error;
  try {
    const r = fn();
    xtape.dispose(r);
  } catch (e) {
    error = e;
  }
  assert.ok(
    error instanceof xtape.XtapeError,
    `${name}: expected an XtapeError, got ${error?.name ?? 'no error'}: ${error?.message}`,
  );
  assert.equal(error.kind, kind, `${name}: ${error.message}`);
  const has = (p) => error.message.toLowerCase().includes(p.toLowerCase());
  for (const p of parts)
    assert.ok([p].flat().some(has), `${name}: "${error.message}" lacks "${p}"`);
  assert.deepEqual(baseline(), before, `${name}: memory not back to baseline`);
  stillWorks();
}

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
let count = 0;
test('every argument of every op of the table refuses hostile values', () => {
  for (const def of xtape.opTable) {
    const f = xtape[def.js[0]];
    def.args.forEach((a, i) => {
      for (const [what, value] of HOSTILE[a.kind] ?? []) {
        if (a.kind === 'axes' && what === 'out of range' && def.args[0].kind !== 'tensor') continue;
        const args = valid(def);
        args[i] = value;
        // the message names the op (JS or TF name) and the argument, or the shape for sizes
        const named =
          a.kind === 'axes' && ['a repeated axis', 'out of range'].includes(what)
            ? [def.name, 'axis']
            : a.kind === 'shape' || a.kind === 'ints'
              ? [['shape', a.name, 'begin', 'end', 'strides']]
              : a.kind === 'tensor' || a.kind === 'index_tensor'
                ? [def.js[0], camel(a.name)]
                : [
                    a.name.length > 1 && a.kind !== 'dtype' ? '' : '',
                    a.kind === 'dtype' ? 'dtype' : '',
                  ];
        hostile(`${def.js[0]}(${a.name} = ${what})`, () => f(...args), named.filter(Boolean));
        count++;
      }
      for (const t of args0(def)) xtape.dispose(t);
    });
  }
  console.log(`# op-table hostile cases: ${count}`);
  assert.ok(count >= 150, `only ${count} cases`);
});
function args0() {
  return [];
}

test('sizes near and past the limits', () => {
  const empty = xtape.zeros([3, 0]);
  const cases = [
    [
      'zeros 2^30 float32 (4 GiB)',
      () => xtape.zeros([2 ** 30]),
      ['[1073741824]', 'bytes a tensor may have'],
    ],
    ['zeros [40000, 40000]', () => xtape.zeros([40000, 40000]), ['[40000,40000]', 'bytes']],
    ['zeros [1e20]', () => xtape.zeros([1e20]), ['shape']],
    ['ones 2^31 uint8', () => xtape.ones([2 ** 31], 'uint8'), ['bytes a tensor may have']],
    ['oneHot depth 2^32', () => xtape.oneHot([1, 2], 2 ** 32), ['depth must be an integer']],
    [
      'oneHot depth 2^29 x 4 rows',
      () => xtape.oneHot([1, 2, 3, 4], 2 ** 29),
      ['bytes a tensor may have'],
    ],
    ['oneHot depth -1', () => xtape.oneHot([1, 2], -1), ['depth must be >= 0']],
    [
      'unsortedSegmentSum 2^31 segments',
      () => xtape.unsortedSegmentSum([[1]], [0], 2 ** 31),
      ['bytes a tensor may have'],
    ],
    [
      'unsortedSegmentSum 2^53 segments',
      () => xtape.unsortedSegmentSum([[1]], [0], 2 ** 53),
      ['num_segments must be an integer'],
    ],
    [
      'broadcastTo a huge shape',
      () => xtape.broadcastTo([1], [65536, 65536]),
      ['bytes a tensor may have'],
    ],
    [
      'reshape to an overflowing shape',
      () => xtape.reshape([1, 2], [2 ** 40, 2 ** 40, 0, -1]),
      ['shape'],
    ],
    ['reshape -1 twice', () => xtape.reshape([1, 2], [-1, -1]), ['reshape']],
    ['fill 2^31 elements', () => xtape.fill([2 ** 31], 1), ['bytes a tensor may have']],
    ['random.uniform 2^30', () => xtape.random.uniform([2 ** 30]), ['bytes a tensor may have']],
    ['random.normal [1e10]', () => xtape.random.normal([1e10]), ['bytes a tensor may have']],
    [
      'random.truncatedNormal fractional shape',
      () => xtape.random.truncatedNormal([2.5]),
      ['shape'],
    ],
    ['argMax axis 2^32', () => xtape.argMax([[1, 2]], 2 ** 32), ['axis must be an integer']],
    ['argMax over an empty axis', () => xtape.argMax(empty, 1), ['argmax', 'empty']],
    ['reduceSum axis 2^32 (would wrap to 0)', () => xtape.reduceSum([[1, 2]], 2 ** 32), ['axis']],
    ['reduceSum a repeated axis', () => xtape.reduceSum([[1, 2]], [1, -1]), ['repeated']],
    ['gather a NaN index', () => xtape.gather([[1], [2]], [NaN]), ['gather']],
    [
      'gather a fractional index',
      () => xtape.gather([[1], [2]], new Float32Array([0.5])),
      ['indices', 'int32'],
    ],
    ['gather index 2^31', () => xtape.gather([[1], [2]], [2 ** 31]), ['indices', 'int32']],
    ['gather index 2', () => xtape.gather([[1], [2]], [2]), ['indices[0] = 2 is outside [0, 2)']],
    ['transpose perm 2^32', () => xtape.transpose([[1, 2]], [2 ** 32, 0]), ['perm']],
  ];
  for (const [name, fn, parts] of cases) hostile(name, fn, parts);
  empty.dispose();
  const gen = xtape.random.Generator.fromSeed(1);
  hostile('permutation 2^31', () => gen.permutation(2 ** 31), ['permutation']);
  hostile('permutation 2^53', () => gen.permutation(2 ** 53), ['permutation']);
  hostile('Generator uniform 2^30', () => gen.uniform([2 ** 30]), ['bytes a tensor may have']);
  gen.dispose();
  hostile('setNumThreads 2^32', () => xtape.setNumThreads(2 ** 32), []);
  hostile('setNumThreads 1.5', () => xtape.setNumThreads(1.5), ['setNumThreads']);
  hostile('setNumThreads NaN', () => xtape.setNumThreads(NaN), ['setNumThreads']);
  hostile('random seed 2^53', () => xtape.random.uniform([2], { seed: 2 ** 53 }), ['seed']);
  hostile('random seed 0.5', () => xtape.random.uniform([2], { seed: 0.5 }), ['seed']);
  hostile('Generator seed NaN', () => xtape.random.Generator.fromSeed(NaN), ['seed']);
  hostile('setSeed -1', () => xtape.random.setSeed(-1), ['seed']);
  hostile('optimizer unknown option', () => new xtape.optimizers.Adam({ beta3: 1 }), ['beta3']);
  hostile('optimizer string rate', () => new xtape.optimizers.SGD({ learningRate: '0.1' }), [
    'learningRate',
  ]);
  hostile('Variable name object', () => new xtape.Variable(1, { name: {} }), ['name']);
  hostile('constant with a bigint', () => xtape.constant([1n]), ['constant']);
  hostile('constant shape 1e20', () => xtape.constant([1], [1e20]), ['shape']);
  hostile('constant shape -1', () => xtape.constant([1], [-1]), ['shape']);
});

test('the heap filled to its last bytes: every allocation past it is a ResourceExhaustedError, and all comes back', () => {
  const before = baseline();
  const keep = [];
  const errors = [];
  for (const n of [64 * 2 ** 20, 2 ** 18, 2 ** 10, 16, 1]) {
    // 256 MB blocks, then smaller, to the last bytes
    try {
      for (;;) keep.push(xtape.zeros([n]));
    } catch (e) {
      errors.push(e);
    }
  }
  for (const f of [() => xtape.reshape([1, 2], [3]), () => xtape.constant([1, 2, 3]).add(1)]) {
    try {
      f();
    } catch (e) {
      errors.push(e);
    }
  }
  console.log(
    `# heap filled with ${keep.length} tensors (${(xtape.memory().numBytes / 2 ** 30).toFixed(2)} GiB): ${errors.map((e) => e.message).join(' | ')}`,
  );
  for (const e of errors) {
    assert.ok(e instanceof xtape.XtapeError, `${e.name}: ${e.message}`);
    assert.ok(
      ['ResourceExhaustedError', 'InvalidArgumentError'].includes(e.kind),
      `${e.kind}: ${e.message}`,
    );
    assert.match(e.message, /out of memory|reshape/);
  }
  assert.match(errors[0].message, /^zeros: out of memory allocating a tensor of 268435456 bytes/);
  xtape.dispose(keep);
  assert.deepEqual(baseline(), before);
  stillWorks();
});

test('malformed files: every parser error is an XtapeError, nothing stays allocated', () => {
  const idx = (type, dims, data = []) =>
    new Uint8Array([
      0,
      0,
      type,
      dims.length,
      ...dims.flatMap((d) => [(d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255]),
      ...data,
    ]);
  const npy = (header, data = []) => {
    const h = new TextEncoder().encode(header);
    return new Uint8Array([
      0x93,
      ...new TextEncoder().encode('NUMPY'),
      1,
      0,
      h.length & 255,
      h.length >> 8,
      ...h,
      ...data,
    ]);
  };
  const cases = [
    ['IDX empty', () => xtape.io.parseIdx(new Uint8Array()), ['not an IDX file']],
    ['IDX gzip magic', () => xtape.io.parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0])), ['gzip']],
    ['IDX int32 type named 0x0D', () => xtape.io.parseIdx(idx(0x0d, [1])), ['0x0D']],
    [
      'IDX dims overflowing 2^64',
      () => xtape.io.parseIdx(idx(8, [65536, 65536, 65536, 65536, 65536])),
      ['impossible IDX dimensions'],
    ],
    [
      'IDX dims 2^32-1 cubed',
      () => xtape.io.parseIdx(idx(8, [4294967295, 4294967295, 4294967295])),
      ['impossible'],
    ],
    [
      'IDX product wraps to 0 in 32 bits',
      () => xtape.io.parseIdx(idx(8, [65536, 65536])),
      ['impossible'],
    ],
    [
      'IDX truncated header',
      () => xtape.io.parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0])),
      ['truncated IDX header'],
    ],
    ['IDX truncated data', () => xtape.io.parseIdx(idx(8, [10], [1, 2])), ['truncated IDX data']],
    ['IDX trailing data', () => xtape.io.parseIdx(idx(8, [1], [1, 2])), ['trailing bytes']],
    ['IDX zero dims', () => xtape.io.parseIdx(idx(8, [])), ['0 dimensions']],
    ['npy bad magic', () => xtape.io.parseNpy(new Uint8Array(20)), ['not a .npy file']],
    [
      'npy version 9',
      () => xtape.io.parseNpy(new Uint8Array([0x93, 78, 85, 77, 80, 89, 9, 0, 0, 0])),
      ['version 9'],
    ],
    [
      'npy header past the end',
      () => xtape.io.parseNpy(new Uint8Array([0x93, 78, 85, 77, 80, 89, 1, 0, 255, 255])),
      ['truncated'],
    ],
    [
      'npy v2 header length 2^32-1',
      () => xtape.io.parseNpy(new Uint8Array([0x93, 78, 85, 77, 80, 89, 2, 0, 255, 255, 255, 255])),
      ['truncated'],
    ],
    ['npy truncated header value', () => xtape.io.parseNpy(npy("{'descr':")), ['malformed']],
    ['npy descr without value end', () => xtape.io.parseNpy(npy("{'descr': '<f4")), ['malformed']],
    [
      'npy shape not closed',
      () => xtape.io.parseNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, ")),
      ['malformed'],
    ],
    [
      'npy complex64',
      () => xtape.io.parseNpy(npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }")),
      ['<c8'],
    ],
    [
      'npy fortran order',
      () => xtape.io.parseNpy(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }")),
      ['Fortran'],
    ],
    [
      'npy shape overflowing',
      () =>
        xtape.io.parseNpy(
          npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), }"),
        ),
      ['impossible .npy shape'],
    ],
    [
      'npy shape 2^63',
      () =>
        xtape.io.parseNpy(
          npy("{'descr': '<f4', 'fortran_order': False, 'shape': (9223372036854775808,), }"),
        ),
      ['bad .npy shape'],
    ],
    [
      'npy negative dim',
      () => xtape.io.parseNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }")),
      ['bad .npy shape'],
    ],
    [
      'npy truncated data',
      () =>
        xtape.io.parseNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", [1, 2])),
      ['truncated .npy data'],
    ],
    [
      'npy bool with a 2',
      () =>
        xtape.io.parseNpy(npy("{'descr': '|b1', 'fortran_order': False, 'shape': (1,), }", [2])),
      ['0/1'],
    ],
    ['parseIdx of a string', () => xtape.io.parseIdx('bytes'), ['Uint8Array']],
    ['parseNpy of an array', () => xtape.io.parseNpy([1, 2]), ['Uint8Array']],
  ];
  for (const [name, fn, parts] of cases) hostile(name, fn, parts);
});

test('hidden temporaries are freed by the call that made them, on success and on error', () => {
  const x = xtape.constant([1, 2, 3]);
  const v = new xtape.Variable([1, 2, 3]);
  const before = baseline();
  for (let i = 0; i < 200000; i++) x.add(1).dispose(); // a number becomes a tensor each call
  for (let i = 0; i < 20000; i++) v.mul(v).dispose(); // two Variable reads each call
  for (let i = 0; i < 2000; i++)
    assert.throws(() => xtape.add([1, 2], [1, 2, 3]), xtape.XtapeError);
  for (let i = 0; i < 2000; i++) assert.throws(() => v.assignSub([1, 2]), xtape.XtapeError);
  assert.deepEqual(baseline(), before);
  xtape.dispose([x, v]);
});

test('tidy and dispose walk cyclic and deep objects; tidy takes only tensors', () => {
  const before = baseline();
  const gen = xtape.random.Generator.fromSeed(3);
  const kept = xtape.tidy(() => {
    const a = { t: xtape.ones([2]) };
    a.self = a;
    a.list = [a, [a]];
    xtape.random.Generator.fromSeed(4).dispose();
    gen.normal([2]).dispose();
    return a;
  });
  assert.equal(xtape.memory().numTensors, before.numTensors + 1);
  let deep = [kept];
  for (let i = 0; i < 100000; i++) deep = [deep];
  xtape.dispose(deep);
  assert.deepEqual(baseline(), before);
  assert.equal(gen.normal([1]).dispose(), undefined); // the Generator outlived the tidy
  gen.dispose();
});

test('tapes: nested record on one tape raises; an unused tape costs nothing and can be disposed', () => {
  const before = baseline();
  const x = new xtape.Variable([1, 2]);
  const tape = new xtape.GradientTape({ persistent: true });
  assert.throws(() => tape.record(() => tape.record(() => x.square())), /already recording/);
  const y = tape.record(() => xtape.tidy(() => x.square().sum()));
  const g = tape.gradient(y, x);
  close(g.data(), [2, 4]);
  g.dispose();
  tape.dispose();
  const once = new xtape.GradientTape();
  const z = once.record(() => xtape.tidy(() => x.mul(3).sum()));
  once.gradient(z, x).dispose();
  assert.throws(() => once.gradient(z, x), /only be called once/);
  xtape.dispose([y, z, x]);
  assert.deepEqual(baseline(), before);
});
