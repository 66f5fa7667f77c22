// Every bad input from JS is an XtapeError with a clear message, and the module keeps working.
import { test } from 'node:test';
import { xtape, assert, close, throwsXtape } from './helpers.mjs';

function stillWorks() {
  xtape.tidy(() => close(xtape.matmul([[1, 2]], [[3], [4]]).data(), [11]));
}

test('C++ errors arrive as XtapeError with the same message', () =>
  xtape.tidy(() => {
    throwsXtape(
      () => xtape.matmul(xtape.zeros([6, 784]), xtape.zeros([128, 10])),
      'matmul: inner dimensions differ: [6,784] x [128,10]',
    );
    throwsXtape(
      () => xtape.add(xtape.zeros([3, 2]), xtape.zeros([4])),
      'add: shapes [3,2] and [4] are not broadcastable',
    );
    throwsXtape(
      () => xtape.reshape(xtape.zeros([6]), [4, -1]),
      'reshape: cannot reshape [6] (6 elements) into [4,-1]',
    );
    throwsXtape(
      () => xtape.sparseSoftmaxCrossEntropyWithLogits([1, 12], xtape.zeros([2, 10])),
      'sparse_softmax_cross_entropy_with_logits: label 12 at position 1 is outside [0, 10)',
    );
    throwsXtape(
      () => xtape.relu(xtape.constant(new Int32Array([1]))),
      'relu: expected float32 or float64 for x, got int32',
    );
    throwsXtape(
      () => xtape.reduceSum(xtape.zeros([2, 3]), 2),
      'reduce_sum: axis 2 is out of range for shape [2,3]',
    );
    stillWorks();
  }));

test('wrong JS types are named', () =>
  xtape.tidy(() => {
    throwsXtape(
      () => xtape.add('a', 1),
      'add: x must be a Tensor, Variable, number or array, got string a',
    );
    throwsXtape(
      () => xtape.matmul({}, [[1]]),
      'matmul: a must be a Tensor, Variable, number or array, got Object',
    );
    throwsXtape(
      () => xtape.constant('x'),
      'constant: expected a number, an array or a typed array',
    );
    throwsXtape(
      () => xtape.constant([1, 2, 3], [2, 2]),
      'constant: 3 values do not fill shape [2,2]',
    );
    throwsXtape(() => xtape.constant([1], [1], 'complex64'), "unknown dtype 'complex64'");
    throwsXtape(
      () => xtape.reshape(xtape.zeros([2]), [2.5]),
      'reshape: shape [0] must be an integer',
    );
    throwsXtape(
      () => xtape.reduceMean(xtape.zeros([2]), 'x'),
      'reduceMean: axis must be an array of integers, got x',
    );
    throwsXtape(() => xtape.tidy(42), 'tidy: expected a function');
    throwsXtape(() => new xtape.GradientTape().gradient('loss', []), 'target must be a Tensor');
    throwsXtape(
      () => new xtape.GradientTape().watch(3),
      'GradientTape.watch: expected a Tensor or Variable',
    );
    stillWorks();
  }));

test('disposed tensors and variables are errors, not crashes', () => {
  const t = xtape.constant([1, 2]);
  t.dispose();
  t.dispose(); // twice is fine
  throwsXtape(() => t.data(), 'tensor was disposed');
  throwsXtape(() => xtape.add(t, 1), 'tensor was disposed');
  const v = new xtape.Variable(xtape.scalar(1));
  v.dispose();
  throwsXtape(() => v.read(), 'variable was disposed');
  stillWorks();
});

test('NaN or infinite hyperparameters are refused', () => {
  throwsXtape(
    () => new xtape.optimizers.SGD({ learningRate: NaN }),
    'SGD: learningRate must be a finite number, got NaN',
  );
  throwsXtape(
    () => new xtape.optimizers.Adam({ beta1: Infinity }),
    'Adam: beta1 must be a finite number',
  );
  throwsXtape(
    () => new xtape.optimizers.SGD({ momentum: 2 }),
    'SGD: momentum must be in [0, 1], got 2',
  );
  const sgd = new xtape.optimizers.SGD();
  assert.throws(() => {
    sgd.learningRate = -Infinity;
  }, /learningRate must be a finite number/);
  throwsXtape(
    () => xtape.random.normal([2], { stddev: NaN }),
    'random.normal: stddev must be a finite number',
  );
  throwsXtape(() => xtape.random.normal([2], { stddev: -1 }), 'stddev must be positive');
  throwsXtape(() => xtape.random.uniform([2], { seed: -1 }), 'seed must be a non-negative integer');
  sgd.dispose();
  stillWorks();
});

test('applyGradients checks its pairs and changes nothing on error', () => {
  const a = new xtape.Variable(xtape.constant([1, 1]), { name: 'a' });
  const sgd = new xtape.optimizers.SGD(1);
  xtape.tidy(() => {
    throwsXtape(
      () => sgd.applyGradients([[xtape.constant([1]), a]]),
      "does not match variable 'a' float32 [2]",
    );
    throwsXtape(
      () => sgd.applyGradients([[xtape.constant([1, 1]), 'a']]),
      'item 0 has no Variable',
    );
    throwsXtape(() => sgd.applyGradients('x'), 'expected an array of [gradient, variable] pairs');
    throwsXtape(() => xtape.zip([null], []), 'zip: expected two arrays of equal length');
  });
  close(a.data(), [1, 1]);
  xtape.dispose([a, sgd]);
});

test('corrupt data is an error naming what is wrong', () =>
  xtape.tidy(() => {
    throwsXtape(
      () => xtape.io.parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0]), 'train-images'),
      'train-images: not an IDX file: bad magic bytes 31 139',
    );
    throwsXtape(
      () => xtape.io.parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 5, 1, 2])),
      'truncated IDX data: [5] needs 5 bytes, got 2',
    );
    throwsXtape(() => xtape.io.parseNpy(new Uint8Array(12), 'w1.npy'), 'w1.npy: not a .npy file');
    throwsXtape(() => xtape.io.parseNpy('bytes'), 'parseNpy: expected a Uint8Array or ArrayBuffer');
    stillWorks();
  }));

test('a missing dataset says how to install it', async () => {
  await assert.rejects(
    xtape.loadFashionMnist({ dir: '/nonexistent' }),
    (e) => e instanceof xtape.XtapeError && /apt-get install dataset-fashion-mnist/.test(e.message),
  );
  stillWorks();
});

test('a stall timeout that is not a positive number is refused, naming it', async () => {
  for (const stallMs of [0, -1, NaN, Infinity, '20'])
    await assert.rejects(
      xtape.loadFashionMnist({ dir: '/nonexistent', stallMs }),
      (e) => e instanceof xtape.XtapeError && /stallMs must be a positive number/.test(e.message),
    );
  stillWorks();
});

test('an unknown name at the WASM boundary is an error naming the accepted ones, never a default', async () => {
  const { M } = await import('../../js/module.mjs');
  const { check } = await import('../../js/errors.mjs');
  const v = new xtape.Variable([1, 2]);
  const t = xtape.constant([5, 5]);
  const gen = xtape.random.Generator.fromSeed(1);
  throwsXtape(
    () => check(M.variableUpdate(v.id, 'assignMul', t.id)),
    "Variable: unknown kind 'assignMul' (accepted: assign, assignAdd, assignSub)",
  );
  close(v.data(), [1, 2]); // unchanged: no assign_sub took its place
  throwsXtape(
    () => check(M.random('gamma', [2], 0, 1, null)),
    "random: unknown kind 'gamma' (accepted: uniform, normal, truncated)",
  );
  throwsXtape(
    () => check(M.generatorDraw(gen.id, 'gamma', [2], 0, 1)),
    "Generator: unknown kind 'gamma'",
  );
  throwsXtape(
    () => check(M.optimizerCreate('SGD', { learningRate: 0.1 })),
    "SGD: unknown argument 'learningRate'",
  ); // TF's keywords only
  xtape.dispose([v, t, gen]);
  stillWorks();
});

test("optimizers take JS's names at the edge and TF's keywords inside: fromConfig, defaultConfig, tfConfig", () => {
  const sgd = new xtape.optimizers.SGD({ learningRate: 0.5, momentum: 0.9 });
  assert.deepEqual(sgd.tfConfig, { learning_rate: 0.5, momentum: 0.9, nesterov: false });
  assert.deepEqual(sgd.config, { learningRate: 0.5, momentum: 0.9, nesterov: false });
  const adam = xtape.optimizers.fromConfig('Adam', { learning_rate: 0.1, beta_1: 0.8 });
  assert.ok(adam instanceof xtape.optimizers.Adam);
  assert.equal(adam.learningRate, 0.1);
  assert.deepEqual(adam.config, { learningRate: 0.1, beta1: 0.8, beta2: 0.999, epsilon: 1e-7 });
  assert.deepEqual(xtape.optimizers.defaultConfig('RMSprop'), {
    learning_rate: 0.001,
    rho: 0.9,
    momentum: 0,
    epsilon: 1e-7,
    centered: false,
  });
  throwsXtape(
    () => xtape.optimizers.fromConfig('Adam', { learningRate: 0.1 }),
    "Adam: unknown option 'learningRate' (learning_rate, beta_1, beta_2, epsilon)",
  );
  throwsXtape(
    () => new xtape.optimizers.SGD({ __proto__: null, ['__proto__']: 1 }),
    "SGD: unknown option '__proto__'",
  );
  throwsXtape(
    () => xtape.optimizers.fromConfig('Adagrad', {}),
    "unknown optimizer 'Adagrad' (SGD, Adam, RMSprop)",
  );
  throwsXtape(() => xtape.optimizers.defaultConfig('toString'), "unknown optimizer 'toString'");
  xtape.dispose([sgd, adam]);
});
