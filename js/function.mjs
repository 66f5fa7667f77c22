// xtape.function(fn) (TF: tf.function): the first call for a signature runs fn eagerly and records
// its calls into the core (core/include/xtape/trace.hpp); later calls with tensors of the same
// dtypes and shapes (and equal other arguments) replay the record inside the core, with no call
// back into JavaScript per op, and give the eager numbers bit for bit. A new signature traces
// again, as TF retraces. What fn does outside the core (console.log, changes to JS objects) runs
// at tracing only, as in TF. A function that reads a value it computed (t.dataSync(), t.item())
// or that creates variables on every call cannot be replayed: it keeps running eagerly.
import { M } from './module.mjs';
import { check, describe, fail } from './errors.mjs';
import { Handle } from './handles.mjs';
import { Tensor } from './tensor.mjs';

let tracing = false; // one trace at a time: a function called inside another's trace runs inline
let eagerly = false;
const serials = new WeakMap(); // a handle's identity for signatures (ids are recycled, objects not)
let nextSerial = 1;

/** TF: tf.config.run_functions_eagerly(true): every traced function just calls its fn. */
export function runFunctionsEagerly(on) {
  eagerly = !!on;
}
export const functionsRunEagerly = () => eagerly;

/** A recorded program in the core (freed with its function, or by the garbage collector). */
class Program extends Handle {
  constructor(id, steps) {
    super('function', id);
    this.steps = steps;
  }
  /** The outputs of a replay on these input tensors (the traced dtypes and shapes). */
  run(inputs) {
    return check(
      M.traceRun(
        this.id,
        inputs.map((t) => t.id),
      ),
    ).map((id) => new Tensor(id));
  }
}

/**
 * The record underneath xtape.function and Python's tf.function: begin(inputs) opens it, the
 * calls into the core follow, end(outputs) closes it as {program} or {program: null, refused,
 * retry}; abort() drops it (the function threw).
 */
export const trace = {
  get active() {
    return tracing;
  },
  begin(inputs) {
    if (tracing) fail('trace: a function is already being traced');
    check(M.traceBegin(inputs.map((t) => t.id)));
    tracing = true;
  },
  end(outputs) {
    tracing = false;
    const info = check(M.traceEnd(outputs.map((t) => t.id)));
    if (info.id) return { program: new Program(info.id, info.steps) };
    return { program: undefined, refused: info.refused, retry: info.retry };
  },
  abort() {
    tracing = false;
    M.traceAbort();
  },
  /** The function does something outside the core that a replay cannot repeat: it runs eagerly. */
  refuse(why) {
    if (tracing) M.traceRefuse(String(why));
  },
  /**
   * fn(tensors) now, and again on every replay of the function being traced (tf.print). The
   * tensors fn gets are freed after it returns; an error in fn is reported, not thrown.
   */
  effect(fn, tensors) {
    check(
      M.traceEffect(
        (ids) => {
          const ts = ids.map((id) => new Tensor(id));
          try {
            fn(ts);
          } catch (e) {
            console.error(e);
          } finally {
            for (const t of ts) t.dispose();
          }
        },
        tensors.map((t) => t.id),
      ),
    );
  },
};

// The tensors in v (arrays and plain objects walked in order) and a key of everything else: the
// signature. Variables and other handles go by identity, as TF keys them.
function flatten(v, tensors) {
  if (v instanceof Tensor) {
    tensors.push(v);
    return ['T', v.dtype, v.shape];
  }
  if (v instanceof Handle) {
    if (!serials.has(v)) serials.set(v, nextSerial++);
    return ['H', v._kind, serials.get(v)];
  }
  if (Array.isArray(v)) return v.map((e) => flatten(e, tensors));
  if (v && typeof v === 'object') {
    if (Object.getPrototypeOf(v) !== Object.prototype)
      fail(
        `function: arguments must be tensors, handles, arrays, plain objects or values, got ${describe(v)}`,
      );
    return Object.entries(v).map(([k, e]) => [k, flatten(e, tensors)]);
  }
  return typeof v === 'bigint' ? ['n', String(v)] : [typeof v, v];
}

// fn's result with its tensors taken out (into `out`) and put back by rebuild(ids).
function template(v, out) {
  if (v instanceof Tensor) {
    out.push(v);
    return { tensor: out.length - 1 };
  }
  if (Array.isArray(v)) return { array: v.map((e) => template(e, out)) };
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return { object: Object.entries(v).map(([k, e]) => [k, template(e, out)]) };
  if (v instanceof Handle)
    fail('function: fn may return tensors, arrays, plain objects and values, not a ' + v._kind);
  return { value: v };
}
function rebuild(t, tensors) {
  if ('tensor' in t) return tensors[t.tensor];
  if ('array' in t) return t.array.map((e) => rebuild(e, tensors));
  if ('object' in t) return Object.fromEntries(t.object.map(([k, e]) => [k, rebuild(e, tensors)]));
  return t.value;
}

export class TracedFunction {
  constructor(fn) {
    if (typeof fn !== 'function') fail(`function: expected a function, got ${describe(fn)}`);
    this.fn = fn;
    this.traces = new Map(); // signature -> {program, out} | {eager: reason}
    this.tracingCount = 0;
  }
  call(args) {
    if (eagerly || tracing) return this.fn(...args);
    const inputs = [];
    const key = JSON.stringify(flatten(args, inputs));
    const known = this.traces.get(key);
    if (known?.program) return rebuild(known.out, known.program.run(inputs));
    if (known) return this.fn(...args); // refused: eager, for good
    return this.trace(key, inputs, args);
  }
  trace(key, inputs, args) {
    trace.begin(inputs);
    let result, out;
    const outs = [];
    try {
      result = this.fn(...args);
      out = template(result, outs);
    } catch (e) {
      trace.abort();
      throw e;
    }
    const { program, refused, retry } = trace.end(outs);
    this.tracingCount++;
    if (program) this.traces.set(key, { program, out });
    else if (!retry) this.traces.set(key, { eager: refused });
    if (!program) this.lastRefusal = refused;
    return result;
  }
  /** Why the last trace could not be replayed (undefined when every trace replays). */
  get refusal() {
    return this.lastRefusal;
  }
  dispose() {
    for (const t of this.traces.values()) t.program?.dispose();
    this.traces.clear();
  }
}

/**
 * xtape.function(fn) -> f: f(...args) runs fn (traced once per signature, replayed after);
 * f.tracingCount, f.refusal, f.dispose().
 */
export function tracedFunction(fn) {
  const tf = new TracedFunction(fn);
  const f = (...args) => tf.call(args);
  Object.defineProperties(f, {
    tracingCount: { get: () => tf.tracingCount },
    refusal: { get: () => tf.refusal },
    dispose: { value: () => tf.dispose() },
    traced: { value: tf },
  });
  return f;
}
