# Keras layers, losses, schedules, callbacks and optimizers beyond the core ones (Keras 3's formulas;
# values by hand: Huber [0.5, 2] -> 0.8125, ExponentialDecay 0.1 * 0.5 ** (step / 10), ...)
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

e = layers.Embedding(10, 3, embeddings_initializer="ones")
print(e(tf.constant([[1, 2], [3, 4]])).shape, e.embeddings.shape)
print(layers.GlobalAveragePooling1D()(tf.constant([[[1.0, 2.0], [3.0, 4.0]]])))
print(layers.GlobalMaxPooling2D()(tf.reshape(tf.range(8, dtype=tf.float32), [1, 2, 2, 2])))
print(layers.AveragePooling2D()(tf.reshape(tf.range(16, dtype=tf.float32), [1, 4, 4, 1]))[0, :, :, 0])
a, b = tf.constant([[1.0, 2.0]]), tf.constant([[3.0, 5.0]])
print(layers.Add()([a, b]), layers.Subtract()([a, b]), layers.Multiply()([a, b]), layers.Average()([a, b]))
print(layers.Concatenate()([a, b]), layers.concatenate([a, b], axis=0).shape, layers.Maximum()([a, b]))
print(layers.LayerNormalization()(tf.constant([[1.0, 2.0, 3.0]])))
print(layers.Rescaling(1.0 / 255)(tf.constant([255.0, 51.0])))
# functional multi-input
i1, i2 = tf.keras.Input((4,)), tf.keras.Input((4,))
x = layers.concatenate([layers.Dense(3)(i1), layers.Dense(3)(i2)])
out = layers.Dense(1)(layers.add([x, x]))
model = tf.keras.Model([i1, i2], out)
model.compile("adam", "mse")
model.fit([np.ones((8, 4)), np.ones((8, 4))], np.ones((8, 1)), epochs=2, verbose=0)
print(model.predict([np.ones((2, 4)), np.ones((2, 4))], verbose=0).shape)
# the text-classification pattern
m = tf.keras.Sequential([layers.Embedding(100, 8), layers.GlobalAveragePooling1D(), layers.Dense(1)])
m.compile("adam", tf.keras.losses.BinaryCrossentropy(from_logits=True), metrics=["accuracy"])
h = m.fit(np.random.randint(0, 100, size=(64, 10)), np.random.randint(0, 2, size=(64,)), epochs=2, verbose=0)
print(sorted(h.history), m.layers[0].embeddings.shape)

print(keras.losses.Huber()(tf.constant([[0.0, 1.0]]), tf.constant([[0.5, 3.0]])))
print(keras.losses.KLDivergence()(tf.constant([[0.5, 0.5]]), tf.constant([[0.25, 0.75]])))
s = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
print(s(0), s(10), s(20), keras.optimizers.schedules.PiecewiseConstantDecay([5, 10], [1.0, 0.5, 0.1])(7))
print(keras.activations.get("gelu")(tf.constant(1.0)) is not None, keras.backend.epsilon())
keras.backend.clear_session()
print(keras.layers.Dense(1).name, keras.layers.Dense(1).name)
x = np.random.random((64, 4)).astype("float32")
y = x.sum(axis=1, keepdims=True)
m = keras.Sequential([keras.layers.Dense(4, activation="relu"), keras.layers.Dense(1)])
opt = keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.ExponentialDecay(0.1, 2, 0.5))
m.compile(opt, "mse")
m.fit(x, y, batch_size=32, epochs=2, verbose=0)  # 4 steps: the rate at step 3 is 0.1 * 0.5 ** 1.5
print(round(opt.learning_rate, 6), opt.iterations.numpy())
m2 = keras.Sequential([keras.layers.Dense(1)])
m2.compile(keras.optimizers.SGD(0.1), "mse")
lrs = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5)
h = m2.fit(x, y, epochs=3, verbose=0, callbacks=[lrs, keras.callbacks.CSVLogger("/tmp/xtape_keras_more_log.csv")])
print([round(v, 4) for v in h.history["learning_rate"]], open("/tmp/xtape_keras_more_log.csv").read().splitlines()[0])
ck = keras.callbacks.ModelCheckpoint("/tmp/xtape_keras_more_ck_{epoch}.weights.h5", save_weights_only=True)
m2.fit(x, y, epochs=2, verbose=0, callbacks=[ck])
print(os.path.exists("/tmp/xtape_keras_more_ck_1.weights.h5"), os.path.exists("/tmp/xtape_keras_more_ck_2.weights.h5"))
rl = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=0, min_delta=10.0)
h = m2.fit(x, y, epochs=3, verbose=0, callbacks=[rl])
print([round(v, 5) for v in h.history["learning_rate"]])
w = tf.Variable([1.0, 2.0])
aw = keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
aw.apply_gradients([(tf.constant([0.0, 0.0]), w)])
print(w.numpy())
