import tensorflow as tf


@tf.function
def add(a, b):
    return a + b


print(add(tf.ones([2, 2]), tf.ones([2, 2])))


@tf.function(input_signature=[tf.TensorSpec(shape=None, dtype=tf.float32)])
def square(x):
    return x * x


print(square(tf.constant(3.0)))
print(tf.executing_eagerly())
