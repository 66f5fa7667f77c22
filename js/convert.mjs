// The one conversion of a JS value given where a tensor is expected: a Tensor passes as it is, a
// Variable is read (recorded on the tapes that watch it), numbers, arrays and typed arrays become
// temporary tensors that the caller frees once the call ends.
import { brief, describe, fail, XtapeError } from './errors.mjs';
import { Handle } from './handles.mjs';
import { Tensor, constant } from './tensor.mjs';
import { typedKind } from './boundary.mjs';

/** The tensor id for v; temporaries made here are pushed on `temps`. */
export function tensorId(v, op, name, temps, dtype) {
  if (v instanceof Tensor) return v.id;
  let t;
  if (v instanceof Handle && v._kind === 'variable') t = v.read();
  else if (
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    Array.isArray(v) ||
    ArrayBuffer.isView(v)
  ) {
    try {
      t = constant(v, undefined, typedKind(v) ? undefined : dtype);
    } catch (e) {
      throw new XtapeError(`${op}: ${name}: ${e.message}`, e.kind);
    }
  } else fail(`${op}: ${name} must be a Tensor, Variable, number or array, got ${describe(v)}`);
  temps.push(t);
  return t.id;
}

/** f(id) with a tensor made from x, freed afterwards if it was made here. */
export function withTensor(x, op, name, f) {
  const temps = [];
  try {
    return f(tensorId(x, op, name, temps));
  } finally {
    for (const t of temps) t.dispose();
  }
}

/** A finite number, or an error naming the argument. */
export function finite(v, op, name) {
  if (typeof v !== 'number' || !Number.isFinite(v))
    fail(`${op}: ${name} must be a finite number, got ${brief(v)}`);
  return v;
}
