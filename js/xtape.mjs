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

/** Every error from xtape: the C++ core's message, or a JS-side check naming what was wrong. */
export class XtapeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'XtapeError';
  }
}

const fail = (msg) => { throw new XtapeError(msg); };
// An id of 0 (or null) from the core means it threw; its message is kept for us.
const ok = (r) => (r === 0 || r === null || r === false || r === -1 ? fail(M.lastError()) : r);

// --- ownership ----------------------------------------------------------------------------------
const scopes = []; // stack of Sets of live handles created inside tidy()
const registry = new FinalizationRegistry(({ kind, id }) => release(kind, id));
function release(kind, id) {
  if (kind === 'tensor') M.dispose(id);
  else if (kind === 'variable') M.variableDispose(id);
  else if (kind === 'tape') M.tapeDispose(id);
  else if (kind === 'optimizer') M.optimizerDispose(id);
  else if (kind === 'generator') M.generatorDispose(id);
}
class Handle {
  constructor(kind, id) {
    this._kind = kind;
    this._id = id;
    registry.register(this, { kind, id }, this);
    if (scopes.length && kind !== 'variable' && kind !== 'optimizer') scopes.at(-1).add(this);
  }
  get isDisposed() { return this._id === 0; }
  get id() { return this._id || fail(`${this._kind} was disposed`); }
  dispose() {
    if (!this._id) return;
    registry.unregister(this);
    release(this._kind, this._id);
    this._id = 0;
  }
}

/** Runs fn and disposes every tensor and tape it created, except those in its result. */
export function tidy(fn) {
  if (typeof fn !== 'function') fail(`tidy: expected a function, got ${typeof fn}`);
  const scope = new Set();
  scopes.push(scope);
  let result;
  try {
    result = fn();
  } finally {
    scopes.pop();
    const keep = new Set();
    collect(result, keep);
    for (const h of scope) {
      if (keep.has(h)) scopes.at(-1)?.add(h);
      else h.dispose();
    }
  }
  return result;
}
function collect(v, out) {
  if (v instanceof Handle) out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => collect(x, out));
  else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    Object.values(v).forEach((x) => collect(x, out));
}
/** Keeps a tensor alive past the enclosing tidy(). */
export function keep(t) {
  for (const s of scopes) s.delete(t);
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
/** Disposes every tensor, tape, variable... reachable in obj (arrays and plain objects too). */
export function dispose(obj) {
  const all = new Set();
  collect(obj, all);
  all.forEach((h) => h.dispose());
}

// --- tensors ------------------------------------------------------------------------------------
export class Tensor extends Handle {
  constructor(id) {
    super('tensor', id);
  }
  get shape() { return this._shape ??= ok(M.shape(this.id)); }
  get dtype() { return this._dtype ??= DTYPES[M.dtype(this.id)]; }
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

function checkShape(shape, op) {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d)))
    fail(`${op}: shape must be an array of integers, got ${JSON.stringify(shape)}`);
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
  const code = DTYPES.indexOf(dtype);
  if (code < 0) fail(`constant: unknown dtype '${dtype}' (float32, int32, uint8, bool)`);
  checkShape(shape, 'constant');
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== typed.length)
    fail(`constant: ${typed.length} values do not fill shape [${shape}] (${count} elements)`);
  const id = ok(M.alloc(code, shape));
  const Ctor = arrayTypeOf(dtype);
  writeTensor(id, typed instanceof Ctor ? typed : Ctor.from(typed));
  return new Tensor(id);
}
export const tensor = constant;
export const scalar = (v) => constant(v, []);
export function zeros(shape, dtype = 'float32') {
  const code = DTYPES.indexOf(dtype);
  if (code < 0) fail(`zeros: unknown dtype '${dtype}'`);
  return new Tensor(ok(M.alloc(code, checkShape(shape, 'zeros'))));
}
export const ones = (shape, dtype = 'float32') => fill(shape, 1, dtype);
export function fill(shape, value, dtype = 'float32') {
  const n = checkShape(shape, 'fill').reduce((a, b) => a * b, 1);
  const Ctor = arrayTypeOf(dtype) ?? fail(`fill: unknown dtype '${dtype}'`);
  return constant(new Ctor(n).fill(value), shape, dtype);
}
export const zerosLike = (t) => zeros(asTensor(t, 'zerosLike').shape, asTensor(t).dtype);
export const onesLike = (t) => ones(asTensor(t, 'onesLike').shape, asTensor(t).dtype);

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return v.constructor?.name ?? 'an object';
  return `${typeof v} ${String(v).slice(0, 20)}`;
}

// Tensor, Variable (read on the active tapes), number or array -> Tensor.
function asTensor(x, op = 'op', name = 'x') {
  if (x instanceof Tensor) { x.id; return x; }
  if (x instanceof Variable) return x.read();
  if (typeof x === 'number' || Array.isArray(x) || ArrayBuffer.isView(x)) return constant(x);
  return fail(`${op}: ${name} must be a Tensor, Variable, number or array, got ${describe(x)}`);
}
const T = (x, op, name) => asTensor(x, op, name).id;
const out = (id) => new Tensor(ok(id));

// --- ops ----------------------------------------------------------------------------------------
const binary = (name, fn) => (a, b) => out(fn(T(a, name, 'a'), T(b, name, 'b')));
const unary = (name, fn) => (x) => out(fn(T(x, name)));
function axesOf(axis, op) {
  if (axis === undefined || axis === null) return [];
  const a = Array.isArray(axis) ? axis : [axis];
  if (!a.every(Number.isInteger)) fail(`${op}: axis must be an integer or an array of integers, got ${JSON.stringify(axis)}`);
  return a;
}
const reduction = (name, fn) => (x, axis, keepDims = false) => out(fn(T(x, name), axesOf(axis, name), !!keepDims));

export const add = binary('add', M.add);
export const sub = binary('sub', M.sub);
export const subtract = sub;
export const mul = binary('mul', M.mul);
export const multiply = mul;
export const div = binary('div', M.div);
export const divide = div;
export const equal = binary('equal', M.equal);
export const greater = binary('greater', M.greater);
export const neg = unary('neg', M.neg);
export const negative = neg;
export const relu = unary('relu', M.relu);
export const sigmoid = unary('sigmoid', M.sigmoid);
export const tanh = unary('tanh', M.tanh);
export const exp = unary('exp', M.exp);
export const log = unary('log', M.log);
export const square = unary('square', M.square);
export const sqrt = unary('sqrt', M.sqrt);
export const softmax = unary('softmax', M.softmax);
export const logSoftmax = unary('logSoftmax', M.logSoftmax);
export const stopGradient = unary('stopGradient', M.stopGradient);
export const reduceSum = reduction('reduceSum', M.reduceSum);
export const reduceMean = reduction('reduceMean', M.reduceMean);
export const reduceMax = reduction('reduceMax', M.reduceMax);
export const sum = reduceSum;
export const mean = reduceMean;
export const max = reduceMax;
export function matmul(a, b, transposeA = false, transposeB = false) {
  return out(M.matmul(T(a, 'matmul', 'a'), T(b, 'matmul', 'b'), !!transposeA, !!transposeB));
}
export function argMax(x, axis = 0) {
  if (!Number.isInteger(axis)) fail(`argMax: axis must be an integer, got ${axis}`);
  return out(M.argMax(T(x, 'argMax'), axis));
}
export const reshape = (x, shape) => out(M.reshape(T(x, 'reshape'), checkShape(shape, 'reshape')));
export const transpose = (x, perm = []) => out(M.transpose(T(x, 'transpose'), checkShape(perm, 'transpose')));
export const broadcastTo = (x, shape) => out(M.broadcastTo(T(x, 'broadcastTo'), checkShape(shape, 'broadcastTo')));
export function cast(x, dtype) {
  const code = DTYPES.indexOf(dtype);
  if (code < 0) fail(`cast: unknown dtype '${dtype}' (float32, int32, uint8, bool)`);
  return out(M.cast(T(x, 'cast'), code));
}
export function oneHot(indices, depth, onValue = 1, offValue = 0) {
  if (!Number.isInteger(depth)) fail(`oneHot: depth must be an integer, got ${depth}`);
  const t = indices instanceof Tensor ? indices : constant(indices, undefined, 'int32');
  return out(M.oneHot(T(t, 'oneHot', 'indices'), depth, onValue, offValue));
}
/** tf.image.convertImageDtype(images, 'float32'): uint8 -> float32 / 255 in one pass. */
export function convertImageDtype(images, dtype = 'float32') {
  if (dtype !== 'float32') fail(`convertImageDtype: only float32 output is supported, got ${dtype}`);
  return out(M.convertImageDtype(T(images, 'convertImageDtype', 'images')));
}
export const image = { convertImageDtype };
/** tf.gather(params, indices): rows of params (axis 0); indices are int32. */
export function gather(params, indices) {
  const i = indices instanceof Tensor ? indices : constant(indices, undefined, 'int32');
  return out(M.gather(T(params, 'gather', 'params'), T(i, 'gather', 'indices')));
}
/** tf.math.unsortedSegmentSum(data, segmentIds, numSegments) */
export function unsortedSegmentSum(data, segmentIds, numSegments) {
  if (!Number.isInteger(numSegments)) fail(`unsortedSegmentSum: numSegments must be an integer, got ${numSegments}`);
  const i = segmentIds instanceof Tensor ? segmentIds : constant(segmentIds, undefined, 'int32');
  return out(M.unsortedSegmentSum(T(data, 'unsortedSegmentSum', 'data'), T(i, 'unsortedSegmentSum', 'segmentIds'), numSegments));
}
export const softmaxCrossEntropyWithLogits = (labels, logits) =>
  out(M.softmaxCrossEntropyWithLogits(T(labels, 'softmaxCrossEntropyWithLogits', 'labels'), T(logits, 'softmaxCrossEntropyWithLogits', 'logits')));
export function sparseSoftmaxCrossEntropyWithLogits(labels, logits) {
  const l = labels instanceof Tensor ? labels : constant(labels, undefined, 'int32');
  return out(M.sparseSoftmaxCrossEntropyWithLogits(T(l, 'sparseSoftmaxCrossEntropyWithLogits', 'labels'), T(logits, 'sparseSoftmaxCrossEntropyWithLogits', 'logits')));
}
export const nn = { relu, sigmoid, softmax, logSoftmax, softmaxCrossEntropyWithLogits, sparseSoftmaxCrossEntropyWithLogits };

// Chainable methods: x.matmul(w1).add(b1).relu()
for (const [name, f] of Object.entries({ add, sub, mul, div, neg, relu, sigmoid, tanh, exp, log, square,
  sqrt, softmax, logSoftmax, matmul, reshape, transpose, cast, equal, greater, argMax, broadcastTo, gather,
  reduceSum, reduceMean, reduceMax, sum, mean, max })) {
  Tensor.prototype[name] = function (...args) { return f(this, ...args); };
}

// --- variables ----------------------------------------------------------------------------------
export class Variable extends Handle {
  /** tf.Variable(initialValue, {name, trainable}) */
  constructor(initialValue, { name = 'Variable', trainable = true } = {}) {
    if (typeof name !== 'string') fail(`Variable: name must be a string, got ${describe(name)}`);
    const vid = tidy(() => M.variableCreate(T(initialValue, 'Variable', 'initialValue'), name, !!trainable));
    super('variable', ok(vid));
    this.name = name;
    this.trainable = !!trainable;
  }
  /** The current value, as a new tensor (recorded on the tapes that watch this variable). */
  read() { return out(M.variableRead(this.id)); }
  value() { return this.read(); }
  get shape() { return this._shape ??= ok(M.variableInfo(this.id)).shape; }
  get dtype() { return DTYPES[ok(M.variableInfo(this.id)).dtype]; }
  assign(v) { this.#update('assign', v); return this; }
  assignAdd(v) { this.#update('assignAdd', v); return this; }
  assignSub(v) { this.#update('assignSub', v); return this; }
  #update(how, v) { tidy(() => ok(M.variableUpdate(this.id, how, T(v, how, 'value')))); }
  data() { return tidy(() => this.read().data()); }
  item() { return tidy(() => this.read().item()); }
}
for (const name of ['add', 'sub', 'mul', 'div', 'matmul', 'square', 'relu', 'reshape', 'transpose']) {
  Variable.prototype[name] = function (...args) { return Tensor.prototype[name].apply(this.read(), args); };
}

// --- GradientTape -------------------------------------------------------------------------------
export class GradientTape extends Handle {
  /** tf.GradientTape(persistent=false, watch_accessed_variables=true) */
  constructor({ persistent = false, watchAccessedVariables = true } = {}) {
    super('tape', ok(M.tapeCreate(!!persistent, !!watchAccessedVariables)));
    this.persistent = !!persistent;
  }
  /** Records the ops fn runs (TF: the body of `with tape:`), returns what fn returns. */
  record(fn) {
    if (typeof fn !== 'function') fail(`GradientTape.record: expected a function, got ${describe(fn)}`);
    ok(M.tapeRecording(this.id, true));
    try {
      return fn();
    } finally {
      if (!this.isDisposed) M.tapeRecording(this.id, false);
    }
  }
  watch(x) {
    for (const v of Array.isArray(x) ? x : [x]) {
      if (v instanceof Variable) ok(M.tapeWatch(this.id, true, v.id));
      else if (v instanceof Tensor) ok(M.tapeWatch(this.id, false, v.id));
      else fail(`GradientTape.watch: expected a Tensor or Variable, got ${describe(v)}`);
    }
  }
  /**
   * tape.gradient(target, sources, {outputGradients, unconnectedGradients: 'none'|'zero'}):
   * one result per source (null where unconnected), or a single result for a single source.
   */
  gradient(target, sources, { outputGradients, unconnectedGradients = 'none' } = {}) {
    if (!(target instanceof Tensor)) fail(`GradientTape.gradient: target must be a Tensor, got ${describe(target)}`);
    if (unconnectedGradients !== 'none' && unconnectedGradients !== 'zero')
      fail(`GradientTape.gradient: unconnectedGradients must be 'none' or 'zero', got ${unconnectedGradients}`);
    const single = !Array.isArray(sources);
    const list = single ? [sources] : sources;
    const pairs = list.map((s, i) => {
      if (s instanceof Variable) return [true, s.id];
      if (s instanceof Tensor) return [false, s.id];
      return fail(`GradientTape.gradient: source ${i} must be a Tensor or Variable, got ${describe(s)}`);
    });
    const og = outputGradients === undefined ? 0 : T(outputGradients, 'GradientTape.gradient', 'outputGradients');
    const ids = ok(M.tapeGradient(this.id, target.id, pairs, og, unconnectedGradients === 'zero'));
    const grads = ids.map((id) => (id ? new Tensor(id) : null));
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
class Optimizer extends Handle {
  constructor(kind, options) {
    for (const [k, v] of Object.entries(options))
      if (typeof v === 'number' && !Number.isFinite(v)) fail(`${kind}: ${k} must be a finite number, got ${v}`);
    super('optimizer', ok(M.optimizerCreate(kind, options)));
    this.config = options;
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
    ok(M.optimizerApply(this.id, pairs));
  }
  get learningRate() { return this.config.learningRate; }
  set learningRate(lr) {
    if (!Number.isFinite(lr)) fail(`learningRate must be a finite number, got ${lr}`);
    ok(M.optimizerSetLearningRate(this.id, lr));
    this.config.learningRate = lr;
  }
  get iterations() { return M.optimizerIterations(this.id); }
}
const opts = (o, defaults) => {
  if (typeof o === 'number') o = { learningRate: o };
  if (o !== undefined && (typeof o !== 'object' || o === null)) fail(`optimizer: expected an options object or a learning rate, got ${describe(o)}`);
  return { ...defaults, ...o };
};
export const optimizers = {
  /** keras.optimizers.SGD(learning_rate=0.01, momentum=0, nesterov=False) */
  SGD: class SGD extends Optimizer {
    constructor(o) { super('SGD', opts(o, { learningRate: 0.01, momentum: 0, nesterov: false })); }
  },
  /** keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7) */
  Adam: class Adam extends Optimizer {
    constructor(o) { super('Adam', opts(o, { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 })); }
  },
  /** keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0, epsilon=1e-7, centered=False) */
  RMSprop: class RMSprop extends Optimizer {
    constructor(o) { super('RMSprop', opts(o, { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false })); }
  },
};

// --- random -------------------------------------------------------------------------------------
function seedOf(seed, op) {
  if (seed === undefined) return 0;
  if (!Number.isSafeInteger(seed) || seed < 0) fail(`${op}: seed must be a non-negative integer, got ${seed}`);
  return seed;
}
function num(v, op, name) {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${op}: ${name} must be a finite number, got ${v}`);
  return v;
}
class Generator extends Handle {
  static fromSeed(seed) { return new Generator(seedOf(seed, 'Generator.fromSeed')); }
  constructor(seed) { super('generator', ok(M.generatorCreate(seedOf(seed, 'Generator')))); }
  uniform(shape, { minval = 0, maxval = 1 } = {}) { return out(M.generatorDraw(this.id, 'uniform', checkShape(shape, 'uniform'), num(minval, 'uniform', 'minval'), num(maxval, 'uniform', 'maxval'))); }
  normal(shape, { mean = 0, stddev = 1 } = {}) { return out(M.generatorDraw(this.id, 'normal', checkShape(shape, 'normal'), num(mean, 'normal', 'mean'), num(stddev, 'normal', 'stddev'))); }
  truncatedNormal(shape, { mean = 0, stddev = 1 } = {}) { return out(M.generatorDraw(this.id, 'truncated', checkShape(shape, 'truncatedNormal'), num(mean, 'truncatedNormal', 'mean'), num(stddev, 'truncatedNormal', 'stddev'))); }
  permutation(n) {
    if (!Number.isInteger(n) || n < 0) fail(`permutation: n must be a non-negative integer, got ${n}`);
    return out(M.generatorDraw(this.id, 'permutation', [], n, 0));
  }
}
const draw = (kind, op, a, b) => (shape, o = {}) =>
  out(M.random(kind, checkShape(shape, op), num(o[a[0]] ?? a[1], op, a[0]), num(o[b[0]] ?? b[1], op, b[0]), seedOf(o.seed, op)));
export const random = {
  uniform: draw('uniform', 'random.uniform', ['minval', 0], ['maxval', 1]),
  normal: draw('normal', 'random.normal', ['mean', 0], ['stddev', 1]),
  truncatedNormal: draw('truncated', 'random.truncatedNormal', ['mean', 0], ['stddev', 1]),
  Generator,
};

// --- io -----------------------------------------------------------------------------------------
function bytesTensor(bytes, op) {
  if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array)) fail(`${op}: expected a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
  return constant(bytes, [bytes.length], 'uint8');
}
export const io = {
  /** IDX bytes (decompressed) -> uint8 tensor. */
  parseIdx(bytes, what = 'IDX') {
    return tidy(() => out(M.parseIdx(bytesTensor(bytes, 'parseIdx').id, String(what))));
  },
  /** .npy bytes -> tensor. */
  parseNpy(bytes, what = '.npy') {
    return tidy(() => out(M.parseNpy(bytesTensor(bytes, 'parseNpy').id, String(what))));
  },
  /** tensor or variable -> .npy bytes (Uint8Array). */
  toNpy(t) {
    return tidy(() => out(M.toNpy(T(t, 'toNpy'))).data());
  },
};

export const env = { node: inNode, threads: threaded, relaxedSimd };

/** Threads one op may use (1 in the single-thread build). */
export const numThreads = () => M.numThreads();
/** setNumThreads(n): n >= 1, capped at the cores available to the build. */
export function setNumThreads(n) {
  if (!Number.isInteger(n)) fail(`setNumThreads: n must be an integer, got ${n}`);
  ok(M.setNumThreads(n));
}
