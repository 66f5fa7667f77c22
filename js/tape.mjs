// tf.GradientTape: record(fn) (or startRecording/stopRecording) records, gradient() differentiates.
import { M } from './module.mjs';
import { brief, check, describe, fail } from './errors.mjs';
import { Handle } from './handles.mjs';
import { Tensor } from './tensor.mjs';
import { Variable } from './variable.mjs';
import { withTensor } from './convert.mjs';

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
    try {
      return fn();
    } finally {
      this.stopRecording();
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
    if (!(target instanceof Tensor))
      fail(`GradientTape.gradient: target must be a Tensor, got ${describe(target)}`);
    if (unconnectedGradients !== 'none' && unconnectedGradients !== 'zero')
      fail(
        `GradientTape.gradient: unconnectedGradients must be 'none' or 'zero', got ${brief(unconnectedGradients)}`,
      );
    const single = !Array.isArray(sources);
    const list = single ? [sources] : sources;
    const pairs = list.flatMap((s, i) => {
      // [isVariable, id, ...]
      if (s instanceof Variable) return [1, s.id];
      if (s instanceof Tensor) return [0, s.id];
      return fail(
        `GradientTape.gradient: source ${i} must be a Tensor or Variable, got ${describe(s)}`,
      );
    });
    const run = (og) =>
      check(M.tapeGradient(this.id, target.id, pairs, og, unconnectedGradients === 'zero'));
    const ids =
      outputGradients === undefined
        ? run(0)
        : withTensor(outputGradients, 'GradientTape.gradient', 'outputGradients', run);
    const grads = ids.map((id) => (id ? new Tensor(id) : null));
    if (!this.persistent) {
      // used up, as in TF: free it now rather than when it is collected
      this.dispose();
      this._spent = true;
    }
    return single ? grads[0] : grads;
  }
}
