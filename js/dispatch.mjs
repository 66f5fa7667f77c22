// Every op function comes from the op table (core/src/op_table.cpp): the table as the core
// describes it, [{name, python, js, method, args: [{name, kind, default}], type, doc}], plus the
// index that callOp takes. Arguments are converted here, by their kind, for every op.
import { M } from './module.mjs';
import { brief, camel, check, describe, fail } from './errors.mjs';
import { Tensor, typedDtype } from './tensor.mjs';
import { tensorId } from './convert.mjs';
import { readInts, readList } from './boundary.mjs';
import { Handle } from './handles.mjs';

// At most this many tensors in one list argument (concat, stack, add_n).
const MAX_LIST = 2 ** 16;

export const opTable = JSON.parse(M.opTable()).map((def, index) => ({ ...def, index }));
const byName = new Map(opTable.map((d) => [d.name, d]));
// Per row, worked out once: the JS names of its arguments, whether they are all tensors, numbers,
// flags and axes (then callOpScalars takes them as plain values, the hot ops' fast entry), and
// where its axes are.
const SCALAR_KINDS = ['tensor', 'index_tensor', 'number', 'integer', 'flag', 'axes'];
const rows = new Map(
  opTable.map((d) => [
    d,
    {
      names: d.args.map((a) => camel(a.name)),
      scalars: d.args.length <= 6 && d.args.every((a) => SCALAR_KINDS.includes(a.kind)),
      axes: d.args.flatMap((a, i) => (a.kind === 'axes' ? [i] : [])),
    },
  ]),
);

// The dtype that numbers and arrays given beside tensors take: the first tensor's, variable's or
// typed array's (TF: tf.constant(1.5, tf.float64) * 2 is float64), float32 when there is none; a
// bool one (where's condition) only when nothing else gives one.
function refDtype(def, args) {
  let bool;
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (def.args[i]?.kind !== 'tensor') continue;
    const d =
      v instanceof Tensor || (v instanceof Handle && v._kind === 'variable')
        ? v.dtype
        : typedDtype(v);
    if (d === 'bool') bool = d;
    else if (d) return d;
  }
  return bool;
}

// One argument of an op as callOp wants it; tensors JS makes here go in `temps`.
function argument(def, a, name, v, temps, args) {
  const op = def.js[0];
  if (v === undefined) {
    if (!('default' in a)) fail(`${op}: ${name} is required`);
    v = a.default;
  }
  switch (a.kind) {
    case 'tensor':
      return v instanceof Tensor ? v.id : tensorId(v, op, name, temps, refDtype(def, args));
    case 'index_tensor':
      return tensorId(v, op, name, temps, 'int32');
    case 'tensors':
      if (!Array.isArray(v)) fail(`${op}: ${name} must be an array of tensors, got ${describe(v)}`);
      return readList(v, `${op}: ${name}`, MAX_LIST).map((t, i) =>
        tensorId(t, op, `${name}[${i}]`, temps),
      );
    case 'number':
    case 'integer':
      if (typeof v !== 'number') fail(`${op}: ${name} must be a number, got ${describe(v)}`);
      return v; // the core checks integers: whole, in range, not NaN
    case 'flag':
      if (typeof v !== 'boolean') fail(`${op}: ${name} must be true or false, got ${describe(v)}`);
      return v ? 1 : 0;
    case 'axes':
      if (v === null) return null;
      if (typeof v === 'number') return [v];
    // falls through
    case 'shape':
    case 'ints':
    case 'perm':
      if (v === null && a.kind === 'perm') return null;
      if (!Array.isArray(v)) fail(`${op}: ${name} must be an array of integers, got ${brief(v)}`);
      return readInts(v, `${op}: ${name}`, () => true); // the core checks whole numbers, ranges
    case 'dtype':
      if (typeof v !== 'string') fail(`${op}: ${name} must be a dtype name, got ${describe(v)}`);
      return v;
    default:
      return fail(`${op}: unknown argument kind ${a.kind}`);
  }
}

export function callOp(def, args) {
  if (args.length > def.args.length)
    fail(`${def.js[0]}: expected at most ${def.args.length} arguments, got ${args.length}`);
  const temps = [];
  const { names, scalars, axes } = rows.get(def);
  try {
    const v = new Array(def.args.length);
    for (let i = 0; i < v.length; i++)
      v[i] = argument(def, def.args[i], names[i], args[i], temps, args);
    // axes go as plain values when None (NaN) or one whole number; anything else (lists, and
    // values the core must refuse) through callOp
    const plain =
      scalars &&
      axes.every((i) => v[i] === null || (v[i].length === 1 && Number.isInteger(v[i][0])));
    if (plain) for (const i of axes) v[i] = v[i] === null ? NaN : v[i][0];
    const id = plain
      ? M.callOpScalars(def.index, v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 0, v[4] ?? 0, v[5] ?? 0)
      : M.callOp(def.index, v);
    if (id === 0) {
      // 0 is never a handle: the call failed and its error is pending
      check();
      fail(`${def.js[0]}: failed without an error`);
    }
    return new Tensor(id);
  } finally {
    for (const t of temps) t.dispose();
  }
}

/** The JS function of the op table's row `name` (C++ name), e.g. op('reduce_mean'). */
export function op(name) {
  const def = byName.get(name) ?? fail(`no op named '${name}'`);
  const f = (...args) => callOp(def, args);
  Object.defineProperty(f, 'name', { value: def.js[0] });
  return f;
}

/** Installs the table's chainable methods on a class: x.matmul(w1).add(b1).relu(). */
export function installMethods(cls) {
  for (const def of opTable) {
    if (!def.method) continue;
    for (const name of def.js.filter((n) => !n.includes('.'))) {
      cls.prototype[name] = function (...args) {
        return callOp(def, [this, ...args]);
      };
    }
  }
}
installMethods(Tensor);
