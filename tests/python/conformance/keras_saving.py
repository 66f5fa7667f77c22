# TF's "Save and load models" tutorial (Keras 2 and 3 forms): checkpoints during training with
# ModelCheckpoint, save_weights/load_weights in the TF checkpoint format and tf.train.latest_checkpoint,
# model.save/load_model (.keras, .h5, a SavedModel folder), to_json/model_from_json, clone_model.
# Expected: what the tutorial shows (files, shapes, restored == trained), and Keras's errors.
import os
import shutil

import numpy as np
import tensorflow as tf

for d in ("/tmp/xtape_saving",):
    shutil.rmtree(d, ignore_errors=True)
os.makedirs("/tmp/xtape_saving")
os.chdir("/tmp/xtape_saving")
(train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.fashion_mnist.load_data()
train_labels, test_labels = train_labels[:1000], test_labels[:1000]
train_images = train_images[:1000].reshape(-1, 28 * 28) / 255.0
test_images = test_images[:1000].reshape(-1, 28 * 28) / 255.0


def create_model():
    model = tf.keras.Sequential(
        [
            tf.keras.layers.Dense(512, activation="relu", input_shape=(784,)),
            tf.keras.layers.Dropout(0.2),
            tf.keras.layers.Dense(10),
        ]
    )
    model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=[tf.keras.metrics.SparseCategoricalAccuracy()])  # fmt: skip
    return model


model = create_model()
print(model.count_params())
checkpoint_path = "training_1/cp.ckpt"
checkpoint_dir = os.path.dirname(checkpoint_path)
cp_callback = tf.keras.callbacks.ModelCheckpoint(filepath=checkpoint_path, save_weights_only=True, verbose=1)
model.fit(train_images, train_labels, epochs=2, validation_data=(test_images, test_labels),
          callbacks=[cp_callback], verbose=0)  # fmt: skip
print(sorted(os.listdir(checkpoint_dir)))
trained = model.evaluate(test_images, test_labels, verbose=0)
model2 = create_model()
untrained = model2.evaluate(test_images, test_labels, verbose=0)
model2.load_weights(checkpoint_path)
print(model2.evaluate(test_images, test_labels, verbose=0) == trained, untrained != trained)

checkpoint_path = "training_2/cp-{epoch:04d}.ckpt"
checkpoint_dir = os.path.dirname(checkpoint_path)
batch_size = 32
n_batches = len(train_images) / batch_size
cp_callback = tf.keras.callbacks.ModelCheckpoint(filepath=checkpoint_path, verbose=1, save_weights_only=True,
                                                 save_freq=int(5 * n_batches))  # fmt: skip
model = create_model()
model.save_weights(checkpoint_path.format(epoch=0))
model.fit(train_images, train_labels, epochs=10, batch_size=batch_size, callbacks=[cp_callback],
          validation_data=(test_images, test_labels), verbose=0)  # fmt: skip
print(sorted(os.listdir(checkpoint_dir)))
latest = tf.train.latest_checkpoint(checkpoint_dir)
print(latest)
model3 = create_model()
fresh = model3.evaluate(test_images, test_labels, verbose=0)
model3.load_weights(latest)  # the weights at batch 312 (save_freq=156), not at the end of epoch 10
model4 = create_model()
model4.load_weights(latest)
print(model3.evaluate(test_images, test_labels, verbose=0) == model4.evaluate(test_images, test_labels, verbose=0))
print(model3.evaluate(test_images, test_labels, verbose=0) != fresh)

# the whole model
model = create_model()
model.fit(train_images, train_labels, epochs=1, verbose=0)
for path in ("my_model.keras", "my_model.h5", "saved_model/my_model"):
    model.save(path)
    new_model = tf.keras.models.load_model(path)
    same = np.array_equal(new_model.predict(test_images, verbose=0), model.predict(test_images, verbose=0))
    print(path, same, new_model.predict(test_images, verbose=0).shape, new_model.optimizer.__class__.__name__)
new_model.summary()
print(new_model.evaluate(test_images, test_labels, verbose=0) == model.evaluate(test_images, test_labels, verbose=0))
again = tf.keras.models.model_from_json(model.to_json())
print([layer.name for layer in again.layers] == [layer.name for layer in model.layers], again.count_params())
clone = tf.keras.models.clone_model(model)
print(len(clone.weights), not np.array_equal(clone.get_weights()[0], model.get_weights()[0]))


# subclassed and functional models, custom layers by their constructor
class Scale(tf.keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor


class Net(tf.keras.Model):
    def __init__(self, units):
        super().__init__()
        self.dense = tf.keras.layers.Dense(units)
        self.scale = Scale(3.0)

    def call(self, x):
        return self.scale(self.dense(x))


net = Net(4)
x = tf.ones([2, 3])
y = net(x)
net.save("net.keras")
loaded = tf.keras.models.load_model("net.keras")
print(np.array_equal(loaded(x).numpy(), y.numpy()), loaded.dense.units, loaded.scale.factor)
inputs = tf.keras.Input(shape=(3,))
outputs = tf.keras.layers.Dense(2)(Scale(2.0)(inputs))
functional = tf.keras.Model(inputs, outputs)
functional.save("functional.keras")
print(np.array_equal(tf.keras.models.load_model("functional.keras")(x).numpy(), functional(x).numpy()))

# errors
try:
    tf.keras.Sequential([tf.keras.layers.Lambda(lambda t: t + 1)]).save("lambda.keras")
except ValueError as e:
    print("ValueError:", str(e).split(" <")[0])
try:
    tf.keras.models.load_model("missing.keras")
except ValueError as e:
    print("ValueError:", e)
with open("not_a_model.keras", "w") as f:
    f.write("text")
try:
    tf.keras.models.load_model("not_a_model.keras")
except ValueError as e:
    print("ValueError:", str(e).split(" (")[0])

# a crafted file names only recorded classes and xtape's functions: nothing else is called
import json  # noqa: E402
import zipfile  # noqa: E402

for crafted in ({"__function__": ["os", "system"]}, {"__object__": "os.system", "args": [], "kwargs": {}}):
    layer = {"__object__": "tensorflow.keras.layers.Dense", "args": [2], "kwargs": {"activation": crafted}}
    config = {"format": "xtape-keras-1", "compile": None,
              "model": {"kind": "sequential", "name": "m", "layers": [layer], "input_shape": [None, 3]}}  # fmt: skip
    with zipfile.ZipFile("crafted.keras", "w") as z:
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.npz", b"")
    try:
        tf.keras.models.load_model("crafted.keras")
    except ValueError as e:
        print("ValueError:", str(e).split(":")[0], str(e).split("'")[1])

# tf.saved_model.save / load of a Keras model (the Chinese TF2 book's chapter 8): callable as loaded
tf.saved_model.save(model, "model-savedmodel")
restored = tf.saved_model.load("model-savedmodel")
print(
    np.array_equal(restored(test_images[:5]).numpy(), model(test_images[:5]).numpy()),
    sorted(os.listdir("model-savedmodel")),
)
try:
    tf.saved_model.save(tf.Module(), "module-savedmodel")
except NotImplementedError as e:
    print("NotImplementedError:", str(e).split(";")[0])
