// Tensors: immutable values in the WASM heap, and constant() that makes them from JS values.
import { M } from './module.mjs';
import { DTYPES, arrayTypeOf, readTensor, writeTensor } from './heap.mjs';
import { brief, check, describe, fail } from './errors.mjs';
import { Handle } from './handles.mjs';

export class Tensor extends Handle {
  constructor(id) {
    super('tensor', id);
  }
  get shape() {
    return (this._shape ??= check(M.shape(this.id)));
  }
  get dtype() {
    return (this._dtype ??= DTYPES[check(M.dtype(this.id))]);
  }
  get rank() {
    return this.shape.length;
  }
  get size() {
    return this.shape.reduce((a, b) => a * b, 1);
  }
  /** A copy of the values as a typed array (Float32Array, Int32Array or Uint8Array). */
  data() {
    return readTensor(this.id, DTYPES.indexOf(this.dtype), this.size);
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
    return nest(Array.from(this.data()), this.shape);
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

export function checkShape(shape, op, name = 'shape') {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    fail(`${op}: ${name} must be an array of non-negative integers, got ${brief(shape)}`);
  return shape;
}

function inferShape(values) {
  const shape = [];
  for (let v = values; Array.isArray(v); v = v[0]) shape.push(v.length);
  return shape;
}

/** tf.constant(values, shape?, dtype?): values are a number, nested arrays or a typed array. */
export function constant(values, shape, dtype) {
  if (values instanceof Tensor) return values;
  let typed;
  if (ArrayBuffer.isView(values)) {
    dtype ??=
      values instanceof Int32Array ? 'int32' : values instanceof Uint8Array ? 'uint8' : 'float32';
    typed = values;
    shape ??= [values.length];
  } else if (typeof values === 'number' || typeof values === 'boolean') {
    shape ??= [];
    typed = [Number(values)];
  } else if (Array.isArray(values)) {
    shape ??= inferShape(values);
    typed = values.flat(Infinity);
    if (!typed.every((v) => typeof v === 'number' || typeof v === 'boolean'))
      fail('constant: values must be numbers (nested arrays of numbers)');
  } else {
    fail(`constant: expected a number, an array or a typed array, got ${describe(values)}`);
  }
  dtype ??= 'float32';
  const Ctor =
    arrayTypeOf(dtype) ?? fail(`constant: unknown dtype '${brief(dtype)}' (${DTYPES.join(', ')})`);
  checkShape(shape, 'constant');
  if (!ArrayBuffer.isView(typed) && dtype !== 'float32') {
    // no silent truncation of 1.5 or NaN
    const [lo, hi] =
      dtype === 'int32' ? [-(2 ** 31), 2 ** 31 - 1] : dtype === 'uint8' ? [0, 255] : [0, 1];
    const bad = typed.findIndex((v) => !(Number.isInteger(+v) && +v >= lo && +v <= hi));
    if (bad >= 0)
      fail(
        `constant: value ${brief(typed[bad])} at index ${bad} is not a ${dtype} (an integer in [${lo}, ${hi}])`,
      );
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== typed.length)
    fail(`constant: ${typed.length} values do not fill shape [${shape}] (${count} elements)`);
  const code = DTYPES.indexOf(dtype);
  if (shape.length === 0) return new Tensor(check(M.scalar(code, Number(typed[0])))); // one call
  const id = check(M.alloc(code, shape));
  writeTensor(id, typed instanceof Ctor ? typed : Ctor.from(typed));
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
  if (!Number.isInteger(bins)) fail(`summary: bins must be an integer, got ${brief(bins)}`);
  return check(M.summary(t.id, bins));
}
