// The one error convention of the JS API: every failure is an XtapeError naming what was wrong.
import { M } from './module.mjs';

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

export const fail = (msg) => {
  throw new XtapeError(msg);
};

// A call into the module that fails leaves its error pending; check() turns it into an
// XtapeError right after the call.
export function check(result) {
  const e = M.takeError();
  if (e !== null) throw new XtapeError(e.message, e.kind);
  return result;
}

/** What kind of value v is, for a message: 'null', 'an array', 'Map', 'string abc'. */
export function describe(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return v.constructor?.name ?? 'an object';
  return `${typeof v} ${String(v).slice(0, 20)}`;
}

/** A short, safe rendering of a bad value for a message (cycles and huge arrays included). */
export function brief(v) {
  try {
    const s =
      typeof v === 'string' || typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v));
    return s.length > 60 ? `${s.slice(0, 60)}...` : s;
  } catch {
    return describe(v);
  }
}

/** TF's keyword (learning_rate, beta_1) from its JS spelling (learningRate, beta1), and back. */
export const snake = (s) => s.replace(/[A-Z]|(?<=[a-z])\d/g, (c) => `_${c.toLowerCase()}`);
export const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
