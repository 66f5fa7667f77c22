"""keras.backend (Keras 2's functional backend, as tf.keras.backend): clear_session (the layer
names start again: dense, dense_1, ...), epsilon, floatx, image_data_format, and the tensor
functions old Keras code calls (K.mean, K.square, K.random_normal, K.int_shape, ...), each the TF
function it was in tf.keras."""

import tensorflow as _tf


def clear_session(free_memory=True):
    """Forgets the names given so far, as Keras's clear_session does for a fresh model."""
    from .layers import _UIDS

    _UIDS.clear()


def epsilon():
    return 1e-7


def floatx():
    return "float32"


def image_data_format():
    return "channels_last"


def _reduce(fn):
    def reduce(x, axis=None, keepdims=False):
        return fn(x, axis=axis, keepdims=keepdims)

    reduce.__name__ = fn.__name__.replace("reduce_", "")
    return reduce


mean, sum, max, min, prod = (_reduce(f) for f in (_tf.reduce_mean, _tf.reduce_sum, _tf.reduce_max,  # noqa: A001
                                                  _tf.reduce_min, _tf.reduce_prod))  # fmt: skip


def std(x, axis=None, keepdims=False):
    return _tf.math.reduce_std(x, axis=axis, keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    return _tf.math.reduce_variance(x, axis=axis, keepdims=keepdims)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return _tf.random.normal(shape, mean, stddev, dtype or floatx(), seed=seed)


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    return _tf.random.uniform(shape, minval, maxval, dtype or floatx(), seed=seed)


def int_shape(x):
    return tuple(x.shape)


def shape(x):
    return _tf.shape(x)


def ndim(x):
    return len(x.shape)


def dtype(x):
    return x.dtype.name


def cast(x, dtype):
    return _tf.cast(x, dtype)


def constant(value, dtype=None, shape=None, name=None):
    return _tf.constant(value, dtype or floatx(), shape)


def variable(value, dtype=None, name=None, constraint=None):
    return _tf.Variable(_tf.constant(value, dtype or floatx()), name=name)


def get_value(x):
    return x.numpy()


def set_value(x, value):
    x.assign(value)


def zeros(shape, dtype=None, name=None):
    return _tf.zeros(shape, dtype or floatx())


def ones(shape, dtype=None, name=None):
    return _tf.ones(shape, dtype or floatx())


def dot(x, y):
    return _tf.matmul(x, y)


def clip(x, min_value, max_value):
    return _tf.clip_by_value(x, min_value, max_value)


def concatenate(tensors, axis=-1):
    return _tf.concat(tensors, axis)


def reshape(x, shape):
    return _tf.reshape(x, shape)


def expand_dims(x, axis=-1):
    return _tf.expand_dims(x, axis)


def argmax(x, axis=-1):
    return _tf.argmax(x, axis)


def argmin(x, axis=-1):
    return _tf.argmin(x, axis)


def softmax(x, axis=-1):
    return _tf.nn.softmax(x, axis=axis)


def stop_gradient(x):
    return _tf.stop_gradient(x)


def square(x):
    return _tf.square(x)


def sqrt(x):
    return _tf.sqrt(x)


def exp(x):
    return _tf.exp(x)


def log(x):
    return _tf.math.log(x)


def abs(x):  # noqa: A001
    return _tf.abs(x)


def pow(x, a):  # noqa: A001
    return _tf.pow(x, a)


def relu(x):
    return _tf.nn.relu(x)


def sigmoid(x):
    return _tf.sigmoid(x)


def tanh(x):
    return _tf.tanh(x)
