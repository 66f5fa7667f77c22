"""keras.initializers by Keras's formulas (fans from the shape: a kernel [..., fan_in, fan_out]),
drawn from tf.random, so tf.random.set_seed / keras.utils.set_random_seed make them repeat.
xtape's random streams are not TF's: the same seed gives other (equally distributed) values."""

import math

from ..ops import random_ops
from ..ops.gen_ops import OPS
from .serialization import Recorded


def _fans(shape):
    """Keras's compute_fans: (fan_in, fan_out) of a weight shape."""
    shape = [int(d) for d in shape]
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = math.prod(shape[:-2])  # a convolution kernel [h, w, in, out]
    return shape[-2] * receptive, shape[-1] * receptive


class Initializer(Recorded):
    """keras.initializers.Initializer: initializer(shape, dtype) -> a tensor."""

    def __call__(self, shape, dtype=None):
        raise NotImplementedError

    def get_config(self):
        return {}


class Zeros(Initializer):
    def __call__(self, shape, dtype=None):
        return OPS["zeros"](list(shape), dtype or "float32")


class Ones(Initializer):
    def __call__(self, shape, dtype=None):
        return OPS["ones"](list(shape), dtype or "float32")


class Constant(Initializer):
    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        return OPS["fill"](list(shape), float(self.value), dtype or "float32")


class RandomUniform(Initializer):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def __call__(self, shape, dtype=None):
        return random_ops.uniform(list(shape), self.minval, self.maxval, seed=self.seed)


class RandomNormal(Initializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None):
        return random_ops.normal(list(shape), self.mean, self.stddev, seed=self.seed)


class TruncatedNormal(Initializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None):
        return random_ops.truncated_normal(list(shape), self.mean, self.stddev, seed=self.seed)


class VarianceScaling(Initializer):
    """scale / n (n = fan_in, fan_out or their mean, by mode) as the variance of a truncated normal
    (its stddev corrected by 0.87962566103423978, the stddev of a unit normal cut at 2 sigma), of a
    normal, or of a uniform in [-limit, limit] with limit = sqrt(3 * variance)."""

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None):
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError("Invalid `mode` argument: %r" % (mode,))
        if distribution not in ("truncated_normal", "untruncated_normal", "uniform", "normal"):
            raise ValueError("Invalid `distribution` argument: %r" % (distribution,))
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed

    def __call__(self, shape, dtype=None):
        fan_in, fan_out = _fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        variance = self.scale / max(1.0, n)
        shape = list(shape)
        if self.distribution == "truncated_normal":
            return random_ops.truncated_normal(shape, 0.0, math.sqrt(variance) / 0.87962566103423978, seed=self.seed)
        if self.distribution in ("untruncated_normal", "normal"):
            return random_ops.normal(shape, 0.0, math.sqrt(variance), seed=self.seed)
        limit = math.sqrt(3.0 * variance)
        return random_ops.uniform(shape, -limit, limit, seed=self.seed)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution, "seed": self.seed}


def _orthonormal_columns(a):
    """The Q [m, k] of a = QR (m >= k) with R's diagonal positive, by modified Gram-Schmidt with
    one reorthogonalization per column (float64 on the op table's ops)."""
    from ..ops import composite_ops

    qs = []
    for v in composite_ops.unstack(OPS["transpose"](a, [1, 0])):  # a's columns [m]
        if qs:
            q = OPS["stack"](qs, 0)  # [j, m]: the columns so far, as rows
            for _ in range(2):  # v -= q^T (q v)
                v = v - OPS["reshape"](OPS["matmul"](OPS["reshape"](v, [1, -1]), q, False, True) @ q, [-1])
        qs.append(v * OPS["reciprocal"](OPS["sqrt"](OPS["reduce_sum"](OPS["square"](v), None, False))))
    return OPS["transpose"](OPS["stack"](qs, 0), [1, 0])


class Orthogonal(Initializer):
    """Keras's Orthogonal(gain=1.0): a unit normal [rows, cols] (rows = prod(shape[:-1])) made
    orthonormal, the Q of its QR times sign(diag(R)) (Keras's fix, = R's diagonal positive),
    transposed when rows < cols, times gain."""

    def __init__(self, gain=1.0, seed=None):
        self.gain, self.seed = float(gain), seed

    def __call__(self, shape, dtype=None):
        if len(shape) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional. Received: shape=%s"
                             % (tuple(shape),))  # fmt: skip
        rows, cols = math.prod(shape[:-1]), int(shape[-1])
        a = random_ops.normal([max(rows, cols), min(rows, cols)], seed=self.seed)
        q = _orthonormal_columns(OPS["cast"](a, "float64"))
        if rows < cols:
            q = OPS["transpose"](q, [1, 0])
        return OPS["reshape"](OPS["cast"](q * self.gain, dtype or "float32"), list(shape))

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed}


def GlorotUniform(seed=None):  # noqa: N802  (Keras's class names)
    return VarianceScaling(1.0, "fan_avg", "uniform", seed)


def GlorotNormal(seed=None):  # noqa: N802
    return VarianceScaling(1.0, "fan_avg", "truncated_normal", seed)


def HeNormal(seed=None):  # noqa: N802
    return VarianceScaling(2.0, "fan_in", "truncated_normal", seed)


def HeUniform(seed=None):  # noqa: N802
    return VarianceScaling(2.0, "fan_in", "uniform", seed)


def LecunNormal(seed=None):  # noqa: N802
    return VarianceScaling(1.0, "fan_in", "truncated_normal", seed)


def LecunUniform(seed=None):  # noqa: N802
    return VarianceScaling(1.0, "fan_in", "uniform", seed)


_BY_NAME = {
    "zeros": Zeros,
    "ones": Ones,
    "constant": Constant,
    "random_uniform": RandomUniform,
    "uniform": RandomUniform,  # Keras's short names (Embedding's default)
    "random_normal": RandomNormal,
    "normal": RandomNormal,
    "truncated_normal": TruncatedNormal,
    "variance_scaling": VarianceScaling,
    "glorot_uniform": GlorotUniform,
    "glorot_normal": GlorotNormal,
    "he_normal": HeNormal,
    "he_uniform": HeUniform,
    "lecun_normal": LecunNormal,
    "lecun_uniform": LecunUniform,
    "orthogonal": Orthogonal,
}
# Keras's aliases: the class names as strings, and the function-style names.
_BY_NAME.update({k.replace("_", ""): v for k, v in list(_BY_NAME.items())})
zeros, ones, constant, orthogonal = Zeros, Ones, Constant, Orthogonal
glorot_uniform, glorot_normal, he_normal, he_uniform = GlorotUniform, GlorotNormal, HeNormal, HeUniform
random_uniform, random_normal, truncated_normal = RandomUniform, RandomNormal, TruncatedNormal


def get(identifier):
    """keras.initializers.get: an Initializer from a name ('glorot_uniform', 'GlorotUniform'), an
    instance or a callable."""
    if identifier is None:
        return None
    if isinstance(identifier, str):
        key = identifier.lower().replace("_", "")
        if key not in _BY_NAME:
            raise ValueError("Could not interpret initializer identifier: %s" % identifier)
        return _BY_NAME[key]()
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret initializer identifier: %r" % (identifier,))
