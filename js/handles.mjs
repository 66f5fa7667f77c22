// Ownership of what lives in the WASM heap: every tensor, variable, tape, optimizer, generator and
// traced function's program is a Handle until disposed. tidy(fn) disposes what fn created except what it returns; a
// FinalizationRegistry frees what the garbage collector finds unreachable, as a safety net only.
import { M } from './module.mjs';
import { describe, fail } from './errors.mjs';

const scopes = []; // stack of Sets of the tensors created inside tidy()
const DISPOSE = {
  tensor: (id) => M.dispose(id),
  variable: (id) => M.variableDispose(id),
  tape: (id) => M.tapeDispose(id),
  optimizer: (id) => M.optimizerDispose(id),
  generator: (id) => M.generatorDispose(id),
  function: (id) => M.traceDispose(id),
};
const registry = new FinalizationRegistry(({ kind, id }) => DISPOSE[kind](id));
// A handle joins the FinalizationRegistry when no tidy() holds it: a tensor made inside tidy()
// is in its scope until the scope ends, and most are disposed there, so registering them would
// only cost time on every op.
function guard(h) {
  if (h._guarded || !h._id) return;
  h._guarded = true;
  registry.register(h, { kind: h._kind, id: h._id }, h);
}

export class Handle {
  constructor(kind, id) {
    this._kind = kind;
    this._id = id;
    if (scopes.length && kind === 'tensor') scopes.at(-1).add(this);
    else guard(this);
  }
  get isDisposed() {
    return this._id === 0;
  }
  get id() {
    return this._id || fail(`${this._kind} was disposed`);
  }
  dispose() {
    if (!this._id) return;
    if (this._guarded) registry.unregister(this);
    DISPOSE[this._kind](this._id);
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
    if (result instanceof Promise) {
      result.then(dispose, () => {}); // made after the scope ended: free it when it settles
      fail(
        'tidy: fn returned a Promise; tidy() is synchronous (its tensors would be freed while fn still runs)',
      );
    }
  } finally {
    scopes.pop();
    const kept = handlesIn(result);
    for (const h of scope) {
      if (!kept.has(h)) h.dispose();
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
      // one push per entry: a spread of 125,000 or more arguments overflows the stack
      if (Array.isArray(x)) for (const e of x) stack.push(e);
      else if (Object.getPrototypeOf(x) === Object.prototype)
        for (const e of Object.values(x)) stack.push(e);
    }
  }
  return out;
}

/** Keeps a tensor alive past the enclosing tidy(). */
export function keep(t) {
  if (!(t instanceof Handle)) fail(`keep: expected a Tensor or another handle, got ${describe(t)}`);
  for (const s of scopes) s.delete(t);
  guard(t);
  return t;
}

/** Disposes every tensor, tape, variable... reachable in obj (arrays and plain objects too). */
export function dispose(obj) {
  handlesIn(obj).forEach((h) => h.dispose());
}

/**
 * The WASM heap: tensors JS holds (numTensors, numBytes), variables, tapes; all tensor buffers
 * alive now including the core's own (liveBytes) and their peak since resetPeakMemory()
 * (peakBytes); and the heap's size (heapBytes).
 */
export function memory() {
  const m = M.memory();
  return {
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    numVariables: m.numVariables,
    numTapes: m.numTapes,
    liveBytes: m.liveBytes,
    peakBytes: m.peakBytes,
    heapBytes: M.HEAPU8.byteLength,
  };
}
export const resetPeakMemory = () => M.resetPeakMemory();
