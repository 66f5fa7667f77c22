// The TF2 tutorial's own Python on xtape, under Node through Pyodide (npm run python).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'xtape-python-'));
const f32 = (v) => Math.fround(Number(v));

// As a user types it: npm run python -- FILE [options] (--silent: npm adds no lines of its own).
const npmPython = (...args) =>
  spawnSync('npm', ['run', '--silent', 'python', '--', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300000,
  });

function python(code, ...args) {
  const file = join(tmp, `p${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, code);
  return npmPython(file, ...args);
}
const ok = (code, ...args) => {
  const r = python(code, ...args);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};

// The tutorial's program as it writes it (examples/forward_propagation.py: data, parameters, the
// tape, the loop, print(grads) once). The one line added: a seed, so that a JS program with the
// same calls draws the same weights.
const TUTORIAL = readFileSync(`${root}examples/forward_propagation.py`, 'utf8').replace(
  'from tensorflow import keras\n',
  'from tensorflow import keras\ntf.random.set_seed(2024)\n',
);

test('the tutorial as written, on 1000 rows: losses equal the JS API run with the same calls', async () => {
  const out = ok(TUTORIAL, '--rows', '1000').trim().split('\n');
  const losses = out.filter((l) => /^\d\.\d+$/.test(l));
  assert.equal(losses.length, 50);
  const js = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
    import * as xtape from './js/index.mjs';
    xtape.random.setSeed(2024);
    const d = await xtape.loadFashionMnist();
    const idx = xtape.constant(Int32Array.from({ length: 1000 }, (_, i) => i));
    const x = xtape.cast(xtape.reshape(xtape.gather(d.xTrain, idx), [-1, 784]), 'float32').div(255);
    const y = xtape.oneHot(xtape.gather(d.yTrain, idx), 10);
    const w1 = new xtape.Variable(xtape.random.truncatedNormal([784, 128], { stddev: 0.1 })), b1 = new xtape.Variable(xtape.zeros([128]));
    const w2 = new xtape.Variable(xtape.random.truncatedNormal([128, 10], { stddev: 0.1 })), b2 = new xtape.Variable(xtape.zeros([10]));
    for (let i = 0; i < 50; i++) xtape.tidy(() => {
      const tape = new xtape.GradientTape();
      const loss = tape.record(() => xtape.reduceMean(xtape.square(y.sub(x.matmul(w1).add(b1).relu().matmul(w2).add(b2)))));
      const g = tape.gradient(loss, [w1, b1, w2, b2]);
      [w1, b1, w2, b2].forEach((v, k) => v.assignSub(g[k].mul(0.01)));
      console.log(loss.item());
    });`,
    ],
    { cwd: root, encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .map(f32);
  assert.deepEqual(losses.map(f32), js); // the same float32 values, step by step
  assert.ok(js[49] < js[0]);
});

test("the reprs have TF's format, character for character", () => {
  const out = ok(`import tensorflow as tf
a = tf.constant(1.)
v = tf.Variable(1.)
print(repr(a)); print(repr(v)); print(a); print(v.name, v.trainable)
v.trainable = False
print(v.trainable, tf.Variable(a).numpy(), tf.constant([[1, 2], [3, 4]]).dtype)
print(tf.reduce_mean(tf.constant([0.25, 0.5])).numpy())
print([tf.zeros([2, 2]), tf.ones([3])])
`);
  assert.equal(
    out,
    [
      '<tf.Tensor: shape=(), dtype=float32, numpy=1.0>',
      "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>",
      'tf.Tensor(1.0, shape=(), dtype=float32)',
      'Variable:0 True',
      "False 1.0 <dtype: 'int32'>",
      '0.375',
      '[<tf.Tensor: shape=(2, 2), dtype=float32, numpy=',
      'array([[0., 0.],',
      '       [0., 0.]], dtype=float32)>, <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 1., 1.], dtype=float32)>]',
      '',
    ].join('\n'),
  );
  const grads = ok(TUTORIAL.replace('range(50)', 'range(1)'), '--rows', '100');
  // print(grads): a list of TF reprs with NumPy's summarised 2-D arrays
  assert.match(
    grads,
    /^\[<tf\.Tensor: shape=\(784, 128\), dtype=float32, numpy=\narray\(\[\[[ -]\d\.\d{7}e[+-]\d\d, .*\.\.\.,\n/s,
  );
  assert.match(grads, /\n {7}\.\.\.,\n/);
  assert.match(
    grads,
    /dtype=float32\)>, <tf\.Tensor: shape=\(128,\), dtype=float32, numpy=\narray\(\[/,
  );
  assert.match(
    grads,
    /<tf\.Tensor: shape=\(10,\), dtype=float32, numpy=\narray\(\[[^\]]+\],\s+dtype=float32\)>\]\n/,
  );
});

test("the tutorial's own typo tf.Varible: AttributeError suggesting Variable, exit 1", () => {
  const r = python('import tensorflow as tf\nv = tf.Varible(1.)\n');
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /^Traceback \(most recent call last\):\n {2}File ".*\.py", line 2, in <module>/,
  );
  assert.match(
    r.stderr,
    /AttributeError: module 'tensorflow' has no attribute 'Varible'\. Did you mean: 'Variable'\?/,
  );
  assert.doesNotMatch(r.stderr, /_pyodide|\.mjs/); // Python's own traceback, no host frames
});

test("a core error arrives as tf.errors.InvalidArgumentError with the core's message", () => {
  const out = ok(`import tensorflow as tf
try:
    tf.matmul(tf.zeros([2, 3]), tf.zeros([4, 5]))
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, e)
try:
    tf.one_hot([1], depth=2**32)
except tf.errors.InvalidArgumentError as e:
    print(e)
print(tf.add(1., 2).numpy())
`);
  assert.equal(
    out,
    'InvalidArgumentError matmul: inner dimensions differ: [2,3] x [4,5]\none_hot: depth must be an integer in [-2147483648, 2147483647], got 4294967296\n3.0\n',
  );
  const r = python('import tensorflow as tf\ntf.reshape(tf.zeros([6]), [4, -1])\n');
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /tensorflow\.errors\.InvalidArgumentError: reshape: cannot reshape \[6\] \(6 elements\) into \[4,-1\]/,
  );
});

test('memory stays flat over the 50-step loop written as the tutorial writes it', () => {
  const out = ok(
    TUTORIAL.replace('    if i == 0:\n        print(grads)\n', '')
      .replace(
        '    print(loss.numpy())',
        '    print(loss.numpy())\n    if i in (0, 49):\n        m = xtape_js.memory()\n        print("memory", m.numTensors, m.numBytes, m.heapBytes)',
      )
      .replace('import tensorflow as tf', 'import tensorflow as tf\nimport xtape_js'),
    '--rows',
    '500',
  );
  const mem = out.split('\n').filter((l) => l.startsWith('memory'));
  assert.equal(mem.length, 2);
  assert.equal(mem[0], mem[1]);
});

test('every op of the table is reachable from Python under its TF names', () => {
  const out = ok(`import tensorflow as tf, xtape_js
names = []
for d in xtape_js.opTable.to_py():
    for path in d["python"]:
        mod = tf
        for part in path.split(".")[1:-1]:
            mod = getattr(mod, part)
        fn = getattr(mod, path.split(".")[-1])
        assert callable(fn) and fn.__name__ == d["name"], path
        names.append(path)
print(len(names), tf.nn.softplus(tf.constant([0.])).numpy(), tf.math.reduce_sum([[1., 2], [3, 4]], axis=1).numpy())
`);
  assert.match(out, /^\d{2,} \[0\.6931472\] \[3\. 7\.\]\n$/);
});

test('keras optimizers with Keras defaults, apply_gradients(zip(grads, vars))', () => {
  const out = ok(`import tensorflow as tf
from tensorflow import keras
opt = keras.optimizers.SGD()
print(opt.learning_rate, keras.optimizers.Adam().get_config())
w = tf.Variable([1.0, 2.0])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(w * w)
grads = tape.gradient(loss, [w])
opt.apply_gradients(zip(grads, [w]))
print(w.numpy(), opt.iterations)
`);
  assert.equal(
    out,
    // TF prints the same: Keras's iterations variable is int64
    "0.01 {'learning_rate': 0.001, 'beta_1': 0.9, 'beta_2': 0.999, 'epsilon': 1e-07}\n[0.98 1.96] <tf.Variable 'iteration:0' shape=() dtype=int64, numpy=1>\n",
  );
});

test('npm run python: usage errors exit 2', () => {
  const r = npmPython();
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: npm run python -- FILE\.py/);
});

test(
  'parity with the C++ example: the same seed gives the same losses, step by step',
  { skip: !existsSync(`${root}build/native/forward_propagation`) },
  () => {
    const out = ok(
      `import tensorflow as tf
from tensorflow import keras
(x, y), _ = keras.datasets.fashion_mnist.load_data()
x = tf.cast(tf.reshape(x, [-1, 28 * 28]), tf.float32) / 255.
y = tf.one_hot(y, depth=10)
g = tf.random.Generator.from_seed(42)
w1 = tf.Variable(g.truncated_normal([784, 128], stddev=0.1))
b1 = tf.Variable(tf.zeros([128]))
w2 = tf.Variable(g.truncated_normal([128, 10], stddev=0.1))
b2 = tf.Variable(tf.zeros([10]))
for i in range(8):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(y - (tf.nn.relu(x @ w1 + b1) @ w2 + b2)))
    grads = tape.gradient(loss, [w1, b1, w2, b2])
    for v, g_ in zip([w1, b1, w2, b2], grads):
        v.assign_sub(0.01 * g_)
    print(loss.numpy())
`,
      '--rows',
      '1000',
    )
      .trim()
      .split('\n')
      .map(f32);
    const cpp = execFileSync(
      `${root}build/native/forward_propagation`,
      ['--rows', '1000', '--steps', '8', '--seed', '42'],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter((l) => l.startsWith('step '))
      .map((l) => f32(l.split(' ')[3]));
    assert.deepEqual(out, cpp);
  },
);

test('the package installed into Pyodide is every .py file of python/', async () => {
  const { PYTHON_FILES } = await import('../../js/python.mjs');
  const onDisk = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', 'python/'],
    { cwd: root, encoding: 'utf8' },
  )
    .split('\n')
    .filter((f) => f.endsWith('.py'))
    .map((f) => f.slice('python/'.length))
    .sort();
  assert.deepEqual([...PYTHON_FILES].sort(), onDisk);
});

test('hostile values from Python: cyclic, deep, ragged and huge nesting are ValueErrors, memory flat', () => {
  const out = ok(`
import gc
import tensorflow as tf
import xtape_js

def refused(name, make):
    try:
        make()
    except (ValueError, tf.errors.InvalidArgumentError) as e:
        print(name, "->", type(e).__name__, e)
    else:
        print(name, "-> accepted")

keep = tf.constant([1.0, 2.0])
before = xtape_js.memory().numTensors
a = []
a.append(a)
refused("self", lambda: tf.constant(a))
refused("self in an op", lambda: tf.add(a, 1))
b = [1]
b.append(b)
refused("ragged self", lambda: tf.constant(b))
deep = [1.0]
for _ in range(300):
    deep = [deep]
refused("deep", lambda: tf.constant(deep))
wide = [1, 1]
for _ in range(40):
    wide = [wide, wide]
refused("wide", lambda: tf.constant(wide))
refused("ragged", lambda: tf.constant([[1, 2], [3, 4, 5, 6], []]))
refused("rank 255", lambda: tf.zeros([1] * 255))
print(tf.constant([[], []]).shape, tf.zeros([1] * 254).shape.rank)
gc.collect()
print("flat", xtape_js.memory().numTensors == before, keep.numpy())
`);
  const lines = out.trim().split('\n');
  const want = [
    "self -> ValueError Can't convert a list that contains itself to Tensor.",
    "self in an op -> ValueError Can't convert a list that contains itself to Tensor.",
    "ragged self -> ValueError Can't convert non-rectangular Python sequence to Tensor.",
    "deep -> ValueError Can't convert a sequence nested deeper than 254 levels to Tensor.",
    "wide -> ValueError Can't convert more than 67108864 nested values to Tensor.",
    "ragged -> ValueError Can't convert non-rectangular Python sequence to Tensor.",
  ];
  assert.deepEqual(lines.slice(0, 6), want);
  assert.match(lines[6], /^rank 255 -> InvalidArgumentError .*254/);
  assert.equal(lines[7], '(2, 0) 254');
  assert.equal(lines[8], 'flat True [1. 2.]');
});

test('small Python defects of the second campaign (issue 24)', () => {
  const out = ok(`
import tensorflow as tf
v = tf.Variable([1.0, 2.0])
g = tf.Variable([10.0, 10.0])
opt = tf.keras.optimizers.SGD(learning_rate=0.1)
opt.apply_gradients([([1.0, 1.0], v)])  # a list as the gradient
opt.apply_gradients([(g, v)])  # a Variable as the gradient
print(v.numpy(), int(opt.iterations))
x = tf.constant([[1, 2], [3, 4]])
print(tf.reduce_sum(x, axis=tf.constant(1)).numpy(), tf.reduce_sum(x, axis=tf.Variable(0)).numpy())
try:
    opt.learning_rate = float("inf")
except tf.errors.InvalidArgumentError as e:
    print("InvalidArgumentError", opt.learning_rate)
`);
  assert.equal(out, '[-0.10000002  0.9       ] 2\n[3 7] [4 6]\nInvalidArgumentError 0.1\n');
});

test('a [60000, 784] tensor prints summarised as NumPy does, without converting every element', () => {
  const out = ok(`
import tensorflow as tf
x = tf.reshape(tf.range(60000 * 784), [60000, 784])
print(x)
print(tf.cast(x, tf.float32) / 7)
`);
  const want = execFileSync(
    '/usr/bin/python3',
    [
      '-c',
      `import numpy as np
x = np.arange(60000 * 784, dtype=np.int32).reshape(60000, 784)
print("tf.Tensor(\\n%s, shape=(60000, 784), dtype=int32)" % x)
print("tf.Tensor(\\n%s, shape=(60000, 784), dtype=float32)" % (x.astype(np.float32) / np.float32(7)))`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(out, want);
});

test("a fatal interpreter error (freeing a 1,000,000-deep list overflows Pyodide's stack) ends the run with a clear error, not a hang", () => {
  const r = python('x = []\nfor i in range(1000000):\n    x = [x]\ndel x\nprint("freed")\n');
  assert.equal(r.status, 1, r.stderr);
  assert.match(
    r.stderr,
    /\.py: the Python interpreter failed fatally \(RangeError: Maximum call stack size exceeded\) and can no longer be used/,
  );
  assert.doesNotMatch(r.stdout, /freed/);
  // the same interpreter refuses later runs with the same error (the page then starts a new
  // one); in a process of its own, as Pyodide's unhandled rejection is consumed process-wide
  const probe = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { loadPython } from '${root}js/python.mjs';
       const py = await loadPython({ stdout: () => {}, stderr: () => {} });
       console.error = () => {}; // Pyodide reports its fatal error on the console
       const names = [];
       for (const code of ['x = []\\nfor i in range(1000000):\\n    x = [x]\\ndel x', 'print(1)'])
         await py.run(code).then(() => names.push('ok'), (e) => names.push(e.name));
       console.log(JSON.stringify(names));`,
    ],
    { encoding: 'utf8', timeout: 300000 },
  );
  assert.equal(probe.status, 0, probe.stderr);
  assert.equal(probe.stdout.trim(), '["PythonFatalError","PythonFatalError"]');
});

test('tf.einsum: the common equations, with values and gradients computed by hand; unsupported forms say so', () => {
  const out = ok(`import tensorflow as tf
a = tf.constant([[1., 2., 3.], [4., 5., 6.]])
b = tf.constant([[1., 0.], [0., 1.], [1., 1.]])
v = lambda t: t.numpy().tolist()
print(v(tf.einsum('ij,jk->ik', a, b)), v(tf.einsum('ij,jk', a, b)), v(tf.linalg.einsum('ij->ji', a)))
print(v(tf.einsum('ij->', a)), v(tf.einsum('ij->j', a)), v(tf.einsum('ij,ij->i', a, a)))
print(v(tf.einsum('i,i->', tf.constant([1., 2., 3.]), tf.constant([4., 5., 6.]))))
print(v(tf.einsum('i,j->ij', tf.constant([1., 2.]), tf.constant([3., 4., 5.]))))
A, B = tf.stack([a, 2. * a]), tf.stack([b, b])
print(v(tf.einsum('bij,bjk->bik', A, B)))
print(v(tf.einsum('ij,jk,kl->il', a, b, tf.constant([[1.], [2.]]))))
with tf.GradientTape(persistent=True) as tape:
    tape.watch([a, b, A])
    z = tf.einsum('ij,jk->ik', a, b)
    zb = tf.einsum('bij,bjk->bik', A, B)
da, db = tape.gradient(z, [a, b], output_gradients=tf.constant([[1., 2.], [3., 4.]]))
print(v(da), v(db), v(tape.gradient(zb, A)))
print(v(tf.einsum('...ij,...jk->...ik', A, B)) == v(zb), v(tf.einsum('...j->...', a)), tf.einsum('i...', A).shape)
for eq, args in [('ii->i', [a]), ('...j->j', [A]), ('ij,jk->ik', [a, a]), ('ij,jk->ik', [a]), ('ij->k', [a])]:
    try:
        tf.einsum(eq, *args)
    except ValueError as e:
        print(e)
`);
  assert.deepEqual(out.trimEnd().split('\n'), [
    '[[4.0, 5.0], [10.0, 11.0]] [[4.0, 5.0], [10.0, 11.0]] [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]',
    '21.0 [5.0, 7.0, 9.0] [14.0, 77.0]',
    '32.0',
    '[[3.0, 4.0, 5.0], [6.0, 8.0, 10.0]]',
    '[[[4.0, 5.0], [10.0, 11.0]], [[8.0, 10.0], [20.0, 22.0]]]',
    '[[14.0], [32.0]]',
    '[[1.0, 2.0, 3.0], [3.0, 4.0, 7.0]] [[13.0, 18.0], [17.0, 24.0], [21.0, 30.0]] ' +
      '[[[1.0, 1.0, 2.0], [1.0, 1.0, 2.0]], [[1.0, 1.0, 2.0], [1.0, 1.0, 2.0]]]',
    'True [6.0, 15.0] (2, 3, 2)',
    "einsum: xtape does not support an index repeated within one operand (a trace or diagonal) yet: 'ii' in 'ii->i'",
    "einsum: output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions ('...j->j')",
    "einsum: index 'j' is 3 in one operand and 2 in another (xtape does not broadcast size 1 dimensions, under '...' either)",
    "einsum: the equation 'ij,jk->ik' names 2 operands, but 1 were given",
    "einsum: output subscripts 'k' of 'ij->k' must be distinct and appear in an input",
  ]);
});

test("TF's beginner classification tutorial through Keras: summary, fit's progress line, evaluate, predict", () => {
  const out = ok(`import tensorflow as tf
tf.keras.utils.set_random_seed(7)
(train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.fashion_mnist.load_data()
train_images = tf.cast(train_images, tf.float32) / 255.0  # the tutorial: train_images / 255.0 (NumPy)
test_images = tf.cast(test_images, tf.float32) / 255.0
model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation='relu'),
    tf.keras.layers.Dense(10)
])
model.compile(optimizer='adam',
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=['accuracy'])
history = model.fit(train_images, train_labels, epochs=1)
test_loss, test_acc = model.evaluate(test_images, test_labels, verbose=2)
print('Test accuracy:', test_acc)
probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
predictions = probability_model.predict(test_images, verbose=0)
print(predictions.shape, round(float(tf.reduce_sum(predictions[0])), 5))
print(sorted(history.history), len(model.trainable_variables))
`);
  const lines = out.trim().split('\n');
  assert.equal(lines[0], 'Epoch 1/1');
  // Keras 3's line: steps, the bar, seconds, time per step, the metrics in name order
  assert.match(
    lines[1],
    /^1875\/1875 ━{20} \d+s \d+(ms|us)\/step - accuracy: 0\.\d{4} - loss: 0\.\d{4}$/,
  );
  assert.match(
    lines[2],
    /^313\/313 - \d+s - \d+(ms|us)\/step - accuracy: 0\.\d{4} - loss: 0\.\d{4}$/,
  );
  const train = Number(lines[1].match(/accuracy: ([\d.]+)/)[1]);
  const test = Number(lines[3].split(': ')[1]);
  // TF documents ~0.82 after the first epoch (Keras 2's docs: loss 0.50, accuracy 0.82) and
  // ~0.85 on the test set after it; xtape's random init differs, so a point of margin.
  assert.ok(train > 0.81 && train < 0.85, lines[1]);
  assert.ok(test > 0.82, lines[3]);
  assert.equal(lines[4], '(10000, 10) 1.0');
  assert.equal(lines[5], "['accuracy', 'loss'] 4");
});

test("fit with the traced train step (the default) gives run_eagerly=True's history and weights bit for bit", () => {
  const out = ok(`import numpy as np
import tensorflow as tf
from tensorflow import keras

def run(eager, custom=False):
    tf.keras.utils.set_random_seed(3)
    x = tf.random.normal([200, 6])
    y = tf.cast(tf.reduce_sum(x, axis=1) > 0, tf.int32)
    base = keras.Model if custom else None
    model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dropout(0.25, seed=5),
                              keras.layers.BatchNormalization(), keras.layers.Dense(2)])
    model.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"], run_eagerly=eager)
    h = model.fit(x, y, batch_size=32, epochs=3, validation_split=0.2, verbose=0)
    return model, h.history

eager, he = run(True)
traced, ht = run(False)
print(he == ht, sorted(ht))
print(all(np.array_equal(a, b) for a, b in zip(eager.get_weights(), traced.get_weights(), strict=True)))
# 160 training rows in batches of 32: 5 full batches; the first call builds the model (it makes
# variables, so it runs eagerly and the next call traces), the second traces, the rest replay
print(traced.train_function.experimental_get_tracing_count(), traced.optimizer.iterations.numpy())
print(eager.train_function.experimental_get_tracing_count())

class Custom(keras.Model):  # Keras's "customizing what happens in fit" guide, Keras 2's style
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.compiled_metrics.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}

inputs = keras.Input(shape=(32,))
outputs = keras.layers.Dense(1)(inputs)
model = Custom(inputs, outputs)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
x = np.random.random((1000, 32))
y = np.random.random((1000, 1))
h = model.fit(x, y, epochs=3, verbose=0)
print(sorted(h.history), len(h.history["loss"]), h.history["loss"][-1] < h.history["loss"][0])
print(model.train_function.experimental_get_tracing_count())
`);
  const lines = out.trim().split('\n');
  assert.equal(lines[0], "True ['accuracy', 'loss', 'val_accuracy', 'val_loss']");
  assert.equal(lines[1], 'True');
  assert.equal(lines[2], '2 15'); // TF too traces twice when the first call makes variables
  assert.equal(lines[3], '0');
  assert.equal(lines[4], "['loss', 'mae'] 3 True");
  // 1000 rows: 31 batches of 32 and one of 8: a trace for each shape
  assert.equal(lines[5], '2');
});
