# Convolution and pooling as TF's guides use them (values worked out by hand), tf.sort/argsort
# and tf.where with one argument, and a small CNN's shapes and parameter counts as Keras gives them.
import tensorflow as tf


def np_round(t, digits=4):
    return tf.round(tf.convert_to_tensor(t) * 10**digits) / 10**digits


x = tf.reshape(tf.range(1.0, 10.0), [1, 3, 3, 1])
f = tf.reshape(tf.constant([1.0, 0.0, 0.0, -1.0]), [2, 2, 1, 1])
print(tf.reshape(tf.nn.conv2d(x, f, strides=1, padding="VALID"), [2, 2]))
print(tf.reshape(tf.nn.conv2d(x, f, strides=[1, 2, 2, 1], padding="SAME"), [2, 2]))
with tf.GradientTape() as tape:
    tape.watch(f)
    y = tf.nn.conv2d(x, f, 1, "VALID")
    loss = tf.reduce_sum(y * tf.reshape(tf.constant([1.0, 2.0, 3.0, 4.0]), [1, 2, 2, 1]))
print(tf.reshape(tape.gradient(loss, f), [2, 2]))
p = tf.reshape(tf.range(1.0, 17.0), [1, 4, 4, 1])
print(tf.reshape(tf.nn.max_pool2d(p, ksize=2, strides=2, padding="VALID"), [2, 2]))
print(tf.sort([3, 1, 2]), tf.sort([3.0, 1.0, 2.0], direction="DESCENDING"), tf.argsort([3, 1, 2]))
print(tf.where([[True, False], [False, True]]))
print(tf.where([True, False, True], [1, 2, 3], [10, 20, 30]))

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(28, 28, 1)),
        tf.keras.layers.Conv2D(32, (3, 3), activation="relu"),
        tf.keras.layers.MaxPooling2D((2, 2)),
        tf.keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
        tf.keras.layers.MaxPool2D(),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(10),
    ]
)
for layer in model.layers:
    print(layer.name, layer.count_params())
print(model.count_params())
print(model(tf.zeros([2, 28, 28, 1])).shape)

bn = tf.keras.layers.BatchNormalization()
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(np_round(bn(x, training=True)))
print(np_round(bn.moving_mean), np_round(bn.moving_variance), len(bn.trainable_weights), len(bn.weights))
print(np_round(bn(x, training=False)))
