// The messages between <xtape-trainer> and its training worker: every type and its fields, in one
// place. send() refuses a type or field that is not listed; handle() takes one handler per type
// and refuses a handler list that misses a type or names one that does not exist, so that no
// message goes unread.

/** The element to the worker. */
export const TO_WORKER = {
  init: ['config', 'dataUrl', 'stallMs'], // load the data (dataUrl: the four files' folder, or null: the subset; stallMs: its stall timeout), build, evaluate
  run: ['steps'], // train up to `steps` steps, in slices
  pause: [], // stop after the current step
  reset: ['config'], // rebuild from the seed with a (validated) config
  phase: [], // Step through: run the next phase of a step
  inspect: ['name'], // the values of one tensor of the last phase
  gradcheck: ['perturb'], // tape.gradient against central differences (perturb: tests only)
  export: [], // the weights as .npy files
};

/** The worker to the element. */
export const FROM_WORKER = {
  progress: ['loaded', 'total'], // bytes of the data files read so far
  subset: ['reason'], // training on the packaged subset (reason: why the data-url failed, or null)
  ready: ['env', 'threads', 'rows', 'testRows'], // built (after init: with the build and data sizes)
  phase: ['phase'], // the phase a slow step is in (for the code panel's marks)
  steps: ['steps'], // the steps of one slice of a run: [{step, epoch, loss, ms, gflops, dead}]
  inside: ['phase', 'tensors'], // a phase of Step through is done: summaries of its tensors
  step: ['step', 'epoch', 'loss', 'ms', 'gflops', 'dead', 'inside'], // Step through ended
  inspected: ['name', 'missing', 'tensors'], // the values asked for by inspect
  eval: ['step', 'accuracy', 'confusion', 'samples'], // test-set accuracy and predictions
  weights: ['hidden', 'w'], // the first layer's weights, for the weights panel
  paused: ['step'], // no longer training
  diverged: ['step', 'loss', 'reason'], // stopped on a NaN or exploding loss
  gradcheck: ['rows', 'tolerance', 'absolute', 'pass'], // the gradient check's table
  export: ['files'], // {name: bytes} to download
  error: ['message'], // a failure, with its message
};

/** postMessage of a listed message: send(port, FROM_WORKER, 'paused', {step: 3}). */
export function send(port, table, type, fields = {}, transfer = []) {
  const known = table[type];
  if (!known) throw new Error(`protocol: no message '${type}'`);
  for (const k of Object.keys(fields))
    if (!known.includes(k)) throw new Error(`protocol: message '${type}' has no field '${k}'`);
  port.postMessage({ type, ...fields }, transfer);
}

/** An onmessage handler that calls handlers[m.type](m); the handlers cover `table` exactly. */
export function handle(table, handlers) {
  const missing = Object.keys(table).filter((t) => !Object.hasOwn(handlers, t));
  const extra = Object.keys(handlers).filter((t) => !Object.hasOwn(table, t));
  if (missing.length || extra.length)
    throw new Error(`protocol: handlers miss [${missing}] and name unknown [${extra}]`);
  return ({ data }) => {
    if (!Object.hasOwn(table, data?.type))
      throw new Error(`protocol: unknown message '${data?.type}'`);
    return handlers[data.type](data);
  };
}
