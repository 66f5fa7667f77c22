// Shared helpers for the JS tests (node:test).
import assert from 'node:assert/strict';
import * as xtape from '../../js/index.mjs';

export { xtape, assert };

export function close(actual, expected, eps = 1e-5) {
  const a = Array.from(actual),
    e = Array.from(expected);
  assert.equal(a.length, e.length, `length ${a.length} != ${e.length}`);
  a.forEach((v, i) =>
    assert.ok(
      Math.abs(v - e[i]) <= eps * Math.max(1, Math.abs(e[i])),
      `element ${i}: ${v} != ${e[i]}`,
    ),
  );
}

/** Asserts fn throws an XtapeError whose message contains `part`. */
export function throwsXtape(fn, part) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof xtape.XtapeError, `expected XtapeError, got ${e?.name}: ${e?.message}`);
    assert.ok(e.message.includes(part), `message "${e.message}" lacks "${part}"`);
    return true;
  });
}

/** A valid JS value for each argument of an op-table row (see tests/op_samples.hpp for C++). */
export const sample = (def) =>
  def.args.map((a) => {
    switch (a.kind) {
      case 'tensor':
        if (a.name === 'condition' || a.name === 'mask' || def.name.startsWith('logical_'))
          return xtape.constant([true, false, true, true, false, true], [2, 3], 'bool');
        if (def.name === 'conv2d' || def.name === 'max_pool2d')
          return xtape.ones(a.name === 'filters' ? [2, 2, 2, 3] : [1, 4, 4, 2]);
        if (def.name === 'solve' && a.name === 'matrix')
          return xtape.constant([2, 1, 1, 3], [2, 2]);
        if (def.name === 'tensor_scatter_nd_update' && a.name === 'indices')
          return xtape.constant(new Int32Array([1, 0]), [2, 1]);
        return def.name === 'convert_image_dtype'
          ? xtape.zeros([2, 3], 'uint8')
          : (def.name === 'matmul' && a.name === 'b') || a.name === 'weights'
            ? xtape.ones([3, 2])
            : a.name === 'biases'
              ? xtape.ones([2])
              : xtape.ones([2, 3]);
      case 'index_tensor':
        return xtape.constant(new Int32Array([1, 0]));
      case 'tensors':
        return [xtape.ones([2, 3]), xtape.ones([2, 3])];
      case 'number':
        return a.name === 'limit' || a.name === 'stop' ? 3 : 0.5;
      case 'integer':
        return a.name === 'axis' ? 1 : 3;
      case 'flag':
        return false;
      case 'ints':
        if (a.name === 'ksize' || (a.name === 'strides' && def.name !== 'strided_slice'))
          return [2, 2];
        return { begin: [0, 1], end: [2, 3], strides: [1, 1] }[a.name];
      case 'shape':
        return def.name === 'broadcast_to' ? [4, 2, 3] : [3, 2];
      case 'dtype': // the row's default (argMax: int64), else float32
        return a.default ?? 'float32';
      default:
        return null;
    }
  });
