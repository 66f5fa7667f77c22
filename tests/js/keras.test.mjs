// xtape.keras in JS: Sequential, layers, compile/fit/evaluate/predict; the traced step gives
// runEagerly's numbers bit for bit; bad calls are errors that name what is wrong.
import { test } from 'node:test';
import { xtape, assert } from './helpers.mjs';

const { keras } = xtape;
function data() {
  const g = new xtape.random.Generator(11);
  const x = g.normal([256, 6]);
  const y = xtape.tidy(() => xtape.cast(xtape.greater(x.sum(-1), 0), 'int32'));
  g.dispose();
  return [x, y];
}
function model(runEagerly) {
  xtape.random.setSeed(3);
  const m = keras.sequential({
    layers: [
      keras.layers.dense({ units: 16, activation: 'relu' }),
      keras.layers.dropout({ rate: 0.25, seed: 5 }),
      keras.layers.dense({ units: 2 }),
    ],
  });
  m.compile({
    optimizer: new xtape.optimizers.Adam({ learningRate: 0.01 }),
    loss: keras.losses.sparseCategoricalCrossentropy({ fromLogits: true }),
    metrics: ['accuracy'],
    runEagerly,
  });
  return m;
}

test('fit learns; the traced step and runEagerly give the same history and weights bit for bit', async () => {
  const [x, y] = data();
  const options = { batchSize: 32, epochs: 4, seed: 1, validationSplit: 0.25 };
  const eager = model(true);
  const he = await eager.fit(x, y, options);
  const traced = model(false);
  const batches = [];
  const ht = await traced.fit(x, y, {
    ...options,
    callbacks: { onBatchEnd: (b, logs) => batches.push(logs) },
  });
  assert.deepEqual(Object.keys(ht.history).sort(), [
    'accuracy',
    'loss',
    'val_accuracy',
    'val_loss',
  ]);
  assert.deepEqual(ht.history, he.history);
  const bits = (m) =>
    xtape.tidy(() => m.weights.map((w) => Array.from(new Uint32Array(w.read().data().buffer))));
  assert.deepEqual(bits(traced), bits(eager));
  assert.ok(ht.history.accuracy.at(-1) > 0.8, JSON.stringify(ht.history));
  assert.ok(ht.history.loss.at(-1) < ht.history.loss[0]);
  assert.equal(batches.length, 4 * 6); // 192 training rows in batches of 32
  assert.equal(traced.trainFunction.tracingCount, 1);
  const [loss, acc] = traced.evaluate(x, y);
  assert.ok(Number.isFinite(loss) && acc > 0.8, `${loss} ${acc}`);
  const p = traced.predict(x, { batchSize: 100 });
  assert.deepEqual(p.shape, [256, 2]);
  xtape.dispose([x, y, p]);
  eager.dispose();
  traced.dispose();
});

test('fit and friends leave no tensor behind', async () => {
  const [x, y] = data();
  const m = model(false);
  await m.fit(x, y, { epochs: 1, seed: 2 });
  const before = xtape.memory();
  await m.fit(x, y, { epochs: 2, seed: 2, validationSplit: 0.5 });
  m.evaluate(x, y);
  m.predict(x).dispose();
  const after = xtape.memory();
  assert.equal(after.numTensors, before.numTensors);
  assert.equal(after.numVariables, before.numVariables);
  m.dispose();
  xtape.dispose([x, y]);
});

test('bad calls name what is wrong', async () => {
  const [x, y] = data();
  const m = keras.sequential({ layers: [keras.layers.dense({ units: 2 })] });
  await assert.rejects(m.fit(x, y), /compile\(\) before training/);
  assert.throws(() => m.compile({ optimizer: 'adam' }), /a loss is required/);
  assert.throws(() => m.compile({ optimizer: 'adamw', loss: 'mse' }), /unknown optimizer 'adamw'/);
  assert.throws(() => m.compile({ loss: 'hinge' }), /unknown loss "?hinge"?/);
  assert.throws(() => keras.layers.dense({ units: 0 }), /units must be a positive integer/);
  assert.throws(
    () => keras.layers.dense({ units: 2, activation: 'swish' }),
    /unknown activation 'swish'/,
  );
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  const short = xtape.stridedSlice(y, [0], [10], [1]);
  await assert.rejects(m.fit(x, short), /x has 256 rows and y 10/);
  await assert.rejects(m.fit(x, y, { batchSize: 0 }), /batchSize must be a positive integer/);
  xtape.dispose([x, y, short]);
  m.dispose();
});

// A small CNN (TF's "Convolutional Neural Network" tutorial's layer kinds) on 8x8 images
function cnn(runEagerly) {
  xtape.random.setSeed(9);
  const m = keras.sequential({
    layers: [
      keras.layers.reshape({ targetShape: [8, 8, 1] }),
      keras.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
      keras.layers.batchNormalization(),
      keras.layers.maxPooling2d({ poolSize: 2 }),
      keras.layers.conv2d({ filters: 3, kernelSize: [2, 2], strides: 2 }),
      keras.layers.flatten(),
      keras.layers.dense({ units: 2 }),
    ],
  });
  m.compile({
    optimizer: 'adam',
    loss: keras.losses.sparseCategoricalCrossentropy({ fromLogits: true }),
    metrics: ['accuracy'],
    runEagerly,
  });
  return m;
}

test('conv2d, maxPooling2d, batchNormalization, reshape: Keras shapes and weights; traced = eager bit for bit; memory flat', async () => {
  const g = new xtape.random.Generator(4);
  const x = g.normal([64, 64]);
  g.dispose();
  const y = xtape.tidy(() => xtape.cast(xtape.greater(x.sum(-1), 0), 'int32'));
  const eager = cnn(true);
  const he = await eager.fit(x, y, { batchSize: 16, epochs: 2, seed: 1 });
  const traced = cnn(false);
  const ht = await traced.fit(x, y, { batchSize: 16, epochs: 2, seed: 1 });
  assert.deepEqual(ht.history, he.history);
  // read inside tidy: nothing left for the garbage collector to free during the memory check below
  const bits = (m) =>
    xtape.tidy(() => m.weights.map((w) => Array.from(new Uint32Array(w.read().data().buffer))));
  assert.deepEqual(bits(traced), bits(eager));
  // kernels [kh, kw, in, out]; BN's gamma, beta, moving mean and variance (the last two not trained)
  assert.deepEqual(
    traced.weights.map((w) => w.shape),
    [[3, 3, 1, 4], [4], [4], [4], [4], [4], [2, 2, 4, 3], [3], [12, 2], [2]],
  );
  assert.equal(traced.trainableWeights.length, 8);
  const moving = xtape.tidy(() => Array.from(traced.layers[2].movingMean.read().data()));
  assert.ok(
    moving.some((v) => v !== 0),
    'the moving mean moved in training',
  );
  const before = xtape.memory();
  await traced.fit(x, y, { batchSize: 16, epochs: 1, seed: 2 });
  traced.predict(x).dispose();
  // no growth (the garbage collector may free other tests' leftovers meanwhile: only growth leaks)
  assert.ok(xtape.memory().numTensors <= before.numTensors);
  assert.throws(
    () => keras.layers.conv2d({ filters: 0, kernelSize: 3 }),
    /filters must be a positive/,
  );
  assert.throws(
    () => keras.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'full' }),
    /padding must be 'valid' or 'same'/,
  );
  assert.throws(() => keras.layers.maxPooling2d({ poolSize: 0 }), /poolSize must be a positive/);
  xtape.dispose([x, y]);
  eager.dispose();
  traced.dispose();
});

test('batchNormalization by hand: inference uses the moving statistics, training the batch ones', () => {
  const bn = keras.layers.batchNormalization({ epsilon: 0 });
  const x = xtape.tensor([
    [1, 2],
    [3, 6],
  ]);
  const inference = bn.apply(x); // moving mean 0, variance 1: x itself
  assert.deepEqual(Array.from(inference.data()), [1, 2, 3, 6]);
  const training = bn.apply(x, { training: true }); // per column: mean [2, 4], variance [1, 4]
  assert.deepEqual(Array.from(training.data()), [-1, -1, 1, 1]);
  // moving = 0.99 * old + 0.01 * batch
  assert.deepEqual(
    Array.from(bn.movingMean.read().data()).map((v) => Number(v.toFixed(6))),
    [0.02, 0.04],
  );
  xtape.dispose([x, inference, training]);
  bn.dispose();
});

test('activation layers by name; an unknown name is an error that lists the known ones', () => {
  const x = xtape.tensor([[-1, 0, 2]]);
  const y = keras.layers.activation({ activation: 'relu' }).apply(x);
  assert.deepEqual(Array.from(y.data()), [0, 0, 2]);
  const s = keras.layers.activation({ activation: 'sigmoid' }).apply(x);
  assert.ok(Math.abs(s.data()[1] - 0.5) < 1e-7);
  assert.throws(
    () => keras.layers.activation({ activation: 'gelu' }),
    /unknown activation 'gelu' \(linear, relu/,
  );
  xtape.dispose([x, y, s]);
});
