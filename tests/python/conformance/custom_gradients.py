# TF's tf.custom_gradient documentation and the "Advanced automatic differentiation" guide: a
# numerically stable log(1 + e^x), gradient clipping in the backward pass; and the clip ops.
import tensorflow as tf


def log1pexp_plain(x):
    return tf.math.log(1 + tf.exp(x))


x = tf.constant(100.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = log1pexp_plain(x)
print(tape.gradient(y, x))  # exp(100) overflows: inf / inf


@tf.custom_gradient
def log1pexp(x):
    e = tf.exp(x)

    def grad(upstream):
        return upstream * (1 - 1 / (1 + e))

    return tf.math.log(1 + e), grad


with tf.GradientTape() as tape:
    tape.watch(x)
    y = log1pexp(x)
print(tape.gradient(y, x))

x0 = tf.constant(0.0)
with tf.GradientTape() as tape:
    tape.watch(x0)
    y = log1pexp(x0)
print(y, tape.gradient(y, x0))


@tf.custom_gradient
def clip_gradients(y):
    def backward(dy):
        return tf.clip_by_norm(dy, 0.5)

    return y, backward


v = tf.Variable(2.0)
with tf.GradientTape() as t:
    output = clip_gradients(v * v)
print(t.gradient(output, v))


@tf.custom_gradient
def scaled(a, b):
    def grad(dy):
        return 3 * dy, None  # a's gradient tripled, none for b

    return a * b, grad


a, b = tf.constant([1.0, 2.0]), tf.constant([5.0, 7.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch([a, b])
    y = scaled(a, b)
print(tape.gradient(y, a), tape.gradient(y, b))
print(tape.gradient(y, a, output_gradients=tf.constant([2.0, -1.0])))

t = tf.constant([[-10.0, -1.0, 0.0], [0.0, 2.0, 10.0]])
print(tf.clip_by_value(t, clip_value_min=-1, clip_value_max=1))
print(tf.clip_by_norm(tf.constant([[3.0, 4.0], [0.0, 0.0]]), 2.5))
clipped, norm = tf.clip_by_global_norm([tf.constant([3.0, 4.0]), tf.constant([12.0])], 6.5)
print([c.numpy().tolist() for c in clipped], norm.numpy())
print(tf.linalg.global_norm([tf.constant([3.0, 4.0]), tf.constant([12.0])]))
