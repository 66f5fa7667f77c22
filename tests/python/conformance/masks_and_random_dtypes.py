# Boolean masks as indices (TF: t[mask] is tf.boolean_mask) and random tensors of other dtypes
# (the guides' tf.random.uniform([5], maxval=10, dtype=tf.int32)); values worked out by hand.
import numpy as np
import tensorflow as tf

t = tf.constant([[1, 2], [3, 4], [5, 6]])
print(t[t > 2])
print(t[tf.constant([True, False, True])])
x = tf.Variable([1.0, -2.0, 3.0])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(x[x > 0] ** 2)
print(y, tape.gradient(y, x))
print(tf.constant([10, 20, 30])[np.array([True, False, True])])

tf.random.set_seed(5)
r = tf.random.uniform([1000], maxval=10, dtype=tf.int32)
print(r.dtype, r.shape, bool(tf.reduce_all((r >= 0) & (r < 10))), len(np.unique(r.numpy())))
r = tf.random.uniform([3], minval=-5, maxval=-2, dtype=tf.int64)
print(r.dtype, bool(tf.reduce_all((r >= -5) & (r < -2))))
print(tf.random.normal([2, 2], dtype=tf.float64).dtype, tf.random.uniform([2], dtype=tf.float16).dtype)
try:
    tf.random.uniform([2], dtype=tf.int32)
except ValueError as e:
    print(e)
g = tf.random.Generator.from_seed(1)
print(g.uniform([4], maxval=3, dtype=tf.int32).dtype, g.normal([2], dtype=tf.float64).dtype)
b = tf.constant([[True, True], [False, False]])
print(tf.reduce_all(b), tf.reduce_all(b, 0), tf.reduce_any(b, axis=1))
print(tf.math.count_nonzero(tf.constant([[0, 1], [3, 0]])), tf.math.count_nonzero(tf.constant([0.0, 2.0]), axis=0))
