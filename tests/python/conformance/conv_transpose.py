# tf.nn.conv2d_transpose (the adjoint of tf.nn.conv2d: TF defines it as conv2d's gradient with
# respect to its input), Keras's Conv2DTranspose, UpSampling2D, ZeroPadding2D. By hand: a 2x2 kernel
# of ones at stride 2 spreads each value over its 2x2 block; a 3x3 kernel 'SAME' at stride 2 on a 2x2
# input reaches output row j from input rows {0}, {0}, {0, 1}, {1}. <conv2d(x), y> = <x, conv2d_transpose(y)>.
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

y = tf.reshape(tf.constant([1.0, 2.0, 3.0, 4.0]), [1, 2, 2, 1])
print(tf.nn.conv2d_transpose(y, tf.ones([2, 2, 1, 1]), [1, 4, 4, 1], 2, "VALID")[0, :, :, 0])
print(tf.nn.conv2d_transpose(y, tf.ones([3, 3, 1, 1]), [1, 4, 4, 1], strides=2, padding="SAME")[0, :, :, 0])
rng = np.random.RandomState(0)
for h, k, s, pad in [(5, 3, 2, "SAME"), (6, 3, 2, "SAME"), (4, 2, 2, "VALID"), (5, 3, 1, "SAME"), (3, 1, 2, "VALID"),
                     (7, 4, 3, "SAME"), (3, 5, 2, "VALID")]:  # fmt: skip
    f = tf.constant(rng.randn(k, k, 2, 3))
    yy = tf.constant(rng.randn(2, h, h, 3))
    xt = tf.nn.conv2d_transpose(yy, f, None, s, pad)
    x = tf.constant(rng.randn(*xt.shape))
    fwd = tf.nn.conv2d(x, f, s, pad)
    same = np.isclose(float(tf.reduce_sum(fwd * yy)), float(tf.reduce_sum(x * xt)), rtol=1e-12)
    print(h, k, s, pad, tuple(xt.shape), tuple(fwd.shape) == tuple(yy.shape), same)
# output_shape picks among the sizes the forward convolution maps back (SAME, stride 2: 3 or 4 -> 2)
print(tf.nn.conv2d_transpose(y, tf.ones([3, 3, 1, 1]), [1, 3, 3, 1], 2, "SAME")[0, :, :, 0])
x3 = tf.constant(rng.randn(1, 3, 3, 1), tf.float32)
print(
    np.isclose(
        float(tf.reduce_sum(tf.nn.conv2d(x3, tf.ones([3, 3, 1, 1]), 2, "SAME") * y)),
        float(tf.reduce_sum(x3 * tf.nn.conv2d_transpose(y, tf.ones([3, 3, 1, 1]), [1, 3, 3, 1], 2, "SAME"))),
    )
)
try:
    tf.nn.conv2d_transpose(y, tf.ones([3, 3, 1, 1]), [1, 5, 5, 1], 2, "SAME")
except ValueError as e:
    print("ValueError:", str(e).split(" (")[0])

# finite differences (float64), upstream g: d sum(g * conv2d_transpose(y, f)) / d f and / d y
g = tf.constant(rng.randn(1, 6, 6, 2))
f = tf.Variable(rng.randn(3, 3, 2, 1))
yv = tf.Variable(rng.randn(1, 3, 3, 1))


def value():
    return float(tf.reduce_sum(g * tf.nn.conv2d_transpose(yv, f, [1, 6, 6, 2], 2, "SAME")))


with tf.GradientTape() as tape:
    out = tf.reduce_sum(g * tf.nn.conv2d_transpose(yv, f, [1, 6, 6, 2], 2, "SAME"))
grads = tape.gradient(out, [f, yv])
ok = True
for v, gv in zip([f, yv], grads, strict=False):
    base = v.numpy()
    for i in range(base.size):
        step = np.zeros(base.size)
        step[i] = 1e-6
        v.assign(base + step.reshape(base.shape))
        up = value()
        v.assign(base - step.reshape(base.shape))
        down = value()
        v.assign(base)
        ok = ok and abs((up - down) / 2e-6 - gv.numpy().reshape(-1)[i]) < 1e-6
print("finite differences", ok)

# TF's DCGAN tutorial's generator: the shapes it asserts
model = tf.keras.Sequential()
model.add(layers.Dense(7 * 7 * 256, use_bias=False, input_shape=(100,)))
model.add(layers.BatchNormalization())
model.add(layers.LeakyReLU())
model.add(layers.Reshape((7, 7, 256)))
model.add(layers.Conv2DTranspose(128, (5, 5), strides=(1, 1), padding="same", use_bias=False))
print(model.output_shape)
model.add(layers.BatchNormalization())
model.add(layers.LeakyReLU())
model.add(layers.Conv2DTranspose(64, (5, 5), strides=(2, 2), padding="same", use_bias=False))
print(model.output_shape)
model.add(layers.Conv2DTranspose(1, (5, 5), strides=(2, 2), padding="same", use_bias=False, activation="tanh"))
print(model.output_shape, model(tf.zeros([1, 100]), training=False).shape, model.layers[4].kernel.shape)
print([layer.count_params() for layer in model.layers])
print(layers.Conv2DTranspose(3, 3, strides=2)(tf.zeros([1, 4, 4, 2])).shape)
print(layers.UpSampling2D()(tf.reshape(tf.constant([1.0, 2.0, 3.0, 4.0]), [1, 2, 2, 1]))[0, :, :, 0])
print(layers.ZeroPadding2D(1)(tf.ones([1, 1, 2, 1]))[0, :, :, 0])
