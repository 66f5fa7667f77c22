"""tf.keras on xtape: layers, Sequential and functional and subclassed models with compile, fit,
evaluate and predict, losses, metrics, callbacks, initializers, activations, optimizers, datasets
(Fashion-MNIST and MNIST), regularizers, constraints, utils. fit's steps are traced tf.functions."""

from . import (  # noqa: F401  (the tf.keras namespaces)
    activations,
    backend,
    callbacks,
    constraints,
    datasets,
    initializers,
    layers,
    losses,
    metrics,
    models,
    optimizers,
    preprocessing,
    regularizers,
    saving,
    utils,
)
from .layers import Input, Layer  # noqa: F401
from .models import Model, Sequential  # noqa: F401
