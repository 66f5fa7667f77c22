// The one reader of what a caller gives where the core wants values, a shape or a list: each is
// read exactly once into a plain snapshot (own elements only; typed arrays as fresh views made
// from their internal slots, never their getters or iterators), validated there, and only the
// snapshot goes on. A
// Proxy, a getter or an over-yielding iterator can lie only once, before the checks, and never
// after an allocation. Anything that throws while being read becomes an XtapeError naming it.
import { brief, describe, fail, XtapeError } from './errors.mjs';

/** TF's maximum rank (TensorShape: kMaxDims = 254). */
export const MAX_RANK = 254;
/** Nested arrays are for literals: past 2^26 numbers, a typed array is the way in. */
export const MAX_NESTED = 2 ** 26;

// The intrinsic accessors of %TypedArray%.prototype, taken before any caller code runs: they read
// internal slots, so an own `byteLength` getter or a patched `length` cannot change the answer.
const TypedArray = Object.getPrototypeOf(Int8Array);
const slot = (key) => Object.getOwnPropertyDescriptor(TypedArray.prototype, key).get;
const KIND = slot(Symbol.toStringTag);
const BUFFER = slot('buffer');
const OFFSET = slot('byteOffset');
const LENGTH = slot('length');
const read = (getter, v) => Reflect.apply(getter, v, []);
const CTORS = {
  Float32Array,
  Float64Array,
  Int8Array,
  Int16Array,
  Int32Array,
  Uint8Array,
  Uint8ClampedArray,
  Uint16Array,
  Uint32Array,
  BigInt64Array,
  BigUint64Array,
};

/** 'Float32Array', ... for a real typed array (from its slot; a Proxy is not one), else undefined. */
export const typedKind = (v) => read(KIND, v);

// f(), with anything it throws that is not ours (a getter's, a Proxy trap's, a detached buffer's)
// turned into an XtapeError that names `what`.
function guarded(what, f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof XtapeError) throw e;
    throw new XtapeError(
      `${what}: reading it threw ${e?.name ?? 'a value'}: ${brief(e?.message ?? e)}`,
    );
  }
}

/**
 * Typed array v as {kind, values}: values is a fresh view made from v's internal slots (its own
 * getters never run), so its length cannot change; its bytes are copied once, into the heap.
 */
export function readTyped(v, what) {
  const kind = typedKind(v);
  const Ctor = CTORS[kind] ?? fail(`${what}: expected a typed array, got ${describe(v)}`);
  let view;
  try {
    view = new Ctor(read(BUFFER, v), read(OFFSET, v), read(LENGTH, v));
  } catch {
    fail(`${what}: the ${kind}'s buffer is detached`);
  }
  return { kind, values: view };
}

const isLength = (n) => Number.isSafeInteger(n) && n >= 0;

/**
 * Nested arrays of numbers or booleans read level by level: {shape, flat} with flat the
 * leaves in row-major order. Refused: ragged levels (TF: non-rectangular), more than MAX_RANK
 * levels, an array inside itself, more than MAX_NESTED entries.
 */
export function readNested(values, what) {
  return guarded(what, () => {
    // The shape along the first elements, and its size, before anything is expanded: an array
    // shared many times over (x = [x, x], 40 times) fails here, not after 2^26 steps.
    const path = new Set();
    let size = 1;
    for (let a = values; Array.isArray(a); a = a.length ? a[0] : undefined) {
      if (path.has(a)) fail(`${what}: an array contains itself`);
      if (path.size === MAX_RANK)
        fail(`${what}: nested deeper than ${MAX_RANK} levels (TF's maximum rank)`);
      path.add(a);
      size *= isLength(a.length) ? a.length : 0;
      if (size > MAX_NESTED)
        fail(`${what}: more than ${MAX_NESTED} nested values (give a typed array)`);
    }
    const shape = [];
    const seen = new Set(); // the arrays of the levels above: meeting one again is a cycle
    let level = [values];
    while (level.length && Array.isArray(level[0])) {
      if (shape.length === MAX_RANK)
        fail(`${what}: nested deeper than ${MAX_RANK} levels (TF's maximum rank)`);
      let n;
      const next = [];
      for (const a of level) {
        if (!Array.isArray(a))
          fail(`${what}: non-rectangular nesting (an array beside ${brief(a)})`);
        if (seen.has(a)) fail(`${what}: an array contains itself`);
        const len = a.length; // read once (a Proxy's trap runs once)
        if (!isLength(len)) fail(`${what}: an array reports length ${brief(len)}`);
        n ??= len;
        if (len !== n)
          fail(
            `${what}: non-rectangular nesting (lengths ${n} and ${len} at depth ${shape.length})`,
          );
        if (next.length + len > MAX_NESTED)
          fail(`${what}: more than ${MAX_NESTED} nested values (give a typed array)`);
        for (let i = 0; i < len; i++) next.push(a[i]);
      }
      for (const a of level) seen.add(a);
      shape.push(n);
      level = next;
    }
    for (const v of level) {
      const t = typeof v;
      if (t !== 'number' && t !== 'boolean')
        fail(
          Array.isArray(v)
            ? `${what}: non-rectangular nesting (an array beside a number)`
            : `${what}: values must be numbers (nested arrays of numbers), got ${describe(v)}`,
        );
    }
    return { shape, flat: level };
  });
}

/**
 * A plain copy of the array v (at most `max` entries, each read once), or an error naming `what`.
 * Entries are not checked here: the caller knows their kind.
 */
export function readList(v, what, max = MAX_RANK) {
  return guarded(what, () => {
    if (!Array.isArray(v)) fail(`${what} must be an array, got ${describe(v)}`);
    const n = v.length;
    if (!isLength(n)) fail(`${what}: the array reports length ${brief(n)}`);
    if (n > max) fail(`${what}: ${n} entries, more than ${max}`);
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = v[i];
    return out;
  });
}

/** A shape (or list of integers) snapshot: at most MAX_RANK numbers; integers checked by `test`. */
export function readInts(v, what, test = Number.isSafeInteger) {
  const out = readList(v, what);
  if (!out.every((d) => typeof d === 'number' && test(d)))
    fail(`${what} must be an array of integers, got ${brief(out)}`);
  return out;
}
