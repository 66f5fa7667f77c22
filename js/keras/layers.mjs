// xtape.keras.layers: Keras's layers in JS (TF.js's spelling: layers.dense({units, activation})).
// A layer builds its variables on its first input (build(inputShape)), then call(x, training).
import { fail, brief } from '../errors.mjs';
import { Variable } from '../variable.mjs';
import { random } from '../random.mjs';
import * as ops from '../ops.mjs';

let counter = 0;
const uniqueName = (base) => `${base}_${++counter}`;

// Keras's activations by name.
const ACTIVATIONS = {
  linear: (x) => x,
  relu: (x) => ops.relu(x),
  sigmoid: (x) => ops.sigmoid(x),
  tanh: (x) => ops.tanh(x),
  softmax: (x) => ops.softmax(x),
};
function activation(name, layer) {
  const f = ACTIVATIONS[name ?? 'linear'];
  if (!f)
    fail(`${layer}: unknown activation '${brief(name)}' (${Object.keys(ACTIVATIONS).join(', ')})`);
  return f;
}

// Keras's fans of a kernel: [in, out], or [kh, kw, in, out] (the window counts in both).
function fans(shape) {
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape.at(-2) * receptive, shape.at(-1) * receptive];
}
// Keras's initializers by its formulas (he_normal: a truncated normal whose stddev is corrected by
// 0.8796..., the stddev of a unit normal cut at two sigmas).
const INITIALIZERS = {
  glorotUniform: (shape) => {
    const [i, o] = fans(shape);
    const limit = Math.sqrt(6 / (i + o));
    return random.uniform(shape, { minval: -limit, maxval: limit });
  },
  heNormal: (shape) =>
    random.truncatedNormal(shape, { stddev: Math.sqrt(2 / fans(shape)[0]) / 0.8796256610342398 }),
  zeros: (shape) => ops.zeros(shape),
};
const initializer = (name, layer) =>
  INITIALIZERS[name] ?? fail(`${layer}: unknown kernelInitializer '${brief(name)}'`);

export class Layer {
  constructor({ name, trainable = true, inputShape } = {}) {
    this.name = name ?? uniqueName(this.constructor.name.toLowerCase());
    this.trainable = trainable;
    this.inputShape = inputShape; // without the batch axis (Keras's input_shape)
    this.built = false;
    this.weights = [];
  }
  /** Makes the layer's variables for inputs of this shape (batch axis included). */
  build() {}
  addWeight(name, value, trainable = true) {
    const v = new Variable(value, { name: `${this.name}/${name}`, trainable });
    value.dispose();
    this.weights.push(v);
    return v;
  }
  get trainableWeights() {
    return this.trainable ? this.weights.filter((w) => w.trainable) : [];
  }
  /** The layer on x (building it first), in training or inference. */
  apply(x, { training = false } = {}) {
    if (!this.built) {
      this.build(x.shape);
      this.built = true;
    }
    return this.call(x, training);
  }
  computeOutputShape(shape) {
    return shape;
  }
  dispose() {
    for (const w of this.weights) w.dispose();
    this.weights = [];
    this.built = false;
  }
}

const positiveInt = (v, what, layer) =>
  Number.isInteger(v) && v >= 1
    ? v
    : fail(`${layer}: ${what} must be a positive integer, got ${brief(v)}`);

// Dense and Conv2D: a kernel (its initializer by name), an optional bias, an activation
class KernelLayer extends Layer {
  constructor(
    { activation: act, useBias = true, kernelInitializer = 'glorotUniform', ...o },
    layer,
  ) {
    super(o);
    initializer(kernelInitializer, layer);
    Object.assign(this, { activationName: act ?? 'linear', useBias, kernelInitializer });
    this.activation = activation(act, layer);
  }
  addKernel(shape) {
    this.kernel = this.addWeight('kernel', INITIALIZERS[this.kernelInitializer](shape));
    if (this.useBias) this.bias = this.addWeight('bias', ops.zeros([shape.at(-1)]));
  }
}

class Dense extends KernelLayer {
  constructor({ units, ...o } = {}) {
    super(o, 'layers.dense');
    this.units = positiveInt(units, 'units', 'layers.dense');
  }
  build(shape) {
    this.addKernel([shape.at(-1), this.units]);
  }
  // y = activation(x @ kernel + bias); relu on the fused kernel (nn.reluLayer), as Python's Dense
  call(x) {
    if (this.activationName === 'relu' && this.useBias && x.shape.length === 2)
      return ops.nn.reluLayer(x, this.kernel, this.bias);
    const z = x.matmul(this.kernel);
    const y = this.useBias ? z.add(this.bias) : z;
    return this.activation(y);
  }
  computeOutputShape(shape) {
    return [...shape.slice(0, -1), this.units];
  }
}

// [kh, kw] from a number or a pair (TF.js's kernelSize, strides, poolSize)
function pair(v, what, layer) {
  const p = typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((n) => Number.isInteger(n) && n > 0))
    fail(`${layer}: ${what} must be a positive integer or two, got ${brief(v)}`);
  return p;
}
function samePadding(padding, layer) {
  if (padding !== 'valid' && padding !== 'same')
    fail(`${layer}: padding must be 'valid' or 'same', got ${brief(padding)}`);
  return padding === 'same';
}
const outLength = (n, k, s, same) => (same ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1);

// NHWC images [batch, h, w, c] -> [batch, h', w', filters], on the core's conv2d
class Conv2D extends KernelLayer {
  constructor({ filters, kernelSize, strides = 1, padding = 'valid', ...o } = {}) {
    super(o, 'layers.conv2d');
    Object.assign(this, {
      filters: positiveInt(filters, 'filters', 'layers.conv2d'),
      kernelSize: pair(kernelSize, 'kernelSize', 'layers.conv2d'),
      strides: pair(strides, 'strides', 'layers.conv2d'),
      same: samePadding(padding, 'layers.conv2d'),
    });
  }
  build(shape) {
    if (shape.length !== 4)
      fail(`layers.conv2d: expected inputs [batch, h, w, c], got shape [${shape}]`);
    this.addKernel([...this.kernelSize, shape[3], this.filters]);
  }
  call(x) {
    const z = ops.conv2d(x, this.kernel, this.strides, this.same);
    return this.activation(this.useBias ? z.add(this.bias) : z);
  }
  computeOutputShape([b, h, w]) {
    const [kh, kw] = this.kernelSize;
    const [sh, sw] = this.strides;
    return [b, outLength(h, kh, sh, this.same), outLength(w, kw, sw, this.same), this.filters];
  }
}

class MaxPooling2D extends Layer {
  constructor({ poolSize = 2, strides, padding = 'valid', ...o } = {}) {
    super(o);
    this.poolSize = pair(poolSize, 'poolSize', 'layers.maxPooling2d');
    this.strides =
      strides === undefined ? this.poolSize : pair(strides, 'strides', 'layers.maxPooling2d');
    this.same = samePadding(padding, 'layers.maxPooling2d');
  }
  call(x) {
    return ops.maxPool2d(x, this.poolSize, this.strides, this.same);
  }
  computeOutputShape([b, h, w, c]) {
    const [kh, kw] = this.poolSize;
    const [sh, sw] = this.strides;
    return [b, outLength(h, kh, sh, this.same), outLength(w, kw, sw, this.same), c];
  }
}

class Reshape extends Layer {
  constructor({ targetShape, ...o } = {}) {
    super(o);
    if (!Array.isArray(targetShape))
      fail(`layers.reshape: targetShape must be an array, got ${brief(targetShape)}`);
    this.targetShape = targetShape;
  }
  call(x) {
    return x.reshape([x.shape[0], ...this.targetShape]);
  }
  computeOutputShape([b, ...rest]) {
    const n = rest.reduce((p, q) => p * q, 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((p, q) => p * q, 1);
    return [b, ...this.targetShape.map((d) => (d === -1 ? n / known : d))];
  }
}

// Over every axis but the last: in training the batch's mean and variance (and the moving ones
// move by momentum), in inference the moving ones; y = gamma (x - mean) / sqrt(var + eps) + beta
class BatchNormalization extends Layer {
  constructor({ momentum = 0.99, epsilon = 1e-3, ...o } = {}) {
    super(o);
    Object.assign(this, { momentum, epsilon });
  }
  build(shape) {
    const c = [shape.at(-1)];
    this.gamma = this.addWeight('gamma', ops.ones(c));
    this.beta = this.addWeight('beta', ops.zeros(c));
    this.movingMean = this.addWeight('moving_mean', ops.zeros(c), false);
    this.movingVariance = this.addWeight('moving_variance', ops.ones(c), false);
  }
  call(x, training) {
    let mean, variance;
    const axes = [...Array(x.shape.length - 1).keys()];
    if (training) {
      mean = ops.reduceMean(x, axes);
      variance = ops.reduceMean(ops.square(x.sub(ops.stopGradient(mean))), axes);
      const keep = 1 - this.momentum;
      this.movingMean.assign(
        this.movingMean.read().mul(this.momentum).add(ops.stopGradient(mean).mul(keep)),
      );
      this.movingVariance.assign(
        this.movingVariance.read().mul(this.momentum).add(ops.stopGradient(variance).mul(keep)),
      );
    } else {
      mean = this.movingMean.read();
      variance = this.movingVariance.read();
    }
    const inv = ops.reciprocal(ops.sqrt(variance.add(this.epsilon))).mul(this.gamma);
    return x.mul(inv).add(this.beta.read().sub(mean.mul(inv)));
  }
}

class Flatten extends Layer {
  call(x) {
    return x.reshape([x.shape[0], -1]);
  }
  computeOutputShape([b, ...rest]) {
    return [b, rest.reduce((p, q) => p * q, 1)];
  }
}

// training: each value kept with probability 1 - rate and scaled by 1 / (1 - rate)
class Dropout extends Layer {
  constructor({ rate, seed, ...o } = {}) {
    super(o);
    if (!(rate >= 0 && rate < 1))
      fail(`layers.dropout: rate must be in [0, 1), got ${brief(rate)}`);
    Object.assign(this, { rate, seed });
  }
  call(x, training) {
    if (!training || this.rate === 0) return x;
    const keep = ops.cast(
      ops.greaterEqual(random.uniform(x.shape, { seed: this.seed }), this.rate),
      x.dtype,
    );
    return x.mul(keep).div(1 - this.rate);
  }
}

// keras.layers.Activation: an activation by name as a layer
class Activation extends Layer {
  constructor({ activation: act, ...o } = {}) {
    super(o);
    this.activationName = act;
    this.activation = activation(act, 'layers.activation');
  }
  call(x) {
    return this.activation(x);
  }
}

class ReLU extends Layer {
  call(x) {
    return ops.relu(x);
  }
}
class Softmax extends Layer {
  call(x) {
    return ops.softmax(x);
  }
}

const make = (C) => (o) => new C(o);
export const layers = {
  Layer,
  dense: make(Dense),
  conv2d: make(Conv2D),
  maxPooling2d: make(MaxPooling2D),
  maxPool2d: make(MaxPooling2D),
  reshape: make(Reshape),
  batchNormalization: make(BatchNormalization),
  activation: make(Activation),
  flatten: make(Flatten),
  dropout: make(Dropout),
  reLU: make(ReLU),
  softmax: make(Softmax),
  Dense,
  Conv2D,
  MaxPooling2D,
  Reshape,
  BatchNormalization,
  Activation,
  Flatten,
  Dropout,
  ReLU,
  Softmax,
};
