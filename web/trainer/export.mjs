// Downloads: the weights as .npy, the loss log as CSV, and a TF2 script that continues the run.
import { checkConfig } from './settings.mjs';

export function download(name, bytes, type = 'application/octet-stream') {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A number as a file may hold it: finite, written by Number's own formatting (valid in CSV and as
// a Python literal), never a string passed through.
function num(v, what) {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new TypeError(`export: ${what} must be a finite number, got ${typeof v}`);
  return String(v);
}

// A loss may be NaN or infinite (Step through does not stop on one): written as NumPy writes it.
function lossText(v) {
  if (typeof v !== 'number') throw new TypeError(`export: loss must be a number, got ${typeof v}`);
  return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

export function lossCsv(log) {
  const rows = log.map(
    (r) =>
      `${num(r.step, 'step')},${num(r.epoch, 'epoch')},${lossText(r.loss)},${Number(num(r.ms, 'ms')).toFixed(3)}`,
  );
  return ['step,epoch,loss,ms', ...rows].join('\n') + '\n';
}

const LOSS_LINES = {
  ce: 'loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(y_b, out))',
  mse: 'loss = tf.reduce_mean(tf.square(y_b - out))',
};

/**
 * A TF2 program that loads the exported weights and continues the same training. It is built
 * from the settings checked again here (checkConfig: known names and numbers only) and numbers
 * written by num(): nothing given reaches the script as text.
 */
export function tf2Script(given, stepGiven) {
  const config = checkConfig(given);
  const step = Number.isSafeInteger(stepGiven) && stepGiven >= 0 ? stepGiven : 0;
  const lr = num(config.lr, 'lr');
  const lossLine = LOSS_LINES[config.loss];
  const optimizer = {
    manual: null,
    sgd: `keras.optimizers.SGD(learning_rate=${lr})`,
    momentum: `keras.optimizers.SGD(learning_rate=${lr}, momentum=0.9)`,
    adam: `keras.optimizers.Adam(learning_rate=${lr})`,
  }[config.update];
  const batch = num(config.batch === 'full' ? 60000 : config.batch, 'batch');
  return `# Continues an xtape run in TensorFlow 2 from the weights it exported after step ${num(step, 'step')}.
# Put w1.npy b1.npy w2.npy b2.npy beside this file and run: python3 continue_training.py
# Same network, loss, update and learning rate; mini-batches are taken in order (not xtape's
# seeded shuffle) and optimizer state (momentum, Adam moments) starts fresh.
import numpy as np
import tensorflow as tf
from tensorflow import keras

(x, y), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x = tf.cast(tf.reshape(x, [-1, 28 * 28]), tf.float32) / 255.
x_test = tf.cast(tf.reshape(x_test, [-1, 28 * 28]), tf.float32) / 255.
y = tf.one_hot(y, depth=10)

w1 = tf.Variable(np.load('w1.npy'), name='w1')
b1 = tf.Variable(np.load('b1.npy'), name='b1')
w2 = tf.Variable(np.load('w2.npy'), name='w2')
b2 = tf.Variable(np.load('b2.npy'), name='b2')
lr = ${lr}
batch = ${batch}
${optimizer ? `optimizer = ${optimizer}` : '# update: manual assign_sub, as in the tutorial'}

for i in range(50):
    start = (i * batch) % 60000
    x_b, y_b = (x, y) if batch == 60000 else (x[start:start + batch], y[start:start + batch])
    with tf.GradientTape() as tape:
        h1 = tf.nn.relu(x_b @ w1 + b1)
        out = h1 @ w2 + b2
        ${lossLine}
    grads = tape.gradient(loss, [w1, b1, w2, b2])
${optimizer ? '    optimizer.apply_gradients(zip(grads, [w1, b1, w2, b2]))' : '    for v, g in zip([w1, b1, w2, b2], grads):\n        v.assign_sub(lr * g)'}
    print(i, loss.numpy())

pred = tf.argmax(tf.nn.relu(x_test @ w1 + b1) @ w2 + b2, axis=1)
print('test accuracy', np.mean(pred.numpy() == y_test))
`;
}
