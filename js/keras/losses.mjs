// xtape.keras.losses and metrics: Keras's formulas (means over the batch), by object or by name.
import { fail, brief } from '../errors.mjs';
import * as ops from '../ops.mjs';

const EPS = 1e-7; // Keras's epsilon: probabilities are clipped to [eps, 1 - eps]
const clipProb = (p) => ops.minimum(ops.maximum(p, EPS), 1 - EPS);

// Each loss: (yTrue, yPred) -> the mean over the batch, a scalar.
class Loss {
  constructor(kind, { fromLogits = false } = {}) {
    Object.assign(this, { kind, fromLogits });
  }
  call(y, p) {
    switch (this.kind) {
      case 'sparseCategoricalCrossentropy': {
        const labels = ops.cast(y.shape.length === p.shape.length ? y.reshape([-1]) : y, 'int32');
        if (this.fromLogits) return ops.nn.sparseSoftmaxCrossEntropyWithLogits(labels, p).mean();
        const oh = ops.oneHot(labels, p.shape.at(-1));
        return ops.neg(oh.mul(ops.log(clipProb(p))).sum(-1)).mean();
      }
      case 'categoricalCrossentropy':
        if (this.fromLogits) return ops.nn.softmaxCrossEntropyWithLogits(y, p).mean();
        return ops.neg(y.mul(ops.log(clipProb(p.div(p.sum(-1, true))))).sum(-1)).mean();
      case 'binaryCrossentropy': {
        if (this.fromLogits) {
          // max(x, 0) - x y + log(1 + e^-|x|)
          const t = ops
            .maximum(p, 0)
            .sub(p.mul(y))
            .add(ops.log1p(ops.exp(ops.neg(ops.abs(p)))));
          return t.mean();
        }
        const q = clipProb(p);
        return ops.neg(y.mul(ops.log(q)).add(ops.sub(1, y).mul(ops.log(ops.sub(1, q))))).mean();
      }
      case 'meanSquaredError':
        return ops.square(y.sub(p)).mean();
      case 'meanAbsoluteError':
        return ops.abs(y.sub(p)).mean();
      default:
        return fail(`losses: unknown loss ${this.kind}`);
    }
  }
}
const KINDS = {
  sparseCategoricalCrossentropy: 'sparseCategoricalCrossentropy',
  sparse_categorical_crossentropy: 'sparseCategoricalCrossentropy',
  categoricalCrossentropy: 'categoricalCrossentropy',
  categorical_crossentropy: 'categoricalCrossentropy',
  binaryCrossentropy: 'binaryCrossentropy',
  binary_crossentropy: 'binaryCrossentropy',
  meanSquaredError: 'meanSquaredError',
  mean_squared_error: 'meanSquaredError',
  mse: 'meanSquaredError',
  meanAbsoluteError: 'meanAbsoluteError',
  mae: 'meanAbsoluteError',
};
export const losses = Object.fromEntries(
  [...new Set(Object.values(KINDS))].map((k) => [k, (o) => new Loss(k, o)]),
);
export function lossOf(spec) {
  if (spec instanceof Loss) return spec;
  if (typeof spec === 'string' && KINDS[spec]) return new Loss(KINDS[spec]);
  return fail(
    `compile: unknown loss ${brief(spec)} (${Object.keys(KINDS).join(', ')}, or keras.losses.*)`,
  );
}

// Per-example correctness (float32, 1 or 0) of each accuracy; 'accuracy' picks by the loss, as Keras.
const correct = {
  sparse: (y, p) =>
    ops.cast(
      ops.equal(
        ops.cast(y.shape.length === p.shape.length ? y.reshape([-1]) : y, 'int32'),
        ops.argMax(p, -1, 'int32'),
      ),
      'float32',
    ),
  categorical: (y, p) =>
    ops.cast(ops.equal(ops.argMax(y, -1, 'int32'), ops.argMax(p, -1, 'int32')), 'float32'),
  binary: (y, p) =>
    ops.cast(
      ops.equal(ops.cast(y, 'float32'), ops.cast(ops.greater(p, 0.5), 'float32')),
      'float32',
    ),
};
/** A metric by name: {name, values(y, p)} giving the per-example values its mean is taken of. */
export function metricOf(name, loss) {
  if (name === 'accuracy' || name === 'acc') {
    const kind =
      loss.kind === 'sparseCategoricalCrossentropy'
        ? 'sparse'
        : loss.kind === 'categoricalCrossentropy'
          ? 'categorical'
          : 'binary';
    return { name: 'accuracy', values: correct[kind] };
  }
  const by = {
    sparseCategoricalAccuracy: correct.sparse,
    categoricalAccuracy: correct.categorical,
    binaryAccuracy: correct.binary,
    mae: (y, p) => ops.abs(y.sub(p)),
    mse: (y, p) => ops.square(y.sub(p)),
  };
  if (!by[name])
    fail(`compile: unknown metric ${brief(name)} (accuracy, ${Object.keys(by).join(', ')})`);
  return { name, values: by[name] };
}
