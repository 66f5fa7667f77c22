// TF's beginner classification model (Flatten, Dense 128 relu, Dense 10, Adam, softmax
// cross-entropy on logits, accuracy), written once for each engine the fit benchmarks compare
// (fit-tfjs.mjs in Node; fit-tfjs-worker.js and fit-xtape-worker.mjs on the page).

/** The model in TF.js, compiled. */
export function tfjsModel(tf) {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28] }),
      tf.layers.dense({ units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
  model.compile({
    optimizer: tf.train.adam(0.001),
    loss: (yt, yp) => tf.losses.softmaxCrossEntropy(yt, yp),
    metrics: ['accuracy'],
  });
  return model;
}

/** The model in xtape.keras, compiled. */
export function kerasModel(keras) {
  const model = keras.sequential({
    layers: [
      keras.layers.flatten({ inputShape: [28, 28] }),
      keras.layers.dense({ units: 128, activation: 'relu' }),
      keras.layers.dense({ units: 10 }),
    ],
  });
  model.compile({
    optimizer: 'adam',
    loss: keras.losses.sparseCategoricalCrossentropy({ fromLogits: true }),
    metrics: ['accuracy'],
  });
  return model;
}

/** The tutorial's Python: fit on load_data()'s rows; its value is the seconds per epoch, ACC the last accuracy. */
export const pythonFit = (epochs) => `
import time
import tensorflow as tf
(train_images, train_labels), _ = tf.keras.datasets.fashion_mnist.load_data()
train_images = tf.cast(train_images, tf.float32) / 255.0
model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)),
                             tf.keras.layers.Dense(128, activation='relu'), tf.keras.layers.Dense(10)])
model.compile(optimizer='adam', loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=['accuracy'])
t = time.perf_counter()
h = model.fit(train_images, train_labels, batch_size=32, epochs=${epochs}, verbose=0)
ACC = h.history['accuracy'][-1]
(time.perf_counter() - t) / ${epochs}
`;
