// The one place that reads and writes the WASM heap. Views are made fresh on every call: the heap
// may have grown (and its ArrayBuffer been replaced) since the last one.
import { M } from './module.mjs';

export const DTYPES = ['float32', 'int32', 'uint8', 'bool'];
const ARRAY = [Float32Array, Int32Array, Uint8Array, Uint8Array];

/** Copies a typed array's bytes into tensor `id`'s freshly allocated buffer. */
export function writeTensor(id, typed) {
  const src = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
  M.HEAPU8.set(src, M.dataPtr(id));
}

/**
 * A copy of tensor `id`'s elements as a typed array of its dtype, on an ordinary ArrayBuffer (the
 * threaded build's heap is a SharedArrayBuffer, which can be neither transferred nor detached).
 * Tensor buffers are 64-byte aligned, so the view needs no byte copy first.
 */
export function readTensor(id, dtypeCode, size) {
  const Ctor = ARRAY[dtypeCode];
  const copy = new Ctor(size);
  copy.set(new Ctor(M.HEAPU8.buffer, M.dataPtr(id), size));
  return copy;
}

export function arrayTypeOf(dtype) {
  return ARRAY[DTYPES.indexOf(dtype)];
}
