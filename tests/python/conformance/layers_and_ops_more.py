# Small Keras layers (Keras 3's definitions; the Normalization values are Keras's documented ones),
# tf.image.resize (TF 2's half-pixel centers: [1, 2] -> [1, 1.25, 1.75, 2] bilinear, [1, 1, 2, 2]
# nearest), the nn/math helpers and Keras 2's and TF 2.0's spellings (tf.losses, lr=,
# keras.preprocessing.sequence, layers.experimental.preprocessing). Other values by hand.
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

x = tf.constant([[-1.0, 0.5, 2.0]])
print(layers.ELU()(x), layers.ThresholdedReLU(theta=1.0)(x))
print(layers.PReLU(alpha_initializer=tf.keras.initializers.Constant(0.25))(x))
print(layers.Permute((2, 1))(tf.zeros([1, 2, 3])).shape, layers.RepeatVector(3)(tf.constant([[1.0, 2.0]])))
print(layers.Cropping2D(((1, 0), (0, 1)))(tf.reshape(tf.range(9, dtype=tf.float32), [1, 3, 3, 1]))[0, :, :, 0])
print(layers.Cropping1D(1)(tf.reshape(tf.range(4, dtype=tf.float32), [1, 4, 1]))[0, :, 0])
print(layers.GaussianNoise(0.1)(x), layers.GaussianDropout(0.5)(x), layers.SpatialDropout2D(0.5)(tf.ones([1, 2, 2, 3])))
noisy = layers.GaussianNoise(1.0)(tf.zeros([1000]), training=True)
print(0.9 < float(tf.math.reduce_std(noisy)) < 1.1)
kept = layers.SpatialDropout1D(0.5)(tf.ones([4, 3, 5]), training=True)
k = kept.numpy()
print(
    bool(np.all(k.max(axis=1) == k.min(axis=1))),
    sorted(set(kept.numpy().reshape(-1).tolist())) in ([0.0, 2.0], [2.0], [0.0]),
)
a = layers.ActivityRegularization(l1=0.1)
a(x)
print(a.losses)
print(layers.UnitNormalization()(tf.constant([[3.0, 4.0]])))
adapt_data = np.array([[0.0, 7.0, 4.0], [2.0, 9.0, 6.0], [0.0, 7.0, 4.0], [2.0, 9.0, 6.0]], dtype="float32")
input_data = np.array([[0.0, 7.0, 4.0]], dtype="float32")
layer = tf.keras.layers.Normalization(axis=-1)
layer.adapt(adapt_data)
print(layer(input_data))
print(tf.keras.layers.Normalization(mean=3.0, variance=2.0)(input_data))
layer = tf.keras.layers.Normalization(axis=-1, invert=True)
layer.adapt(adapt_data)
print(layer(tf.constant([[-1.0, 1.0, 0.0]])))
layer = tf.keras.layers.Normalization(axis=None)
layer.adapt(tf.data.Dataset.from_tensor_slices(np.array([1.0, 2.0, 3.0, 4.0], "float32")).batch(2))
print(layer(tf.constant([2.5])))
print(tf.keras.layers.experimental.preprocessing.Rescaling(1.0 / 255)(tf.constant([255.0])))
from tensorflow.keras.layers.experimental import preprocessing  # noqa: E402

flipped = preprocessing.RandomFlip("horizontal")(tf.reshape(tf.constant([1.0, 2.0]), [1, 1, 2, 1]))
print(
    flipped.numpy().reshape(-1).tolist() in ([1.0, 2.0], [2.0, 1.0]),
    layers.RandomFlip()(tf.ones([1, 2, 2, 1]), training=False).shape,
)

row = tf.reshape(tf.constant([1.0, 2.0]), [1, 1, 2, 1])
print(tf.image.resize(row, [1, 4])[0, 0, :, 0], tf.image.resize(row, [1, 4], method="nearest")[0, 0, :, 0])
print(tf.image.resize(tf.reshape(tf.constant([1.0, 2.0, 3.0, 4.0]), [1, 1, 4, 1]), [1, 2])[0, 0, :, 0])
print(
    tf.image.resize(tf.ones([4, 4, 3], tf.uint8), [2, 2]).dtype, tf.image.resize(tf.zeros([2, 5, 5, 1]), [7, 3]).shape
)
with tf.GradientTape() as tape:
    img = tf.Variable(tf.reshape(tf.constant([1.0, 2.0]), [1, 1, 2, 1]))
    out = tf.reduce_sum(tf.image.resize(img, [1, 4]) * tf.constant([1.0, 2.0, 3.0, 4.0])[None, None, :, None])
print(tape.gradient(out, img)[0, 0, :, 0])  # [1 + 0.75*2 + 0.25*3, 0.25*2 + 0.75*3 + 4]
print(tf.image.convert_image_dtype(tf.constant([0, 255], tf.uint8), tf.float32))
print(tf.image.convert_image_dtype(tf.constant([0.0, 0.5, 1.0]), tf.uint8))
print(tf.image.per_image_standardization(tf.reshape(tf.constant([1.0, 3.0]), [1, 2, 1]))[..., 0])
print(tf.image.rgb_to_grayscale(tf.constant([[[1.0, 1.0, 1.0]]])), tf.image.central_crop(tf.ones([4, 4, 1]), 0.5).shape)
print(tf.image.random_crop(tf.ones([5, 5, 3]), [3, 3, 3]).shape, tf.image.random_flip_up_down(tf.ones([2, 2, 1])).shape)

print(tf.nn.relu6(tf.constant([-1.0, 3.0, 7.0])), tf.nn.moments(tf.constant([1.0, 3.0]), axes=[0]))
print(tf.nn.embedding_lookup(tf.eye(3), [2, 0]), tf.math.reduce_euclidean_norm(tf.constant([3.0, 4.0])))
print(tf.boolean_mask(tf.reshape(tf.range(6), [2, 3]), [True, False, True], axis=1))
print(sorted(tf.random.shuffle(tf.range(5)).numpy().tolist()))
print(tf.losses.MSE([1.0], [2.0]), tf.reduce_mean(tf.losses.categorical_crossentropy([[0, 1.0]], [[0.2, 0.8]])))
print(tf.optimizers.Adam(lr=0.01).learning_rate, tf.keras.optimizers.SGD(lr=0.5).learning_rate)
print(tf.keras.preprocessing.sequence.pad_sequences([[1], [2, 3]]))
try:
    tf.constant(123456789, dtype=tf.int16)
except NotImplementedError as e:
    print("NotImplementedError:", e)
print(tf.int16 == tf.int32, tf.string)

# tf.nn.conv2d with explicit padding = zeros added then VALID (1 on each side, 3x3: as SAME)
xc = tf.reshape(tf.range(2 * 5 * 5 * 3, dtype=tf.float32) / 100.0, [2, 5, 5, 3])
wc = tf.reshape(tf.range(3 * 3 * 3 * 4, dtype=tf.float32) / 100.0, [3, 3, 3, 4])
explicit = tf.nn.conv2d(xc, wc, strides=1, padding=[[0, 0], [1, 1], [1, 1], [0, 0]])
print(explicit.shape, np.array_equal(explicit.numpy(), tf.nn.conv2d(xc, wc, 1, "SAME").numpy()))
print(tf.nn.conv2d(xc, wc, strides=2, padding=[[0, 0], [2, 0], [0, 1], [0, 0]]).shape)
# tf.data's map function is traced once (TF runs it as a graph): its Python side effects happen once
calls = []
ds = tf.data.Dataset.range(3).map(lambda v: (calls.append(1), v * 2)[1])
print(list(ds.as_numpy_iterator()), len(calls))
