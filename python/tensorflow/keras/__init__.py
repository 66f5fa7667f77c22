"""tf.keras on xtape: layers, Sequential and functional and subclassed models with compile, fit,
evaluate and predict, losses, metrics, callbacks, initializers, activations, optimizers, datasets
(Fashion-MNIST and MNIST), utils. Training is eager (a GradientTape per step)."""

from . import activations, callbacks, datasets, initializers, layers, losses, metrics, models, optimizers, utils  # noqa: F401
from .layers import Input, Layer  # noqa: F401
from .models import Model, Sequential  # noqa: F401
