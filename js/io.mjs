// Files: IDX (MNIST's format) and NumPy's .npy, parsed and written by the core.
import { M } from './module.mjs';
import { check, describe, fail } from './errors.mjs';
import { constant } from './tensor.mjs';
import { withTensor } from './convert.mjs';
import { Tensor } from './tensor.mjs';

function bytesTensor(bytes, op) {
  if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array))
    fail(`${op}: expected a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
  return constant(bytes, [bytes.length], 'uint8');
}
function parse(fn, bytes, what, op) {
  const b = bytesTensor(bytes, op);
  try {
    return new Tensor(check(fn(b.id, String(what))));
  } finally {
    b.dispose();
  }
}
export const io = {
  /** IDX bytes (decompressed) -> uint8 tensor. */
  parseIdx(bytes, what = 'IDX') {
    return parse(M.parseIdx, bytes, what, 'parseIdx');
  },
  /** .npy bytes -> tensor. */
  parseNpy(bytes, what = '.npy') {
    return parse(M.parseNpy, bytes, what, 'parseNpy');
  },
  /** tensor or variable -> .npy bytes (Uint8Array). */
  toNpy(t) {
    return withTensor(t, 'toNpy', 't', (id) => {
      const bytes = new Tensor(check(M.toNpy(id)));
      try {
        return bytes.data();
      } finally {
        bytes.dispose();
      }
    });
  },
};
