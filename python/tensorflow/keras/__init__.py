"""tf.keras: the optimizers and the dataset the tutorial uses (layers and models are not provided)."""

from . import datasets, optimizers  # noqa: F401
