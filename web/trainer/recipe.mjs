// The tutorial's recipe, written once: its shape, starting point, batch order, forward pass,
// loss, update and step. The training worker runs every path through it (Step, Run, Step
// through, evaluation, the gradient check, warm-up); the float64 reference worker takes its
// shape and its starting point, so that both start from the same weights and see the same rows.

/** The network: 784 pixels -> hidden units (ReLU) -> 10 classes. */
export const INPUTS = 784;
export const CLASSES = 10;

/** w1 = tf.Variable(tf.random.truncated_normal([784, h], stddev=0.1)), b1 = zeros([h]), w2 [h, 10], b2 [10]. */
export function initialWeights(xtape, gen, hidden) {
  const w1 = new xtape.Variable(gen.truncatedNormal([INPUTS, hidden], { stddev: 0.1 }), {
    name: 'w1',
  });
  const b1 = new xtape.Variable(xtape.zeros([hidden]), { name: 'b1' });
  const w2 = new xtape.Variable(gen.truncatedNormal([hidden, CLASSES], { stddev: 0.1 }), {
    name: 'w2',
  });
  const b2 = new xtape.Variable(xtape.zeros([CLASSES]), { name: 'b2' });
  return { w1, b1, w2, b2 };
}

/** The optimizer of the `update` setting; null for the manual w.assign_sub(lr * g). */
export function makeOptimizer(xtape, { update, lr }) {
  const make = {
    manual: () => null,
    sgd: () => new xtape.optimizers.SGD({ learningRate: lr }),
    momentum: () => new xtape.optimizers.SGD({ learningRate: lr, momentum: 0.9 }),
    adam: () => new xtape.optimizers.Adam({ learningRate: lr }),
  }[update];
  if (!make) throw new Error(`recipe: unknown update '${update}'`);
  return make();
}

/** The rows of each mini-batch, from a seeded shuffle per epoch; next() is null for the full batch. */
export class BatchOrder {
  constructor(xtape, gen, rows, batch) {
    Object.assign(this, { xtape, gen, rows, batch, perm: null, offset: 0, epoch: 0 });
  }
  next() {
    if (this.batch === 'full') return null;
    const B = Math.min(this.batch, this.rows); // the subset has 2,000 rows
    if (!this.perm || this.offset + B > this.perm.length) {
      this.perm = this.xtape.tidy(() => this.gen.permutation(this.rows).data());
      if (this.offset) this.epoch++;
      this.offset = 0;
    }
    const idx = this.perm.subarray(this.offset, this.offset + B);
    this.offset += B;
    return idx;
  }
}

/**
 * The forward pass phase by phase: yields [phase, tensors] after each of z1 = x @ w1 + b1,
 * h1 = relu(z1) and out = h1 @ w2 + b2; returns {z1, h1, out}.
 */
export function* forwardPhases(xtape, x, { w1, b1, w2, b2 }) {
  const z1 = x.matmul(w1).add(b1); // x @ w1 + b1
  yield ['z1', { x, w1, b1, 'x @ w1 + b1': z1 }];
  const h1 = xtape.relu(z1); // h1 = tf.nn.relu(x @ w1 + b1)
  yield ['relu', { h1 }];
  const out = h1.matmul(w2).add(b2); // out = h1 @ w2 + b2
  yield ['out', { h1, w2, b2, out }];
  return { z1, h1, out };
}

/** The forward pass in one go: {z1, h1, out}. */
export function forward(xtape, x, weights) {
  const phases = forwardPhases(xtape, x, weights);
  for (;;) {
    const r = phases.next();
    if (r.done) return r.value;
  }
}

/** The recipe's loss: mean squared error, or softmax cross-entropy (the `loss` setting). */
export function loss(xtape, { loss: kind }, y, out) {
  if (kind === 'ce') return xtape.reduceMean(xtape.softmaxCrossEntropyWithLogits(y, out));
  return xtape.reduceMean(xtape.square(y.sub(out))); // loss = tf.reduce_mean(tf.square(y - out))
}

/** The update: optimizer.apply_gradients(zip(grads, vars)), or w.assign_sub(lr * g) for each. */
export function update(xtape, { lr }, optimizer, vars, grads) {
  if (optimizer) optimizer.applyGradients(xtape.zip(grads, vars));
  else vars.forEach((v, i) => v.assignSub(grads[i].mul(lr)));
}

/**
 * One training step on rows x, labels y (one-hot): the tape, the gradient, the update (skipped
 * when the loss is not finite: never a NaN update). phase(name) is told each phase as it starts.
 * Returns {value, h1}; call it inside tidy().
 */
export function step(xtape, model, x, y, phase = () => {}) {
  const { cfg, w1, b1, w2, b2, optimizer } = model;
  const vars = [w1, b1, w2, b2];
  const tape = new xtape.GradientTape(); // with tf.GradientTape() as tape:
  let h1;
  const l = tape.record(() => {
    phase('forward');
    const f = forward(xtape, x, model);
    h1 = f.h1;
    phase('loss');
    return loss(xtape, cfg, y, f.out);
  });
  phase('gradient');
  const grads = tape.gradient(l, vars); // grads = tape.gradient(loss, [w1, b1, w2, b2])
  phase('update');
  const value = l.item();
  if (Number.isFinite(value)) update(xtape, cfg, optimizer, vars, grads);
  return { value, h1 };
}

/**
 * The recipe on fixed synthetic data (rows x 784 of 0.5, labels i % 10, weights 0.01), updated
 * with a learning rate of 0 so that nothing changes: warm-up's step. It draws no random numbers.
 * Returns {step, dispose}.
 */
export function warmUpModel(xtape, { rows = 128, hidden = 128, loss: kind = 'mse' } = {}) {
  const x = xtape.fill([rows, INPUTS], 0.5);
  const y = xtape.oneHot(
    Int32Array.from({ length: rows }, (_, i) => i % CLASSES),
    CLASSES,
  );
  const w = [[INPUTS, hidden], [hidden], [hidden, CLASSES], [CLASSES]].map((shape) =>
    xtape.tidy(() => new xtape.Variable(xtape.fill(shape, 0.01))),
  );
  const model = {
    cfg: { lr: 0, loss: kind },
    w1: w[0],
    b1: w[1],
    w2: w[2],
    b2: w[3],
    optimizer: null,
  };
  return {
    step: () => step(xtape, model, x, y).value,
    dispose: () => xtape.dispose([x, y, ...w]),
  };
}
