// xtape.keras.sequential: Keras's Sequential model in JS with compile, fit, evaluate and predict.
// fit's train step is an xtape.function (traced on its first batch of a shape, then replayed in
// the core; runEagerly: true runs it op by op, with the same numbers); metrics are Keras's
// running means, kept in float32 variables.
import { fail, brief, describe } from '../errors.mjs';
import { tidy, dispose } from '../handles.mjs';
import { Tensor } from '../tensor.mjs';
import { Variable } from '../variable.mjs';
import { GradientTape } from '../tape.mjs';
import { optimizers, zip } from '../optimizers.mjs';
import { random } from '../random.mjs';
import { tracedFunction } from '../function.mjs';
import * as ops from '../ops.mjs';
import { Layer } from './layers.mjs';
import { lossOf, metricOf } from './losses.mjs';

const OPTIMIZERS = { adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop' };
const rows = (t) => t.shape[0];
const slice = (t, a, b) =>
  ops.stridedSlice(
    t,
    [a, ...t.shape.slice(1).map(() => 0)],
    [b, ...t.shape.slice(1)],
    t.shape.map(() => 1),
  );
const pause = () => new Promise((r) => setTimeout(r, 0)); // lets the page (or worker) answer

// A running mean: total += sum(values), count += n (float32 variables, as Keras's Mean).
class Mean {
  constructor(name) {
    this.name = name;
    this.total = new Variable(ops.zeros([]), { name: `${name}/total`, trainable: false });
    this.count = new Variable(ops.zeros([]), { name: `${name}/count`, trainable: false });
  }
  update(values, n) {
    this.total.assignAdd(values.sum());
    this.count.assignAdd(n);
  }
  result() {
    return this.total.read().div(this.count.read());
  }
  reset() {
    this.total.assign(0);
    this.count.assign(0);
  }
  dispose() {
    dispose([this.total, this.count]);
  }
}

export class Sequential extends Layer {
  constructor({ layers = [], name } = {}) {
    super({ name: name ?? 'sequential' });
    this.layers = [];
    for (const l of layers) this.add(l);
  }
  add(layer) {
    if (!(layer instanceof Layer)) fail(`Sequential.add: expected a layer, got ${describe(layer)}`);
    this.layers.push(layer);
  }
  get weights() {
    return this.layers.flatMap((l) => l.weights);
  }
  set weights(_) {}
  get trainableWeights() {
    return this.layers.flatMap((l) => l.trainableWeights);
  }
  build(shape) {
    let s = shape;
    for (const l of this.layers) {
      if (!l.built) {
        l.build(s);
        l.built = true;
      }
      s = l.computeOutputShape(s);
    }
  }
  call(x, training) {
    let y = x;
    for (const l of this.layers) {
      const next = l.apply(y, { training });
      if (y !== x && next !== y) y.dispose();
      y = next;
    }
    return y;
  }
  /** The outputs for x in inference (TF.js's model.predict without batching). */
  apply(x, { training = false } = {}) {
    if (!this.built) this.#buildFor(x.shape);
    return this.call(x, training);
  }
  #buildFor(shape) {
    this.build(shape);
    this.built = true;
  }

  /** compile({optimizer: 'adam' | an xtape optimizer, loss: name | keras.losses.*, metrics: ['accuracy']}) */
  compile({ optimizer = 'rmsprop', loss, metrics = [], runEagerly = false } = {}) {
    if (loss === undefined) fail('compile: a loss is required');
    this.optimizer =
      typeof optimizer === 'string'
        ? new optimizers[
            OPTIMIZERS[optimizer.toLowerCase()] ??
              fail(`compile: unknown optimizer '${brief(optimizer)}' (adam, sgd, rmsprop)`)
          ]()
        : optimizer;
    this.loss = lossOf(loss);
    this.metricSpecs = metrics.map((m) => metricOf(m, this.loss));
    this.trackers?.forEach((t) => t.dispose());
    this.trackers = [new Mean('loss'), ...this.metricSpecs.map((m) => new Mean(m.name))];
    this.runEagerly = runEagerly;
    this.trainFunction?.dispose();
    this.testFunction?.dispose();
    // (x, y) a batch, or the whole data and the batch's row indices (gathered inside the trace)
    const gathered = (f) => (x, y, idx) =>
      idx ? tidy(() => f(ops.gather(x, idx), ops.gather(y, idx))) : f(x, y);
    this.trainFunction = tracedFunction(gathered((x, y) => this.trainStep(x, y)));
    this.testFunction = tracedFunction(gathered((x, y) => this.testStep(x, y)));
    this.eagerTrain = gathered((x, y) => this.trainStep(x, y));
  }
  #check() {
    if (!this.loss) fail('You must call compile() before training or evaluating the model');
  }
  #logs() {
    return Object.fromEntries(this.trackers.map((t) => [t.name, t.result()]));
  }
  #update(x, y, p, loss) {
    const n = rows(x);
    this.trackers[0].update(loss.mul(n), n); // the loss by batch size, as Keras
    this.metricSpecs.forEach((m, i) => this.trackers[i + 1].update(m.values(y, p), n));
  }
  /** One step: forward in training, the loss, the gradients by a tape, the update, the metrics. */
  trainStep(x, y) {
    const vars = this.trainableWeights;
    const tape = new GradientTape();
    let p;
    const loss = tape.record(() => {
      p = this.call(x, true);
      return this.loss.call(y, p);
    });
    const grads = tape.gradient(loss, vars);
    this.optimizer.applyGradients(zip(grads, vars));
    this.#update(x, y, p, loss);
    dispose([grads, tape, p, loss]);
    return this.#logs();
  }
  testStep(x, y) {
    const p = this.call(x, false);
    const loss = this.loss.call(y, p);
    this.#update(x, y, p, loss);
    dispose([p, loss]);
    return this.#logs();
  }
  #numbers(logs) {
    return Object.fromEntries(Object.entries(logs).map(([k, t]) => [k, t.item()]));
  }
  // Per step: the arguments of the step function, [x, y] of the batch or [x, y, its row indices].
  #batches(x, y, batchSize, order) {
    const n = rows(x);
    const steps = Math.ceil(n / batchSize);
    return Array.from({ length: steps }, (_, s) => [
      s * batchSize,
      Math.min(n, (s + 1) * batchSize),
    ]).map(
      ([a, b]) =>
        () =>
          order ? [x, y, slice(order, a, b)] : [slice(x, a, b), slice(y, a, b)],
    );
  }
  #inputs(x, y, what) {
    if (!(x instanceof Tensor) || !(y instanceof Tensor))
      fail(`${what}: x and y must be Tensors, got ${describe(x)} and ${describe(y)}`);
    if (rows(x) !== rows(y))
      fail(`${what}: x has ${rows(x)} rows and y ${rows(y)}: they must have the same number`);
    if (!this.built) this.#buildFor(x.shape);
  }

  /**
   * fit(x, y, {batchSize = 32, epochs = 1, shuffle = true, seed, validationSplit, validationData:
   * [x, y], callbacks: {onTrainBegin, onEpochBegin, onBatchEnd(batch, logs), onEpochEnd(epoch,
   * logs), onTrainEnd}}) -> Promise<History {epoch: [...], history: {loss: [...], ...}}>
   */
  async fit(
    x,
    y,
    {
      batchSize = 32,
      epochs = 1,
      shuffle = true,
      seed,
      validationSplit = 0,
      validationData,
      callbacks = {},
    } = {},
  ) {
    this.#check();
    this.#inputs(x, y, 'fit');
    if (!Number.isInteger(batchSize) || batchSize < 1)
      fail(`fit: batchSize must be a positive integer, got ${brief(batchSize)}`);
    if (!Number.isInteger(epochs) || epochs < 0)
      fail(`fit: epochs must be a non-negative integer, got ${brief(epochs)}`);
    if (!(validationSplit >= 0 && validationSplit < 1))
      fail(`fit: validationSplit must be in [0, 1), got ${brief(validationSplit)}`);
    const owned = [];
    let [tx, ty] = [x, y];
    let val = validationData;
    if (validationSplit > 0 && !val) {
      const split = Math.floor(rows(x) * (1 - validationSplit)); // Keras: the last fraction, before shuffling
      [tx, ty] = [slice(x, 0, split), slice(y, 0, split)];
      val = [slice(x, split, rows(x)), slice(y, split, rows(y))];
      owned.push(tx, ty, ...val);
    }
    const gen = new random.Generator(seed ?? Math.floor(Math.random() * 2 ** 31));
    const step = this.runEagerly ? this.eagerTrain : this.trainFunction;
    const history = { epoch: [], history: {} };
    let last = performance.now();
    try {
      await callbacks.onTrainBegin?.();
      for (let epoch = 0; epoch < epochs; epoch++) {
        this.trackers.forEach((t) => t.reset());
        await callbacks.onEpochBegin?.(epoch);
        const order = shuffle ? gen.permutation(rows(tx)) : null;
        const batches = this.#batches(tx, ty, batchSize, order);
        for (const [i, batch] of batches.entries()) {
          const logs = tidy(() => {
            const out = step(...batch());
            return callbacks.onBatchEnd ? this.#numbers(out) : null;
          });
          if (logs) await callbacks.onBatchEnd(i, logs);
          if (performance.now() - last > 100) {
            await pause();
            last = performance.now();
          }
        }
        order?.dispose();
        const logs = tidy(() => this.#numbers(this.#logs()));
        if (val)
          Object.assign(
            logs,
            ...Object.entries(this.evaluate(val[0], val[1], { batchSize, asLogs: true })).map(
              ([k, v]) => ({ [`val_${k}`]: v }),
            ),
          );
        history.epoch.push(epoch);
        for (const [k, v] of Object.entries(logs)) (history.history[k] ??= []).push(v);
        await callbacks.onEpochEnd?.(epoch, logs);
        await pause();
      }
      await callbacks.onTrainEnd?.();
    } finally {
      gen.dispose();
      dispose(owned);
    }
    return history;
  }

  /** The loss and metrics over x, y: [loss, ...metrics] as numbers (asLogs: an object by name). */
  evaluate(x, y, { batchSize = 32, asLogs = false } = {}) {
    this.#check();
    this.#inputs(x, y, 'evaluate');
    this.trackers.forEach((t) => t.reset());
    const step = this.runEagerly ? (a, b) => this.testStep(a, b) : this.testFunction;
    for (const batch of this.#batches(x, y, batchSize, null))
      tidy(() => {
        step(...batch());
      });
    const logs = tidy(() => this.#numbers(this.#logs()));
    return asLogs ? logs : Object.values(logs);
  }

  /** The outputs for x, batch by batch, as one Tensor. */
  predict(x, { batchSize = 32 } = {}) {
    if (!(x instanceof Tensor)) fail(`predict: x must be a Tensor, got ${describe(x)}`);
    if (!this.built) this.#buildFor(x.shape);
    const outs = [];
    for (let a = 0; a < rows(x); a += batchSize)
      outs.push(tidy(() => this.call(slice(x, a, Math.min(rows(x), a + batchSize)), false)));
    const out = outs.length === 1 ? outs[0] : ops.concat(outs, 0);
    if (outs.length > 1) dispose(outs);
    return out;
  }

  dispose() {
    this.trainFunction?.dispose();
    this.testFunction?.dispose();
    this.trackers?.forEach((t) => t.dispose());
    this.optimizer?.dispose?.();
    for (const l of this.layers) l.dispose();
  }
}

export const sequential = (o) => new Sequential(o);
