// xtape.customGradient(f) (TF: tf.custom_gradient; TF.js: tf.customGrad): f(...inputs) returns
// {value, grad}: value, a Tensor computed from the inputs, is what the call returns; grad(dy)
// gives the gradients of the inputs (an array with one Tensor or null per input, or one Tensor
// for one input). Tapes differentiate the call by grad, not through what f did.
//
//   const log1pexp = xtape.customGradient((x) => {
//     const e = xtape.exp(x);
//     return { value: xtape.log(e.add(1)), grad: (dy) => [dy.mul(xtape.sub(1, xtape.div(1, e.add(1))))] };
//   });
import { M } from './module.mjs';
import { check, describe, fail } from './errors.mjs';
import { Tensor } from './tensor.mjs';

/** value as an op of inputs whose gradient is grad(dy) (what customGradient and Python's use). */
export function customGradientOf(inputs, value, grad) {
  if (!(value instanceof Tensor))
    fail(`customGradient: value must be a Tensor, got ${describe(value)}`);
  if (typeof grad !== 'function')
    fail(`customGradient: grad must be a function, got ${describe(grad)}`);
  const wrapped = (dyId) => {
    const dy = new Tensor(dyId);
    try {
      let gs = grad(dy);
      gs = Array.isArray(gs) ? gs : [gs];
      return gs.map((g) => {
        if (g === null || g === undefined) return 0;
        if (!(g instanceof Tensor))
          throw new TypeError(`the gradient function returned ${describe(g)}, not a Tensor`);
        return check(M.share(g.id)); // the core's own handle: it takes it
      });
    } catch (e) {
      return `${e?.name ?? 'Error'}: ${e?.message ?? String(e)}`;
    } finally {
      dy.dispose();
    }
  };
  return new Tensor(
    check(
      M.customGradient(
        inputs.map((t) => t.id),
        value.id,
        wrapped,
      ),
    ),
  );
}

export function customGradient(f) {
  if (typeof f !== 'function') fail(`customGradient: expected a function, got ${describe(f)}`);
  return (...inputs) => {
    for (const [i, t] of inputs.entries())
      if (!(t instanceof Tensor))
        fail(`customGradient: input ${i} must be a Tensor, got ${describe(t)}`);
    const out = f(...inputs);
    if (!out || typeof out !== 'object' || !('value' in out) || !('grad' in out))
      fail('customGradient: f must return {value, grad}');
    const y = customGradientOf(inputs, out.value, out.grad);
    out.value.dispose();
    return y;
  };
}
