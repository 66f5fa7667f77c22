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

// Keras's initializers (fan_in, fan_out of a [in, out] kernel).
const INITIALIZERS = {
  glorotUniform: ([i, o]) => {
    const limit = Math.sqrt(6 / (i + o));
    return random.uniform([i, o], { minval: -limit, maxval: limit });
  },
  heNormal: ([i, o]) => random.truncatedNormal([i, o], { stddev: Math.sqrt(2 / i) }),
  zeros: (shape) => ops.zeros(shape),
};

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

class Dense extends Layer {
  constructor({
    units,
    activation: act,
    useBias = true,
    kernelInitializer = 'glorotUniform',
    ...o
  } = {}) {
    super(o);
    if (!Number.isInteger(units) || units < 1)
      fail(`layers.dense: units must be a positive integer, got ${brief(units)}`);
    if (!INITIALIZERS[kernelInitializer])
      fail(`layers.dense: unknown kernelInitializer '${brief(kernelInitializer)}'`);
    Object.assign(this, { units, activationName: act ?? 'linear', useBias, kernelInitializer });
    this.activation = activation(act, 'layers.dense');
  }
  build(shape) {
    const fanIn = shape.at(-1);
    this.kernel = this.addWeight(
      'kernel',
      INITIALIZERS[this.kernelInitializer]([fanIn, this.units]),
    );
    if (this.useBias) this.bias = this.addWeight('bias', ops.zeros([this.units]));
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
  flatten: make(Flatten),
  dropout: make(Dropout),
  reLU: make(ReLU),
  softmax: make(Softmax),
  Dense,
  Flatten,
  Dropout,
  ReLU,
  Softmax,
};
