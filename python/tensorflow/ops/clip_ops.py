"""tf.clip_by_value, tf.clip_by_norm, tf.clip_by_global_norm: TF's formulas on the op table's ops
(so with their gradients)."""

from ..framework.tensor import Tensor, convert_to_tensor
from .array_ops import add_n
from .gen_ops import OPS


def _t(x, dtype=None):
    return x if isinstance(x, Tensor) and dtype is None else convert_to_tensor(x, dtype)


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """min(max(t, clip_value_min), clip_value_max), elementwise with broadcasting."""
    t = _t(t.value() if hasattr(t, "assign") else t)
    return OPS["minimum"](OPS["maximum"](t, clip_value_min), clip_value_max)


def _l2norm(t, axes=None):
    """sqrt(sum(t^2)) over axes (kept), 0 where the sum is 0 (with a gradient of 0 there, as TF)."""
    l2sum = OPS["reduce_sum"](t * t, axes, True)
    pred = l2sum > 0
    safe = OPS["where"](pred, l2sum, OPS["ones_like"](l2sum))
    return OPS["where"](pred, OPS["sqrt"](safe), l2sum)


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """t * clip_norm / max(l2norm(t), clip_norm): t scaled down to an L2 norm of at most clip_norm."""
    t = _t(t.value() if hasattr(t, "assign") else t)
    clip_norm = _t(clip_norm, t.dtype)
    return t * clip_norm / OPS["maximum"](_l2norm(t, axes), clip_norm)


def global_norm(t_list, name=None):
    """sqrt(sum of every tensor's squared L2 norm); None entries are skipped."""
    parts = [OPS["reduce_sum"](_t(t) * _t(t)) for t in t_list if t is not None]
    if not parts:
        raise ValueError("global_norm: t_list has no tensors")
    return OPS["sqrt"](add_n(parts))


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """(list_clipped, global_norm): each t * clip_norm / max(global_norm, clip_norm)."""
    if not isinstance(t_list, (list, tuple)):
        raise TypeError("clip_by_global_norm: t_list should be a sequence")
    norm = global_norm(t_list) if use_norm is None else _t(use_norm)
    scale = _t(clip_norm, "float32") / OPS["maximum"](norm, clip_norm)
    return [None if t is None else _t(t) * scale for t in t_list], norm
