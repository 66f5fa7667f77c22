import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

# A Dense layer builds on its first call; ones and zeros make its output plain to check
dense = layers.Dense(3, kernel_initializer="ones")
print(dense(tf.constant([[1.0, 2.0]])))
print([w.name for w in dense.weights], dense.kernel.shape, dense.count_params())

# One SGD step on MSE, worked by hand: y_pred = [1, 2], y = [2, 4], loss = (1 + 4) / 2 = 2.5;
# dL/dy_pred = [-1, -2] so dW = 1 * -1 + 2 * -2 = -5 and db = -3; lr 0.1: W = 1.5, b = 0.3.
model = keras.Sequential([keras.Input(shape=(1,)), layers.Dense(1, kernel_initializer="ones")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
x = tf.constant([[1.0], [2.0]])
y = tf.constant([[2.0], [4.0]])
print(round(model.train_on_batch(x, y), 6))
print([round(float(w.numpy().item()), 6) for w in model.weights])
# y_pred = [1.8, 3.3]: errors 0.2 and 0.7, loss (0.04 + 0.49) / 2 = 0.265
print(round(model.evaluate(x, y, verbose=0), 6))

# Losses and metrics: -log(1/2) for equal logits; one of two right
print(round(float(keras.losses.SparseCategoricalCrossentropy(from_logits=True)([0], [[0.0, 0.0]])), 6))
acc = keras.metrics.SparseCategoricalAccuracy()
acc.update_state([[1], [0]], [[0.1, 0.9], [0.4, 0.6]])
print(float(acc.result()))
acc.reset_state()
print(float(acc.result()))

# The functional API: h = [3, 3], out = 6
inputs = keras.Input(shape=(2,))
h = layers.Dense(2, kernel_initializer="ones")(inputs)
outputs = layers.Dense(1, kernel_initializer="ones")(h)
functional = keras.Model(inputs=inputs, outputs=outputs)
print(functional(tf.constant([[1.0, 2.0]])))
print(inputs.shape, outputs.shape, [layer.name for layer in functional.layers])


# A subclassed layer and model: add_weight in build, call with training
class Scale(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")

    def call(self, x):
        return x * self.w * 2.0


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.scale = Scale()
        self.drop = layers.Dropout(0.5)

    def call(self, x, training=False):
        return self.drop(self.scale(x), training=training)


net = Net()
print(net(tf.constant([[1.0, -1.0]])))
print(len(net.trainable_variables), net.layers[0].name)

# Callbacks: a frozen model (learning rate 0) stops after `patience` epochs without improvement
frozen = keras.Sequential([layers.Dense(1, kernel_initializer="zeros", input_shape=(1,))])
frozen.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse", metrics=["mae"])
seen = []
history = frozen.fit(
    x,
    y,
    epochs=10,
    batch_size=2,
    verbose=0,
    callbacks=[
        keras.callbacks.EarlyStopping(monitor="loss", patience=2),
        keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(epoch)),
    ],
)
print(history.epoch, seen, sorted(history.history), history.history["loss"])
print(frozen.fit(x, y, epochs=2, verbose=0, validation_split=0.5).history.keys())

# Weights saved (.npz), spoiled, loaded back: the same outputs
functional.save_weights("/tmp/keras_basics.weights.npz")
for w in functional.weights:
    w.assign(tf.zeros_like(w))
print(functional(tf.constant([[1.0, 2.0]])))
functional.load_weights("/tmp/keras_basics.weights.npz")
print(functional(tf.constant([[1.0, 2.0]])))
