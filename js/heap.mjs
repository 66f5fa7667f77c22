// The one place that reads and writes the WASM heap. Views are made fresh on every call: the heap
// may have grown (and its ArrayBuffer been replaced) since the last one.
import { M } from './module.mjs';

// In the order of the core's DType codes (core/include/xtape/tensor.hpp).
// float16 is stored as its bits (Uint16Array); js/tensor.mjs reads and writes it as float32.
export const DTYPES = ['float32', 'int32', 'uint8', 'bool', 'float64', 'int64', 'float16'];
const ARRAY = [
  Float32Array,
  Int32Array,
  Uint8Array,
  Uint8Array,
  Float64Array,
  BigInt64Array,
  Uint16Array,
];

/**
 * Copies a typed array that js/boundary.mjs read (a fresh view or a converted copy) into tensor
 * `id`'s freshly allocated buffer: exactly the bytes the core allocated for it, never more.
 */
export function writeTensor(id, typed) {
  const bytes = M.byteLength(id);
  if (typed.byteLength !== bytes)
    throw new Error(`writeTensor: ${typed.byteLength} bytes for a tensor of ${bytes}`);
  M.HEAPU8.set(new Uint8Array(typed.buffer, typed.byteOffset, bytes), M.dataPtr(id));
}

/**
 * A copy of tensor `id`'s elements (as many as the core holds) as a typed array of its dtype, on
 * an ordinary ArrayBuffer (the threaded build's heap is a SharedArrayBuffer, which can be neither
 * transferred nor detached).
 * Tensor buffers are 64-byte aligned, so the view needs no byte copy first.
 */
export function readTensor(id, dtypeCode) {
  const Ctor = ARRAY[dtypeCode];
  const size = M.byteLength(id) / Ctor.BYTES_PER_ELEMENT; // the core's count, not a caller's
  const copy = new Ctor(size);
  copy.set(new Ctor(M.HEAPU8.buffer, M.dataPtr(id), size));
  return copy;
}

export function arrayTypeOf(dtype) {
  return ARRAY[DTYPES.indexOf(dtype)];
}
