import tensorflow as tf

dataset = tf.data.Dataset.from_tensor_slices([8, 3, 0, 8, 2, 1])
for elem in dataset:
    print(elem.numpy())
print(dataset.reduce(0, lambda state, value: state + value).numpy())
for b in tf.data.Dataset.from_tensor_slices(tf.range(8)).batch(3):
    print(b.numpy())
for b in tf.data.Dataset.from_tensor_slices(tf.range(8)).batch(3, drop_remainder=True):
    print(b.numpy())
ds = tf.data.Dataset.from_tensor_slices(([1, 2, 3], [4, 5, 6])).map(lambda a, b: a * b)
print(list(ds.as_numpy_iterator()))
print(len(tf.data.Dataset.from_tensor_slices(tf.zeros([10, 2])).batch(4)))
print([e.numpy() for e in tf.data.Dataset.from_tensor_slices([1, 2, 3]).repeat(2).take(4)])
