// xtape for JavaScript: the TF2 API in camelCase over the WASM core.
//
//   import * as xtape from 'xtape';
//   const tape = new xtape.GradientTape();
//   const loss = tape.record(() => xtape.reduceMean(xtape.square(y.sub(x.matmul(w1).add(b1).relu().matmul(w2).add(b2)))));
//   const grads = tape.gradient(loss, [w1, b1, w2, b2]);
//   w1.assignSub(grads[0].mul(lr));
//
// Memory: every tensor lives in the WASM heap until disposed. xtape.tidy(fn) disposes what fn
// created except what it returns; variables live until variable.dispose(); a FinalizationRegistry
// frees what the garbage collector finds unreachable, as a safety net only.
import { M, inNode, threaded, relaxedSimd } from './module.mjs';
import { DTYPES, arrayTypeOf, readTensor, writeTensor } from './heap.mjs';

/**
 * Every error from xtape: the C++ core's message, or a JS-side check naming what was wrong.
 * `kind` is TF's class name: InvalidArgumentError, NotFoundError, ResourceExhaustedError, ...
 */
export class XtapeError extends Error {
  constructor(message, kind = 'InvalidArgumentError') {
    super(message);
    this.name = 'XtapeError';
    this.kind = kind;
  }
}

const fail = (msg) => { throw new XtapeError(msg); };
// The one error convention of the bindings: a call that fails leaves its error pending, and
// check() turns it into an XtapeError right after the call.
function check(result) {
  const e = M.takeError();
  if (e !== null) throw new XtapeError(e.message, e.kind);
  return result;
}

// --- ownership ----------------------------------------------------------------------------------
const scopes = []; // stack of Sets of the tensors created inside tidy()
const registry = new FinalizationRegistry(({ kind, id }) => release(kind, id));
function release(kind, id) {
  if (kind === 'tensor') M.dispose(id);
  else if (kind === 'variable') M.variableDispose(id);
  else if (kind === 'tape') M.tapeDispose(id);
  else if (kind === 'optimizer') M.optimizerDispose(id);
  else if (kind === 'generator') M.generatorDispose(id);
}
// A handle joins the FinalizationRegistry (the safety net for what is never disposed) when no
// tidy() holds it: a tensor made inside tidy() is in its scope until the scope ends, and most are
// disposed there, so registering them would only cost time on every op.
function guard(h) {
  if (h._guarded || !h._id) return;
  h._guarded = true;
  registry.register(h, { kind: h._kind, id: h._id }, h);
}
class Handle {
  constructor(kind, id) {
    this._kind = kind;
    this._id = id;
    if (scopes.length && kind === 'tensor') scopes.at(-1).add(this);
    else guard(this);
  }
  get isDisposed() { return this._id === 0; }
  get id() { return this._id || fail(`${this._kind} was disposed`); }
  dispose() {
    if (!this._id) return;
    if (this._guarded) registry.unregister(this);
    release(this._kind, this._id);
    this._id = 0;
  }
}

/** Runs fn and disposes every tensor it created, except those in its result. */
export function tidy(fn) {
  if (typeof fn !== 'function') fail(`tidy: expected a function, got ${typeof fn}`);
  const scope = new Set();
  scopes.push(scope);
  let result;
  try {
    result = fn();
  } finally {
    scopes.pop();
    const keep = handlesIn(result);
    for (const h of scope) {
      if (!keep.has(h)) h.dispose();
      else if (scopes.length) scopes.at(-1).add(h);
      else guard(h);
    }
  }
  return result;
}
// Every handle reachable in v through arrays and plain objects; iterative, cycles visited once.
function handlesIn(v) {
  const out = new Set();
  const seen = new Set();
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (x instanceof Handle) out.add(x);
    else if (x && typeof x === 'object' && !seen.has(x)) {
      seen.add(x);
      if (Array.isArray(x)) stack.push(...x);
      else if (Object.getPrototypeOf(x) === Object.prototype) stack.push(...Object.values(x));
    }
  }
  return out;
}
/** Keeps a tensor alive past the enclosing tidy(). */
export function keep(t) {
  for (const s of scopes) s.delete(t);
  if (t instanceof Handle) guard(t);
  return t;
}
/**
 * The WASM heap: tensors JS holds (numTensors, numBytes), variables, tapes; all tensor buffers
 * alive now including the core's own (liveBytes) and their peak since resetPeakMemory()
 * (peakBytes); and the heap's size (heapBytes).
 */
export function memory() {
  const m = M.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes, numVariables: m.numVariables,
    numTapes: m.numTapes, liveBytes: m.liveBytes, peakBytes: m.peakBytes, heapBytes: M.HEAPU8.byteLength };
}
export const resetPeakMemory = () => M.resetPeakMemory();
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
/** Disposes every tensor, tape, variable... reachable in obj (arrays and plain objects too). */
export function dispose(obj) {
  handlesIn(obj).forEach((h) => h.dispose());
}

// --- tensors ------------------------------------------------------------------------------------
export class Tensor extends Handle {
  constructor(id) {
    super('tensor', id);
  }
  get shape() { return this._shape ??= check(M.shape(this.id)); }
  get dtype() { return this._dtype ??= DTYPES[check(M.dtype(this.id))]; }
  get rank() { return this.shape.length; }
  get size() { return this.shape.reduce((a, b) => a * b, 1); }
  /** A copy of the values as a typed array (Float32Array, Int32Array or Uint8Array). */
  data() { return readTensor(this.id, DTYPES.indexOf(this.dtype), this.size); }
  dataSync() { return this.data(); }
  /** The value of a one-element tensor (TF: .numpy() of a scalar). */
  item() {
    if (this.size !== 1) fail(`item: tensor of shape [${this.shape}] has more than one element`);
    return this.data()[0];
  }
  /** Nested arrays, like tf.Tensor.arraySync(). */
  array() { return nest(Array.from(this.data()), this.shape); }
  toString() {
    const d = Array.from(this.data().slice(0, 20)).join(' ');
    return `Tensor([${d}${this.size > 20 ? ' ...' : ''}], shape=[${this.shape}], dtype=${this.dtype})`;
  }
}
function nest(flat, shape) {
  if (shape.length === 0) return flat[0];
  if (shape.length === 1) return flat;
  const n = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0] }, (_, i) => nest(flat.slice(i * n, (i + 1) * n), shape.slice(1)));
}

function checkShape(shape, op, name = 'shape') {
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
    dtype ??= values instanceof Int32Array ? 'int32' : values instanceof Uint8Array ? 'uint8' : 'float32';
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
  const Ctor = arrayTypeOf(dtype) ?? fail(`constant: unknown dtype '${brief(dtype)}' (float32, int32, uint8, bool)`);
  checkShape(shape, 'constant');
  if (!ArrayBuffer.isView(typed) && dtype !== 'float32') { // no silent truncation of 1.5 or NaN
    const [lo, hi] = dtype === 'int32' ? [-(2 ** 31), 2 ** 31 - 1] : dtype === 'uint8' ? [0, 255] : [0, 1];
    const bad = typed.findIndex((v) => !(Number.isInteger(+v) && +v >= lo && +v <= hi));
    if (bad >= 0) fail(`constant: value ${brief(typed[bad])} at index ${bad} is not a ${dtype} (an integer in [${lo}, ${hi}])`);
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

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return v.constructor?.name ?? 'an object';
  return `${typeof v} ${String(v).slice(0, 20)}`;
}
// A short, safe rendering of a bad value for a message (cycles and huge arrays included).
function brief(v) {
  try {
    const s = typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v) ?? String(v);
    return s.length > 60 ? `${s.slice(0, 60)}...` : s;
  } catch {
    return describe(v);
  }
}

// --- ops: every function below comes from the op table (core/src/op_table.cpp) -------------------
// The table as the core describes it: [{name, python, js, method, args: [{name, kind, default}],
// doc}], plus the index that callOp takes.
export const opTable = JSON.parse(M.opTable()).map((def, index) => ({ ...def, index }));
const byName = new Map(opTable.map((d) => [d.name, d]));
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
// Per row, worked out once: the JS names of its arguments, and whether they are all tensors,
// numbers, flags and axes (then callOpScalars takes them as plain values, the hot ops' fast
// entry), and where its axes are.
const SCALAR_KINDS = ['tensor', 'index_tensor', 'number', 'integer', 'flag', 'axes'];
const rows = new Map(opTable.map((d) => [d, {
  names: d.args.map((a) => camel(a.name)),
  scalars: d.args.length <= 6 && d.args.every((a) => SCALAR_KINDS.includes(a.kind)),
  axes: d.args.flatMap((a, i) => (a.kind === 'axes' ? [i] : [])),
}]));

// One argument of an op as callOp wants it. Values JS turns into tensors here (numbers, arrays,
// Variables) are temporaries: they go in `temps` and are freed when the call ends.
function argument(def, a, name, v, temps) {
  const op = def.js[0];
  if (v === undefined) {
    if (!('default' in a)) fail(`${op}: ${name} is required`);
    v = a.default;
  }
  switch (a.kind) {
    case 'tensor':
    case 'index_tensor': {
      if (v instanceof Tensor) return v.id;
      let t;
      if (v instanceof Variable) t = v.read();
      else if (typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v) || ArrayBuffer.isView(v)) {
        try {
          t = constant(v, undefined, a.kind === 'index_tensor' && !ArrayBuffer.isView(v) ? 'int32' : undefined);
        } catch (e) {
          throw new XtapeError(`${op}: ${name}: ${e.message}`, e.kind);
        }
      } else fail(`${op}: ${name} must be a Tensor, Variable, number or array, got ${describe(v)}`);
      temps.push(t);
      return t.id;
    }
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
    case 'perm':
      if (v === null && a.kind === 'perm') return null;
      if (!Array.isArray(v) || !v.every((d) => typeof d === 'number'))
        fail(`${op}: ${name} must be an array of integers, got ${brief(v)}`);
      return v;
    case 'dtype':
      if (typeof v !== 'string') fail(`${op}: ${name} must be a dtype name, got ${describe(v)}`);
      return v;
    default:
      return fail(`${op}: unknown argument kind ${a.kind}`);
  }
}

function callOp(def, args) {
  if (args.length > def.args.length)
    fail(`${def.js[0]}: expected at most ${def.args.length} arguments, got ${args.length}`);
  const temps = [];
  const { names, scalars, axes } = rows.get(def);
  try {
    const v = new Array(def.args.length);
    for (let i = 0; i < v.length; i++) v[i] = argument(def, def.args[i], names[i], args[i], temps);
    // axes go as plain values when None (NaN) or one whole number; anything else (lists, and
    // values the core must refuse) through callOp
    const plain = scalars && axes.every((i) => v[i] === null || (v[i].length === 1 && Number.isInteger(v[i][0])));
    if (plain) for (const i of axes) v[i] = v[i] === null ? NaN : v[i][0];
    const id = plain ? M.callOpScalars(def.index, v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 0, v[4] ?? 0, v[5] ?? 0)
      : M.callOp(def.index, v);
    if (id === 0) { // 0 is never a handle: the call failed and its error is pending
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

// One tensor argument outside the op table (a Variable's new value, an upstream gradient):
// f(id) runs with a tensor made from x, which is freed afterwards if it was made here.
function withTensor(x, op, name, f) {
  const def = { js: [op] };
  const temps = [];
  try {
    return f(argument(def, { name, kind: 'tensor' }, name, x, temps));
  } finally {
    for (const t of temps) t.dispose();
  }
}

// --- variables ----------------------------------------------------------------------------------
export class Variable extends Handle {
  /** tf.Variable(initialValue, {name, trainable}) */
  constructor(initialValue, { name = 'Variable', trainable = true } = {}) {
    if (typeof name !== 'string') fail(`Variable: name must be a string, got ${describe(name)}`);
    const vid = withTensor(initialValue, 'Variable', 'initialValue', (t) => check(M.variableCreate(t, name, !!trainable)));
    super('variable', vid);
    this.name = name;
    this._trainable = !!trainable;
  }
  /** Whether tapes watch it when it is read; settable (Keras). */
  get trainable() { return this._trainable; }
  set trainable(on) {
    check(M.variableSetTrainable(this.id, !!on));
    this._trainable = !!on;
  }
  /** The current value, as a new tensor (recorded on the tapes that watch this variable). */
  read() { return new Tensor(check(M.variableRead(this.id))); }
  value() { return this.read(); }
  get shape() { return this._shape ??= check(M.variableInfo(this.id)).shape; }
  get dtype() { return DTYPES[check(M.variableInfo(this.id)).dtype]; }
  assign(v) { this.#update('assign', v); return this; }
  assignAdd(v) { this.#update('assignAdd', v); return this; }
  assignSub(v) { this.#update('assignSub', v); return this; }
  #update(how, v) { withTensor(v, how, 'value', (t) => check(M.variableUpdate(this.id, how, t))); }
  data() { const t = this.read(); try { return t.data(); } finally { t.dispose(); } }
  item() { const t = this.read(); try { return t.item(); } finally { t.dispose(); } }
}

// Chainable methods of the op table on Tensor and Variable: x.matmul(w1).add(b1).relu(),
// w1.add(1) (a Variable reads its value, recorded on the tapes that watch it).
for (const def of opTable) {
  if (!def.method) continue;
  for (const name of def.js.filter((n) => !n.includes('.'))) {
    const method = function (...args) { return callOp(def, [this, ...args]); };
    Tensor.prototype[name] = method;
    Variable.prototype[name] = method;
  }
}

const SPENT = 'GradientTape.gradient can only be called once on a non-persistent tape; create the tape with persistent=true to take several gradients';

// --- GradientTape -------------------------------------------------------------------------------
export class GradientTape extends Handle {
  /** tf.GradientTape(persistent=false, watch_accessed_variables=true) */
  constructor({ persistent = false, watchAccessedVariables = true } = {}) {
    super('tape', check(M.tapeCreate(!!persistent, !!watchAccessedVariables)));
    this.persistent = !!persistent;
  }
  /**
   * The body of `with tape:` as two calls, for hosts that cannot pass a function (Python's `with`):
   * startRecording(); ...ops...; stopRecording(). record(fn) is the same with a try/finally.
   */
  startRecording() {
    if (this._spent) fail(SPENT);
    if (this._recording) fail('GradientTape: this tape is already recording (entered twice)');
    check(M.tapeRecording(this.id, true));
    this._recording = true;
  }
  stopRecording() {
    this._recording = false;
    if (!this.isDisposed) check(M.tapeRecording(this.id, false));
  }
  /** Records the ops fn runs (TF: the body of `with tape:`), returns what fn returns. */
  record(fn) {
    if (typeof fn !== 'function') fail(`GradientTape.record: expected a function, got ${describe(fn)}`);
    if (this._spent) fail(SPENT);
    if (this._recording) fail('GradientTape.record: this tape is already recording (record() nested on the same tape)');
    check(M.tapeRecording(this.id, true));
    this._recording = true;
    try {
      return fn();
    } finally {
      this._recording = false;
      if (!this.isDisposed) check(M.tapeRecording(this.id, false));
    }
  }
  watch(x) {
    for (const v of Array.isArray(x) ? x : [x]) {
      if (v instanceof Variable) check(M.tapeWatch(this.id, true, v.id));
      else if (v instanceof Tensor) check(M.tapeWatch(this.id, false, v.id));
      else fail(`GradientTape.watch: expected a Tensor or Variable, got ${describe(v)}`);
    }
  }
  /**
   * tape.gradient(target, sources, {outputGradients, unconnectedGradients: 'none'|'zero'}):
   * one result per source (null where unconnected), or a single result for a single source.
   */
  gradient(target, sources, { outputGradients, unconnectedGradients = 'none' } = {}) {
    if (this._spent) fail(SPENT);
    if (!(target instanceof Tensor)) fail(`GradientTape.gradient: target must be a Tensor, got ${describe(target)}`);
    if (unconnectedGradients !== 'none' && unconnectedGradients !== 'zero')
      fail(`GradientTape.gradient: unconnectedGradients must be 'none' or 'zero', got ${brief(unconnectedGradients)}`);
    const single = !Array.isArray(sources);
    const list = single ? [sources] : sources;
    const pairs = list.flatMap((s, i) => { // [isVariable, id, ...]
      if (s instanceof Variable) return [1, s.id];
      if (s instanceof Tensor) return [0, s.id];
      return fail(`GradientTape.gradient: source ${i} must be a Tensor or Variable, got ${describe(s)}`);
    });
    const run = (og) => check(M.tapeGradient(this.id, target.id, pairs, og, unconnectedGradients === 'zero'));
    const ids = outputGradients === undefined ? run(0)
      : withTensor(outputGradients, 'GradientTape.gradient', 'outputGradients', run);
    const grads = ids.map((id) => (id ? new Tensor(id) : null));
    if (!this.persistent) { // used up, as in TF: free it now rather than when it is collected
      this.dispose();
      this._spent = true;
    }
    return single ? grads[0] : grads;
  }
}

// --- optimizers ---------------------------------------------------------------------------------
/** Python's zip(grads, vars) for applyGradients. */
export function zip(grads, vars) {
  if (!Array.isArray(grads) || !Array.isArray(vars) || grads.length !== vars.length)
    fail(`zip: expected two arrays of equal length, got ${grads?.length} gradients and ${vars?.length} variables`);
  return grads.map((g, i) => [g, vars[i]]);
}
// Keras's defaults, from the core (core/include/xtape/optimizers.hpp): {SGD: {learningRate: 0.01,
// momentum: 0, nesterov: false}, Adam: {...}, RMSprop: {...}}.
export const optimizerDefaults = Object.fromEntries(Object.entries(JSON.parse(M.optimizerDefaults()))
  .map(([kind, o]) => [kind, Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]))]));
class Optimizer extends Handle {
  constructor(kind, o) {
    if (typeof o === 'number') o = { learningRate: o };
    if (o !== undefined && (typeof o !== 'object' || o === null))
      fail(`${kind}: expected an options object or a learning rate, got ${describe(o)}`);
    const defaults = optimizerDefaults[kind];
    const config = { ...defaults };
    for (const [k, v] of Object.entries(o ?? {})) {
      if (!(k in defaults)) fail(`${kind}: unknown option '${brief(k)}' (${Object.keys(defaults).join(', ')})`);
      if (typeof v !== typeof defaults[k] || (typeof v === 'number' && !Number.isFinite(v)))
        fail(`${kind}: ${k} must be a finite ${typeof defaults[k]}, got ${brief(v)}`);
      config[k] = v;
    }
    super('optimizer', check(M.optimizerCreate(kind, config)));
    this.config = config;
  }
  /** applyGradients([[grad, variable], ...]) or applyGradients(zip(grads, vars)). */
  applyGradients(gradsAndVars) {
    if (!Array.isArray(gradsAndVars)) fail('applyGradients: expected an array of [gradient, variable] pairs');
    const pairs = gradsAndVars.map((p, i) => {
      if (!Array.isArray(p) || p.length !== 2) fail(`applyGradients: item ${i} is not a [gradient, variable] pair`);
      const [g, v] = p;
      if (!(v instanceof Variable)) fail(`applyGradients: item ${i} has no Variable, got ${describe(v)}`);
      if (g !== null && g !== undefined && !(g instanceof Tensor)) fail(`applyGradients: gradient ${i} must be a Tensor or null, got ${describe(g)}`);
      return [g ? g.id : 0, v.id];
    });
    check(M.optimizerApply(this.id, pairs));
  }
  get learningRate() { return this.config.learningRate; }
  set learningRate(lr) {
    if (!Number.isFinite(lr)) fail(`learningRate must be a finite number, got ${brief(lr)}`);
    check(M.optimizerSetLearningRate(this.id, lr));
    this.config.learningRate = lr;
  }
  get iterations() { return check(M.optimizerIterations(this.id)); }
}
export const optimizers = {
  /** keras.optimizers.SGD(learning_rate=0.01, momentum=0, nesterov=False) */
  SGD: class SGD extends Optimizer { constructor(o) { super('SGD', o); } },
  /** keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7) */
  Adam: class Adam extends Optimizer { constructor(o) { super('Adam', o); } },
  /** keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0, epsilon=1e-7, centered=False) */
  RMSprop: class RMSprop extends Optimizer { constructor(o) { super('RMSprop', o); } },
};

// --- random -------------------------------------------------------------------------------------
function seedOf(seed, op) {
  if (seed === undefined || seed === null) return null;
  if (!Number.isSafeInteger(seed) || seed < 0) fail(`${op}: seed must be a non-negative integer, got ${brief(seed)}`);
  return seed;
}
function num(v, op, name) {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${op}: ${name} must be a finite number, got ${brief(v)}`);
  return v;
}
const out = (id) => new Tensor(check(id));
class Generator extends Handle {
  static fromSeed(seed) { return new Generator(seed); }
  constructor(seed) {
    if (seedOf(seed, 'Generator.fromSeed') === null) fail('Generator.fromSeed: a seed is required');
    super('generator', check(M.generatorCreate(seed)));
  }
  uniform(shape, { minval = 0, maxval = 1 } = {}) { return out(M.generatorDraw(this.id, 'uniform', checkShape(shape, 'uniform'), num(minval, 'uniform', 'minval'), num(maxval, 'uniform', 'maxval'))); }
  normal(shape, { mean = 0, stddev = 1 } = {}) { return out(M.generatorDraw(this.id, 'normal', checkShape(shape, 'normal'), num(mean, 'normal', 'mean'), num(stddev, 'normal', 'stddev'))); }
  truncatedNormal(shape, { mean = 0, stddev = 1 } = {}) { return out(M.generatorDraw(this.id, 'truncated', checkShape(shape, 'truncatedNormal'), num(mean, 'truncatedNormal', 'mean'), num(stddev, 'truncatedNormal', 'stddev'))); }
  permutation(n) {
    if (!Number.isSafeInteger(n) || n < 0) fail(`permutation: n must be a non-negative integer, got ${brief(n)}`);
    return out(M.generatorDraw(this.id, 'permutation', [], n, 0));
  }
}
// TF's seed rules: no seed at all gives fresh numbers on every call; setSeed(s) makes the calls
// after it a repeatable sequence; an op seed picks a repeatable stream (see random.hpp).
const draw = (kind, op, a, b) => (shape, o = {}) =>
  out(M.random(kind, checkShape(shape, op), num(o[a[0]] ?? a[1], op, a[0]), num(o[b[0]] ?? b[1], op, b[0]), seedOf(o.seed, op)));
export const random = {
  uniform: draw('uniform', 'random.uniform', ['minval', 0], ['maxval', 1]),
  normal: draw('normal', 'random.normal', ['mean', 0], ['stddev', 1]),
  truncatedNormal: draw('truncated', 'random.truncatedNormal', ['mean', 0], ['stddev', 1]),
  /** tf.random.set_seed(seed); null unsets it. */
  setSeed(seed) { check(M.setSeed(seedOf(seed, 'random.setSeed'))); },
  Generator,
};

// --- io -----------------------------------------------------------------------------------------
function bytesTensor(bytes, op) {
  if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array)) fail(`${op}: expected a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
  return constant(bytes, [bytes.length], 'uint8');
}
function parse(fn, bytes, what, op) {
  const b = bytesTensor(bytes, op);
  try {
    return out(fn(b.id, String(what)));
  } finally {
    b.dispose();
  }
}
export const io = {
  /** IDX bytes (decompressed) -> uint8 tensor. */
  parseIdx(bytes, what = 'IDX') { return parse(M.parseIdx, bytes, what, 'parseIdx'); },
  /** .npy bytes -> tensor. */
  parseNpy(bytes, what = '.npy') { return parse(M.parseNpy, bytes, what, 'parseNpy'); },
  /** tensor or variable -> .npy bytes (Uint8Array). */
  toNpy(t) {
    return withTensor(t, 'toNpy', 't', (id) => {
      const bytes = out(M.toNpy(id));
      try {
        return bytes.data();
      } finally {
        bytes.dispose();
      }
    });
  },
};

export const env = { node: inNode, threads: threaded, relaxedSimd };

/** Threads one op may use (1 in the single-thread build). */
export const numThreads = () => M.numThreads();
/** setNumThreads(n): n >= 1, capped at the cores available to the build. */
export function setNumThreads(n) {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 31 - 1)
    fail(`setNumThreads: n must be an integer in [1, 2147483647] (more than the cores are capped), got ${brief(n)}`);
  check(M.setNumThreads(n));
}

/**
 * warmUp({ms, rows, hidden}): runs the tutorial's step (rows x 784 -> hidden -> 10, ReLU, MSE,
 * tape, assign_sub) on fixed synthetic data for about `ms` milliseconds, in slices that yield to
 * the event loop, so that the engine's optimizing compiler has the hot code before the timed
 * work starts. V8 tiers WebAssembly up per function as it runs; measured in Chromium on the
 * threaded build, batch-128 steps took 2.1 ms for the first 100 and 0.85 ms from about the 600th,
 * single-thread 1.5 ms then 1.1. Calling it while data loads hides the cost. Random state, live
 * tensors and variables are left as they were. Resolves to {steps, ms}.
 */
export async function warmUp({ ms = 400, rows = 128, hidden = 128 } = {}) {
  for (const [k, v] of Object.entries({ ms, rows, hidden }))
    if (!Number.isSafeInteger(v) || v < 1 || v > 1e6) fail(`warmUp: ${k} must be an integer in [1, 1000000], got ${brief(v)}`);
  const t0 = performance.now();
  const [fill, oneHot, relu, square, reduceMean] = ['fill', 'one_hot', 'relu', 'square', 'reduce_mean'].map(op);
  let x, y, w = [], steps = 0;
  try {
    x = fill([rows, 784], 0.5);
    y = oneHot(Int32Array.from({ length: rows }, (_, i) => i % 10), 10);
    for (const shape of [[784, hidden], [hidden], [hidden, 10], [10]]) {
      const t = fill(shape, 0.01);
      w.push(new Variable(t));
      t.dispose();
    }
    while (performance.now() - t0 < ms) {
      const slice = performance.now();
      while (performance.now() - slice < 20 && performance.now() - t0 < ms) {
        tidy(() => {
          const [w1, b1, w2, b2] = w;
          const tape = new GradientTape();
          const loss = tape.record(() => reduceMean(square(y.sub(relu(x.matmul(w1).add(b1)).matmul(w2).add(b2)))));
          const grads = tape.gradient(loss, w);
          w.forEach((v, i) => v.assignSub(grads[i].mul(0))); // the update's ops, the weights unchanged
          loss.item();
        });
        steps++;
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    dispose([x, y, ...w].filter(Boolean));
  }
  return { steps, ms: performance.now() - t0 };
}
