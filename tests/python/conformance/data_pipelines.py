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

# more transformations, with the outputs TF's API docs show
print(
    list(
        tf.data.Dataset.range(10)
        .window(5, shift=1, drop_remainder=True)
        .flat_map(lambda w: w.batch(5))
        .take(3)
        .as_numpy_iterator()
    )
)
print([list(w.as_numpy_iterator()) for w in tf.data.Dataset.range(7).window(3, 2)])
print([list(w.as_numpy_iterator()) for w in tf.data.Dataset.range(7).window(3, 1, 2, True)])
print(list(tf.data.Dataset.range(1, 4).concatenate(tf.data.Dataset.range(4, 8)).as_numpy_iterator()))
interleaved = tf.data.Dataset.range(1, 6).interleave(lambda x: tf.data.Dataset.from_tensors(x).repeat(6),
                                                      cycle_length=2, block_length=4)  # fmt: skip
print(list(interleaved.as_numpy_iterator()))
print(list(tf.data.Dataset.range(10).shard(num_shards=3, index=0).as_numpy_iterator()))
A = tf.data.Dataset.range(1, 5, output_type=tf.int32).map(lambda x: tf.fill([x], x))
for element in A.padded_batch(2).as_numpy_iterator():
    print(element)
print(list(tf.data.Dataset.range(10).take_while(lambda x: x < 5).as_numpy_iterator()))
print(tf.data.Dataset.from_tensors(3).get_single_element())
print(list(tf.data.Dataset.range(3).apply(lambda d: d.map(lambda x: x * 10)).as_numpy_iterator()))
