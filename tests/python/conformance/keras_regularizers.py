# Keras's regularizers (model.losses) and constraints (applied after each update), values by hand
import numpy as np
import tensorflow as tf
from tensorflow.keras import constraints, layers, regularizers

layer = layers.Dense(
    2,
    kernel_initializer="ones",
    kernel_regularizer=regularizers.l2(0.01),
    bias_regularizer="l1",
    activity_regularizer=regularizers.L1(0.5),
)
x = tf.constant([[1.0, -2.0, 3.0]])
y = layer(x)
print(y, [float(loss) for loss in layer.losses])
y = layer(x)
print(len(layer.losses))
reg = regularizers.L1L2(l1=0.1, l2=0.2)
print(reg(tf.constant([[1.0, -2.0]])))
print(regularizers.l2(0.001).get_config(), regularizers.get("l2").l2)

print(constraints.MaxNorm(2.0)(tf.constant([[3.0, 0.6], [4.0, 0.8]])))
print(constraints.NonNeg()(tf.constant([-1.0, 2.0])), constraints.UnitNorm()(tf.constant([[3.0], [4.0]])))
print(constraints.MinMaxNorm(0.0, 1.0, rate=0.5)(tf.constant([[3.0], [4.0]])))

tf.keras.utils.set_random_seed(1)
model = tf.keras.Sequential(
    [
        layers.Dense(
            8, activation="relu", kernel_constraint=constraints.NonNeg(), kernel_regularizer=regularizers.l2(0.001)
        ),
        layers.Dense(1),
    ]
)
model.compile(optimizer="adam", loss="mse")
xs = np.random.random((64, 4)).astype("float32")
ys = xs.sum(axis=1, keepdims=True)
h = model.fit(xs, ys, epochs=3, verbose=0)
print(bool(tf.reduce_all(model.layers[0].kernel >= 0)), len(model.losses), len(h.history["loss"]))
