"""keras.utils: set_random_seed (TF's global seed: initializers, dropout and fit's shuffling
repeat), to_categorical."""

from ..ops import random_ops
from ..ops.gen_ops import OPS


def set_random_seed(seed):
    """keras.utils.set_random_seed(seed): tf.random.set_seed (and Python's random) from one seed."""
    import random

    random.seed(seed)
    random_ops.set_seed(seed)


def to_categorical(y, num_classes=None, dtype="float32"):
    """One-hot rows for integer labels (num_classes: 1 + the largest label when not given)."""
    from ..framework.tensor import convert_to_tensor

    t = convert_to_tensor(y)
    labels = OPS["cast"](OPS["reshape"](t, [-1]), "int32")
    if num_classes is None:
        num_classes = int(OPS["reduce_max"](labels)) + 1
    hot = OPS["one_hot"](labels, int(num_classes))
    shape = list(t.shape)
    if shape and shape[-1] == 1:
        shape = shape[:-1]
    return OPS["cast"](OPS["reshape"](hot, shape + [int(num_classes)]), dtype).numpy()
