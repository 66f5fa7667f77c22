// Keras's fit on TF's beginner classification model (Flatten, Dense 128 relu, Dense 10, Adam,
// SparseCategoricalCrossentropy(from_logits), accuracy) over Fashion-MNIST in Python on Pyodide:
// the traced train step (fit's default, a tf.function replayed inside the core) against
// run_eagerly=True (every op from Python), same data, same core, one run, alternating blocks,
// medians of the time per step.   node bench/fit-traced.mjs [--reps 5] [--steps 200]
import * as xtape from '../js/index.mjs';
import { loadPython } from '../js/python.mjs';

const arg = (name, d) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const reps = arg('--reps', 5);
const steps = arg('--steps', 200);
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];

const python = await loadPython({ stdout: () => {}, stderr: (l) => console.error(l) });
await python.loadData();
await python.run(`
import time
import tensorflow as tf
(train_images, train_labels), _ = tf.keras.datasets.fashion_mnist.load_data()
train_images = tf.cast(train_images, tf.float32) / 255.0
MODELS = {}
def model(eager):
    if eager not in MODELS:
        tf.keras.utils.set_random_seed(1)
        m = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)),
                                 tf.keras.layers.Dense(128, activation='relu'), tf.keras.layers.Dense(10)])
        m.compile(optimizer='adam', loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=['accuracy'], run_eagerly=eager)
        MODELS[eager] = m
    return MODELS[eager]
def per_step(eager, batch, steps):
    m = model(eager)
    x, y = train_images[: batch * steps], train_labels[: batch * steps]
    t = time.perf_counter()
    m.fit(x, y, batch_size=batch, epochs=1, verbose=0, shuffle=False)
    return (time.perf_counter() - t) * 1000 / steps
`);
for (const batch of [32, 128]) {
  await python.run(`per_step(False, ${batch}, 3); per_step(True, ${batch}, 3)`); // trace, warm up
  const traced = [],
    eager = [];
  for (let r = 0; r < reps; r++) {
    traced.push(await python.run(`per_step(False, ${batch}, ${steps})`));
    eager.push(await python.run(`per_step(True, ${batch}, ${steps})`));
  }
  const [t, e] = [median(traced), median(eager)];
  console.log(
    `fit, batch ${batch}, ${steps} steps, medians of ${reps}: traced ${t.toFixed(2)} ms/step, ` +
      `run_eagerly ${e.toFixed(2)} ms/step: traced is ${(e / t).toFixed(2)}x faster ` +
      `(target at batch 128: >= 2x) (threads: ${xtape.numThreads()})`,
  );
}
