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


def pad_sequences(sequences, maxlen=None, dtype="int32", padding="pre", truncating="pre", value=0.0):
    """keras.utils.pad_sequences: a [len(sequences), maxlen] array, each sequence cut to maxlen
    (from the front with truncating='pre') and filled with value before it (padding='pre') or
    after it ('post'); maxlen defaults to the longest."""
    import numpy as np

    if padding not in ("pre", "post"):
        raise ValueError('Padding type "%s" not understood' % padding)
    if truncating not in ("pre", "post"):
        raise ValueError('Truncating type "%s" not understood' % truncating)
    rows = [list(np.asarray(s).reshape(-1).tolist()) for s in sequences]
    n = max((len(r) for r in rows), default=0) if maxlen is None else int(maxlen)
    out = []
    for r in rows:
        r = (r[-n:] if truncating == "pre" else r[:n]) if n else []
        fill = [value] * (n - len(r))
        out.append(fill + r if padding == "pre" else r + fill)
    return np.array(out, dtype=dtype).reshape(len(rows), n)
