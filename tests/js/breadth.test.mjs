// The TF2 breadth of the JS API: int32 arithmetic, lists of tensors, slicing, the tape's
// jacobians, reset and watched variables (values worked out by hand, as TF gives them).
import test from 'node:test';
import { xtape, assert, close, throwsXtape } from './helpers.mjs';

test("int32 arithmetic keeps int32; mixed dtypes are TF's error", () =>
  xtape.tidy(() => {
    const a = xtape.constant(new Int32Array([1, 2, 3]));
    assert.equal(a.add(a).dtype, 'int32');
    assert.deepEqual(Array.from(a.mul(a).data()), [1, 4, 9]);
    assert.deepEqual(
      Array.from(
        xtape
          .floorDiv(xtape.constant(new Int32Array([7, -7])), xtape.constant(new Int32Array([2, 2])))
          .data(),
      ),
      [3, -4],
    );
    assert.deepEqual(
      Array.from(
        xtape
          .matmul(
            xtape.constant(
              [
                [1, 2],
                [3, 4],
              ],
              undefined,
              'int32',
            ),
            xtape.constant(
              [
                [1, 1],
                [1, 1],
              ],
              undefined,
              'int32',
            ),
          )
          .data(),
      ),
      [3, 3, 7, 7],
    );
    throwsXtape(
      () => a.add(xtape.constant([1, 2, 3])),
      'cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor but is a float tensor',
    );
  }));

test('concat, stack and stridedSlice, with gradients', () =>
  xtape.tidy(() => {
    const x = xtape.constant([0, 1, 2, 3, 4, 5]);
    const tape = new xtape.GradientTape();
    tape.watch(x);
    const y = tape.record(() => xtape.stridedSlice(x, [5], [0], [-2]));
    close(y.data(), [5, 3, 1]);
    close(tape.gradient(y, x, { outputGradients: [1, 2, 3] }).data(), [0, 3, 0, 2, 0, 1]);
    assert.deepEqual(xtape.concat([[[1, 2]], [[3, 4]]], 0).shape, [2, 2]);
    assert.deepEqual(
      xtape.stack(
        [
          [1, 2],
          [3, 4],
        ],
        1,
      ).shape,
      [2, 2],
    );
    throwsXtape(() => xtape.concat('x', 0), 'concat: values must be an array of tensors');
  }));

test('tape.jacobian and batchJacobian by the tape; reset; watchedVariables after gradient', () =>
  xtape.tidy(() => {
    const w = new xtape.Variable([1, 2]);
    let tape = new xtape.GradientTape();
    let y = tape.record(() => w.mul(w));
    const j = tape.jacobian(y, w);
    assert.deepEqual(j.shape, [2, 2]);
    close(j.data(), [2, 0, 0, 4]);
    const x = xtape.constant([
      [1, 2],
      [3, 4],
    ]);
    tape = new xtape.GradientTape();
    tape.watch(x);
    y = tape.record(() => x.mul(x));
    const bj = tape.batchJacobian(y, x);
    assert.deepEqual(bj.shape, [2, 2, 2]);
    close(bj.data(), [2, 0, 0, 4, 6, 0, 0, 8]);
    tape = new xtape.GradientTape();
    const loss = tape.record(() => {
      w.mul(3);
      tape.reset(); // forgets a: only what follows counts
      return w.mul(w).sum();
    });
    close(tape.gradient(loss, w).data(), [2, 4]);
    assert.deepEqual(tape.watchedVariables(), [w]);
    w.dispose();
  }));
