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
  /** A copy of the values as a typed array (Float32Array, Int32Array or Uint8Array). */
  data() {
    return readTensor(this.id, DTYPES.indexOf(this.dtype));
  }
  dataSync() {
    return this.data();
  }
  /** The value of a one-element tensor (TF: .numpy() of a scalar). */
  item() {
    if (this.size !== 1) fail(`item: tensor of shape [${this.shape}] has more than one element`);
    return this.data()[0];
  }
  /** Nested arrays, like tf.Tensor.arraySync(). */
  array() {
    return nest(Array.from(this.data()), this.#dims());
  }
  toString() {
    const d = Array.from(this.data().slice(0, 20)).join(' ');
    return `Tensor([${d}${this.size > 20 ? ' ...' : ''}], shape=[${this.shape}], dtype=${this.dtype})`;
  }
}

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
// The dtype a typed array means when none is given.
const KIND_DTYPE = { Float32Array: 'float32', Int32Array: 'int32', Uint8Array: 'uint8' };

// values (a plain snapshot or a private typed array) as the storage array of dtype, checked.
function toStorage(values, kind, dtype, Ctor) {
  if (kind === Ctor.name && dtype !== 'bool') return values; // same bytes (bool: 0 and 1 only)
  const n = values.length;
  const out = new Ctor(n);
  const range = RANGE[dtype];
  const from = kind ? ` of the ${kind}` : '';
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

/**
 * tf.constant(values, shape?, dtype?): values are a number, a boolean, nested arrays or a typed
 * array, read once (js/boundary.mjs) and checked against dtype before anything is allocated.
 */
export function constant(values, shape, dtype) {
  if (values instanceof Tensor) return values;
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
  if (shape.length === 0) return new Tensor(check(M.scalar(code, data[0]))); // one call
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
