import numpy as np
import tensorflow as tf

a = tf.constant([[1, 2], [3, 4]])
b = tf.constant([[1, 1], [1, 1]])

print(tf.add(a, b), "\n")
print(tf.multiply(a, b), "\n")
print(tf.matmul(a, b), "\n")
print(a + b, "\n")
print(a * b, "\n")
print(a @ b, "\n")
c = tf.constant([[4.0, 5.0], [10.0, 1.0]])
print(tf.reduce_max(c))

# tf.linalg.matmul's documented batch example: [2, 2, 3] @ [2, 3, 2], one product per batch element
a = tf.constant(np.arange(1, 13, dtype=np.int32), shape=[2, 2, 3])
b = tf.constant(np.arange(13, 25, dtype=np.int32), shape=[2, 3, 2])
print(tf.matmul(a, b))
print((tf.ones([4, 1, 3, 5]) @ tf.ones([2, 5, 6])).shape)
