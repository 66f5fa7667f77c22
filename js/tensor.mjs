// Tensors: immutable values in the WASM heap, and constant() that makes them from JS values.
import { M } from './module.mjs';
import { DTYPES, arrayTypeOf, readTensor, writeTensor } from './heap.mjs';
import { brief, check, describe, fail } from './errors.mjs';
import { Handle } from './handles.mjs';
import { readList, readNested, readTyped, typedKind } from './boundary.mjs';

export class Tensor extends Handle {
  #shape;
  constructor(id) {
    super('tensor', id);
  }
  // The core's shape, kept private: callers get a copy, so editing it changes nothing here.
  #dims() {
    return (this.#shape ??= check(M.shape(this.id)));
  }
  get shape() {
    return this.#dims().slice();
  }
  get dtype() {
    return (this._dtype ??= DTYPES[check(M.dtype(this.id))]);
  }
  get rank() {
    return this.#dims().length;
  }
  get size() {
    return this.#dims().reduce((a, b) => a * b, 1);
  }
  /**
   * A copy of the values as a typed array of the dtype: Float32Array, Float64Array, Int32Array,
   * BigInt64Array (int64) or Uint8Array (uint8, bool).
   */
  data() {
    if (this.dtype !== 'float16') return readTensor(this.id, DTYPES.indexOf(this.dtype));
    const f32 = castId(this.id, 'float32'); // float16 reads as the float32 values it holds
    try {
      return readTensor(f32, 0);
    } finally {
      M.dispose(f32);
    }
  }
  dataSync() {
    return this.data();
  }
  /** The value of a one-element tensor (TF: .numpy() of a scalar). */
  item() {
    if (this.size !== 1) fail(`item: tensor of shape [${this.shape}] has more than one element`);
    return plain(this.data()[0]);
  }
  /** Nested arrays, like tf.Tensor.arraySync(). */
  array() {
    return nest(Array.from(this.data(), plain), this.#dims());
  }
  toString() {
    const d = Array.from(this.data().slice(0, 20)).join(' ');
    return `Tensor([${d}${this.size > 20 ? ' ...' : ''}], shape=[${this.shape}], dtype=${this.dtype})`;
  }
}

// An int64 element as a Number when that is exact (|v| <= 2^53), else as the BigInt itself.
const plain = (v) => (typeof v === 'bigint' && v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v);

function nest(flat, shape) {
  if (shape.length === 0) return flat[0];
  if (shape.length === 1) return flat;
  const n = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0] }, (_, i) =>
    nest(flat.slice(i * n, (i + 1) * n), shape.slice(1)),
  );
}

/** A snapshot of `shape`: at most 254 non-negative integers, read once. */
export function checkShape(shape, op, name = 'shape') {
  const s = Array.isArray(shape) ? readList(shape, `${op}: ${name}`) : null;
  if (!s || !s.every((d) => Number.isSafeInteger(d) && d >= 0))
    fail(`${op}: ${name} must be an array of non-negative integers, got ${brief(shape)}`);
  return s;
}

// The storage range of each integer dtype: a value outside, a fraction or NaN is refused, from an
// array of numbers and from a typed array of another kind alike (no silent wrapping).
const RANGE = { int32: [-(2 ** 31), 2 ** 31 - 1], uint8: [0, 255], bool: [0, 1] };
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n];
// The dtype a typed array means when none is given (a Float64Array means float32, as in TF.js).
const KIND_DTYPE = {
  Float32Array: 'float32',
  Int32Array: 'int32',
  Uint8Array: 'uint8',
  BigInt64Array: 'int64',
};

/** The dtype constant() gives typed array v when none is named (undefined if v is not one). */
export const typedDtype = (v) => {
  const kind = typedKind(v);
  return kind && (KIND_DTYPE[kind] ?? 'float32');
};

// values as int64: integers (Numbers or BigInts) in int64's range, exactly.
function toInt64(values, from) {
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const n = typeof v === 'bigint' ? v : Number.isInteger(+v) ? BigInt(+v) : null;
    if (n === null || n < INT64[0] || n > INT64[1])
      fail(
        `constant: value ${brief(v)} at index ${i}${from} is not a int64 (an integer in [-2^63, 2^63 - 1])`,
      );
    out[i] = n;
  }
  return out;
}

// values (a plain snapshot or a private typed array) as the storage array of dtype, checked.
function toStorage(values, kind, dtype, Ctor) {
  if (kind === Ctor.name && dtype !== 'bool') return values; // same bytes (bool: 0 and 1 only)
  const from = kind ? ` of the ${kind}` : '';
  if (Ctor === BigInt64Array) return toInt64(values, from);
  const n = values.length;
  const out = new Ctor(n);
  const range = RANGE[dtype];
  for (let i = 0; i < n; i++) {
    let v = values[i];
    if (typeof v === 'bigint') {
      if (v < -(2n ** 53n) || v > 2n ** 53n)
        fail(`constant: value ${v} at index ${i}${from} is too large for ${dtype}`);
      v = Number(v);
    } else v = +v;
    if (range && !(Number.isInteger(v) && v >= range[0] && v <= range[1]))
      fail(
        `constant: value ${brief(values[i])} at index ${i}${from} is not a ${dtype} (an integer in [${range[0]}, ${range[1]}])`,
      );
    out[i] = v;
  }
  return out;
}

// The core's cast of tensor `id` to dtype (the op table's row; float16 has no JS array of its own).
let castRow;
function castId(id, dtype) {
  castRow ??= JSON.parse(M.opTable()).findIndex((d) => d.name === 'cast');
  return check(M.callOp(castRow, [id, dtype]));
}

/**
 * tf.constant(values, shape?, dtype?): values are a number, a boolean, nested arrays or a typed
 * array, read once (js/boundary.mjs) and checked against dtype before anything is allocated.
 * float16 values are given as numbers and rounded to nearest even by the core.
 */
export function constant(values, shape, dtype) {
  if (values instanceof Tensor) return values;
  if (dtype === 'float16') {
    const f32 = constant(values, shape, 'float32');
    try {
      return new Tensor(castId(f32.id, 'float16'));
    } finally {
      f32.dispose();
    }
  }
  let flat, kind, inferred;
  if (typedKind(values)) {
    ({ kind, values: flat } = readTyped(values, 'constant: values'));
    dtype ??= KIND_DTYPE[kind] ?? 'float32';
    inferred = [flat.length];
  } else if (typeof values === 'number' || typeof values === 'boolean') {
    flat = [values];
    inferred = [];
  } else if (Array.isArray(values)) {
    ({ shape: inferred, flat } = readNested(values, 'constant: values'));
  } else if (ArrayBuffer.isView(values)) {
    fail('constant: a DataView is not accepted; give a typed array (Float32Array, ...)');
  } else {
    fail(`constant: expected a number, an array or a typed array, got ${describe(values)}`);
  }
  shape = shape === undefined ? inferred : checkShape(shape, 'constant');
  dtype ??= 'float32';
  const Ctor =
    arrayTypeOf(dtype) ?? fail(`constant: unknown dtype '${brief(dtype)}' (${DTYPES.join(', ')})`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== flat.length)
    fail(`constant: ${flat.length} values do not fill shape [${shape}] (${count} elements)`);
  const data = toStorage(flat, kind, dtype, Ctor);
  const code = DTYPES.indexOf(dtype);
  if (shape.length === 0 && dtype !== 'int64') return new Tensor(check(M.scalar(code, data[0])));
  const id = check(M.alloc(code, shape));
  try {
    writeTensor(id, data);
  } catch (e) {
    M.dispose(id); // nothing of a failed constant() stays behind
    fail(`constant: the values could not be copied (${e.message})`);
  }
  return new Tensor(id);
}
export const tensor = constant;
export const scalar = (v) => constant(v, []);

/**
 * summary(t, bins = 30): statistics computed in the core in one pass, without copying the values
 * out: {count, min, max, mean, std (over the finite values), zeros, nonfinite, histogram: bins
 * counts over [min, max]}.
 */
export function summary(t, bins = 30) {
  if (!(t instanceof Tensor)) fail(`summary: expected a Tensor, got ${describe(t)}`);
  if (!Number.isInteger(bins) || bins < 1 || bins > 4096)
    fail(`summary: bins must be an integer in [1, 4096], got ${brief(bins)}`);
  return check(M.summary(t.id, bins));
}
