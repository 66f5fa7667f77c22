import tensorflow as tf

rank_0_tensor = tf.constant(4)
print(rank_0_tensor)
rank_1_tensor = tf.constant([2.0, 3.0, 4.0])
print(rank_1_tensor)
print(tf.constant([1, 2, 3]).dtype)
print(tf.add(1, 2))
print(tf.constant(10) * tf.constant(3))
