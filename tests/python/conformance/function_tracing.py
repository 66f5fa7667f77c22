# TF's guides "Better performance with tf.function" and "Introduction to graphs": what is traced,
# what runs on every call, and when a function traces again. tf.print goes to stdout here so that
# its lines interleave with print's as the guides show them.
import sys

import tensorflow as tf


@tf.function
def f(x):
    print("Traced with", x)
    tf.print("Executed with", x, output_stream=sys.stdout)


f(1)
f(1)
f(2)


@tf.function
def a_function_with_python_side_effect(x):
    print("Tracing!")  # An eager-only side effect.
    return x * x + tf.constant(2)


print(a_function_with_python_side_effect(tf.constant(2)))
print(a_function_with_python_side_effect(tf.constant(3)))
print(a_function_with_python_side_effect(2))
print(a_function_with_python_side_effect(3))


@tf.function
def get_MSE(y_true, y_pred):
    print("Calculating MSE!")
    sq_diff = tf.pow(y_true - y_pred, 2)
    return tf.reduce_mean(sq_diff)


y_true = tf.constant([1, 7, 3, 0, 9])
y_pred = tf.constant([2, 7, 5, 0, 5])
error = get_MSE(y_true, y_pred)
error = get_MSE(y_true, y_pred)
error = get_MSE(y_true, y_pred)
print(error)
tf.config.run_functions_eagerly(True)
error = get_MSE(y_true, y_pred)
error = get_MSE(y_true, y_pred)
tf.config.run_functions_eagerly(False)


@tf.function
def my_relu(x):
    return tf.maximum(0.0, x)


print(my_relu(tf.constant(5.5)))
print(my_relu([1, -1]))
print(my_relu(tf.constant([3.0, -3.0])))
print(my_relu(tf.constant([-1.0, 4.0])))
print(my_relu.experimental_get_tracing_count())

external_list = []


@tf.function
def side_effect(x):
    print("Python side effect")
    external_list.append(x)


side_effect(1)
side_effect(1)
side_effect(1)
print(len(external_list))


class Model(tf.Module):
    def __init__(self):
        self.v = tf.Variable(0)
        self.counter = 0

    @tf.function
    def __call__(self):
        if self.counter == 0:
            # A python side-effect
            self.counter += 1
            self.v.assign_add(1)

        return self.v


m = Model()
for _n in range(3):
    print(m().numpy())


@tf.function
def add(a, b):
    return a + b


v = tf.Variable(1.0)
with tf.GradientTape() as tape:
    result = add(v, 1.0)
print(tape.gradient(result, v))
with tf.GradientTape() as tape:
    result = add(v, 1.0)  # the replay is recorded by the tape outside it
print(tape.gradient(result, v))


@tf.function
def dense_layer(x, w, b):
    return add(tf.matmul(x, w), b)


print(dense_layer(tf.ones([3, 2]), tf.ones([2, 2]), tf.ones([2])))

# A training loop's step as a tf.function: the same numbers as the eager step.
w = tf.Variable([[0.5], [-0.25]])
b = tf.Variable([0.0])
opt = tf.keras.optimizers.SGD(learning_rate=0.1)
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
y = tf.constant([[1.0], [2.0]])


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(x @ w + b - y))
    grads = tape.gradient(loss, [w, b])
    opt.apply_gradients(zip(grads, [w, b], strict=False))
    return loss


for step in range(3):
    print(step, round(float(train_step(x, y)), 4))
print([round(float(v), 4) for v in tf.reshape(w, [-1])], round(float(b[0]), 4), opt.iterations.numpy())
print(train_step.experimental_get_tracing_count())


# a shape made from an input's value: a replay must not repeat the first call's (xtape: eager)
@tf.function
def ones_like_count(n):
    return tf.ones([n])


print(ones_like_count(tf.constant(2)).shape, ones_like_count(tf.constant(3)).shape)
