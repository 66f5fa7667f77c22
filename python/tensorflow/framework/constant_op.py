"""tf.constant"""

from .dtypes import as_dtype
from .tensor import Tensor, TensorShape, convert_to_tensor, from_python


def constant(value, dtype=None, shape=None, name=None):
    """tf.constant(value, dtype=None, shape=None)"""
    from ..ops.gen_ops import OPS

    want = as_dtype(dtype).name if dtype is not None else None
    if isinstance(value, Tensor) or hasattr(value, "_js_handle"):
        t = convert_to_tensor(value)
        out = OPS["cast"](t, want) if want and t._t.dtype != want else t
    else:
        out = Tensor(from_python(value, want))
    if shape is not None:
        shape = list(shape)
        if out.shape == TensorShape([]) or out.shape == TensorShape([1]):
            if out._t.dtype == "float32":
                return OPS["fill"](shape, float(out))
            return OPS["broadcast_to"](OPS["reshape"](out, []), shape)  # TF: the value repeated
        return OPS["reshape"](out, shape)
    return out
