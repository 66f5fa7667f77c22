# TF's documentation examples of the manipulation, top-k, nn and math functions xtape composes
# from its ops (tf.tile, tf.repeat, tf.pad, ...); outputs from the docs or worked out by hand.
import tensorflow as tf

a = tf.constant([[1, 2, 3], [4, 5, 6]], tf.int32)
print(tf.tile(a, [1, 2]))
print(tf.tile(a, [2, 1]).shape, tf.tile(a, [2, 2]).shape)
print(tf.repeat([[1, 2], [3, 4]], repeats=[2, 3], axis=0))
print(tf.repeat([[1, 2], [3, 4]], repeats=2, axis=1))
print(tf.repeat(3, repeats=4), tf.repeat([[1, 2], [3, 4]], repeats=2))
paddings = tf.constant([[1, 1], [2, 2]])
print(tf.pad(a, paddings, "CONSTANT"))
print(tf.pad(a, paddings, "REFLECT"))
print(tf.pad(a, paddings, "SYMMETRIC"))
x = tf.zeros([5, 30])
print([t.shape for t in tf.split(x, [4, 15, 11], 1)], [t.shape for t in tf.split(x, 3, 1)])
print(tf.unstack(a), tf.reverse(a, [1]))
print(tf.roll(tf.range(10), shift=2, axis=0))
print(tf.roll(tf.reshape(tf.range(10), [2, 5]), shift=[1, -2], axis=[0, 1]))
X, Y = tf.meshgrid([1, 2, 3], [4, 5, 6])
print(X, Y)
print(tf.gather_nd([[1, 2], [3, 4]], [[0, 0], [1, 1]]), tf.gather_nd([[1, 2], [3, 4]], [[1], [0]]))
print(tf.scatter_nd(tf.constant([[4], [3], [1], [7]]), tf.constant([9, 10, 11, 12]), tf.constant([8])))
print(tf.sequence_mask([1, 3, 2], 5))
values, indices = tf.math.top_k([1, 3, 2, 5], k=2)
print(values, indices)
print(tf.math.in_top_k([3, 1], [[0.1, 0.3, 0.2, 0.4], [0.1, 0.2, 0.3, 0.4]], 2))
print(tf.math.confusion_matrix([1, 2, 4], [2, 2, 4]))
print(tf.nn.l2_loss(tf.constant([1.0, 2.0, 3.0])), tf.math.l2_normalize(tf.constant([3.0, 4.0])))
print(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant([1.0, 0.0]), logits=tf.constant([0.0, 2.0])))
print(tf.nn.leaky_relu(tf.constant([-1.0, 2.0])), tf.nn.elu(tf.constant([-1.0, 2.0])))
print(
    round(float(tf.nn.selu(tf.constant(-1.0))), 5),
    round(float(tf.nn.gelu(tf.constant(1.0))), 5),
    round(float(tf.nn.gelu(tf.constant(1.0), approximate=True)), 5),
    round(float(tf.nn.silu(tf.constant(1.0))), 5),
)
print(round(float(tf.math.erf(tf.constant(0.5))), 6), tf.math.rsqrt(tf.constant(4.0)))
z = tf.zeros([2, 3])
print(tf.math.reduce_logsumexp(z), tf.math.reduce_logsumexp(z, 0), tf.math.reduce_logsumexp(z, 1))
print(tf.math.bincount(tf.constant([1, 1, 2, 3, 2, 4, 4, 5])))
print(tf.math.segment_sum(tf.constant([[1, 2, 3, 4], [4, 3, 2, 1], [5, 6, 7, 8]]), tf.constant([0, 0, 1])))
print(tf.math.unsorted_segment_mean(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), tf.constant([0, 0, 1]), 2))
print(tf.linalg.inv(tf.constant([[2.0, 0.0], [0.0, 4.0]])), tf.norm(tf.constant([3.0, 4.0])))
i = tf.constant(0)
print(tf.while_loop(lambda i: tf.less(i, 10), lambda i: (tf.add(i, 1),), [i]))
print(tf.cond(tf.constant(2) > 1, lambda: tf.constant("yes" == "yes"), lambda: tf.constant(False)))
v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.tile(v, [1, 2]) * tf.pad(v, [[0, 0], [1, 1]]))
print(tape.gradient(y, v))
