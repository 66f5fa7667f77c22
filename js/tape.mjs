// tf.GradientTape: record(fn) (or startRecording/stopRecording) records, gradient() differentiates.
import { M } from './module.mjs';
import { brief, check, describe, fail } from './errors.mjs';
import { Handle, dispose } from './handles.mjs';
import { Tensor } from './tensor.mjs';
import { Variable, variableOf } from './variable.mjs';
import { withTensor } from './convert.mjs';
import { readList } from './boundary.mjs';

const SPENT =
  'GradientTape.gradient can only be called once on a non-persistent tape; create the tape with persistent=true to take several gradients';

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
    if (typeof fn !== 'function')
      fail(`GradientTape.record: expected a function, got ${describe(fn)}`);
    if (this._spent) fail(SPENT);
    if (this._recording)
      fail(
        'GradientTape.record: this tape is already recording (record() nested on the same tape)',
      );
    this.startRecording();
    let result;
    try {
      result = fn();
    } finally {
      this.stopRecording();
    }
    if (result instanceof Promise) {
      result.then(dispose, () => {}); // what it resolves to is nobody's: free it
      fail(
        'GradientTape.record: fn returned a Promise; record() is synchronous (ops after an await would not be recorded)',
      );
    }
    return result;
  }
  watch(x) {
    for (const v of Array.isArray(x) ? x : [x]) {
      if (v instanceof Variable) check(M.tapeWatch(this.id, true, v.id));
      else if (v instanceof Tensor) check(M.tapeWatch(this.id, false, v.id));
      else fail(`GradientTape.watch: expected a Tensor or Variable, got ${describe(v)}`);
    }
  }
  // [isVariable, id, ...] for the core; what names the caller in errors.
  #sources(list, what) {
    // read once, holes included: [w, , b] is an error, not two sources
    return readList(list, `${what}: sources`, 2 ** 20).flatMap((s, i) => {
      if (s instanceof Variable) return [1, s.id];
      if (s instanceof Tensor) return [0, s.id];
      return fail(`${what}: source ${i} must be a Tensor or Variable, got ${describe(s)}`);
    });
  }
  #unconnected(v, what) {
    if (v !== 'none' && v !== 'zero')
      fail(`${what}: unconnectedGradients must be 'none' or 'zero', got ${brief(v)}`);
    return v === 'zero';
  }
  #spend() {
    if (!this.persistent) {
      this._watched = this.watchedVariables(); // still answered after the tape is gone, as TF
      // used up, as in TF: free it now rather than when it is collected
      this.dispose();
      this._spent = true;
    }
  }
  /**
   * tape.jacobian(target, sources, {unconnectedGradients}): d target / d source for every element
   * of target, shaped target.shape + source.shape (null where unconnected); one per source, or one.
   */
  jacobian(target, sources, { unconnectedGradients = 'none' } = {}) {
    if (this._spent) fail(SPENT);
    if (!(target instanceof Tensor))
      fail(`GradientTape.jacobian: target must be a Tensor, got ${describe(target)}`);
    const single = !Array.isArray(sources);
    const pairs = this.#sources(single ? [sources] : sources, 'GradientTape.jacobian');
    const zeros = this.#unconnected(unconnectedGradients, 'GradientTape.jacobian');
    const ids = check(M.tapeJacobian(this.id, target.id, pairs, zeros, false));
    const out = ids.map((id) => (id ? new Tensor(id) : null));
    this.#spend();
    return single ? out[0] : out;
  }
  /** tape.batchJacobian(target [B, ...], source [B, ...]): [B, target dims..., source dims...]. */
  batchJacobian(target, source, { unconnectedGradients = 'none' } = {}) {
    if (this._spent) fail(SPENT);
    if (!(target instanceof Tensor))
      fail(`GradientTape.batchJacobian: target must be a Tensor, got ${describe(target)}`);
    const pairs = this.#sources([source], 'GradientTape.batchJacobian');
    const zeros = this.#unconnected(unconnectedGradients, 'GradientTape.batchJacobian');
    const [id] = check(M.tapeJacobian(this.id, target.id, pairs, zeros, true));
    this.#spend();
    return id ? new Tensor(id) : null;
  }
  /** Forgets what was recorded and watched (TF: tape.reset()); recording goes on. */
  reset() {
    if (this.isDisposed) fail(SPENT);
    check(M.tapeReset(this.id));
  }
  /** The Variables the tape watches, in the order it began to (TF: tape.watched_variables()). */
  watchedVariables() {
    if (this._spent) return [...this._watched];
    return check(M.tapeWatchedVariables(this.id)).map(variableOf).filter(Boolean);
  }
  /**
   * tape.gradient(target, sources, {outputGradients, unconnectedGradients: 'none'|'zero'}):
   * one result per source (null where unconnected), or a single result for a single source.
   */
  gradient(target, sources, { outputGradients, unconnectedGradients = 'none' } = {}) {
    if (this._spent) fail(SPENT);
    if (!(target instanceof Tensor))
      fail(`GradientTape.gradient: target must be a Tensor, got ${describe(target)}`);
    const zeros = this.#unconnected(unconnectedGradients, 'GradientTape.gradient');
    const single = !Array.isArray(sources);
    const pairs = this.#sources(single ? [sources] : sources, 'GradientTape.gradient');
    const run = (og) => check(M.tapeGradient(this.id, target.id, pairs, og, zeros));
    const ids =
      outputGradients === undefined
        ? run(0)
        : withTensor(outputGradients, 'GradientTape.gradient', 'outputGradients', run);
    const grads = ids.map((id) => (id ? new Tensor(id) : null));
    this.#spend();
    return single ? grads[0] : grads;
  }
}
