# NumPy beside TF, as TF's tensor guide uses it: tf.constant of an array keeps its dtype,
# .numpy() and np.asarray give arrays, TF ops take arrays, NumPy functions take tensors' values.
import numpy as np
import tensorflow as tf

a = np.array([[1.0, 2.0], [3.0, 4.0]])
t = tf.constant(a)
print(t.dtype)
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(type(x.numpy()).__name__, x.numpy().dtype)
print(x.numpy())
print(np.asarray(x) * 2)
print(tf.add(x, np.ones((2, 2), dtype=np.float32)))
print(np.argmax(x.numpy()[1]), np.argmax(tf.constant([3, 9, 2])))
print(tf.convert_to_tensor(np.arange(3)).dtype)
print(tf.float32.as_numpy_dtype == np.float32, tf.as_dtype(np.int64))
print(tf.reduce_sum(np.array([1, 2, 3], dtype=np.int32)))
images = np.array([[0, 51, 255]], dtype=np.uint8)
scaled = images / 255.0
print(scaled.dtype, scaled)
print(tf.constant(scaled, dtype=tf.float32))
