"""tf.random: uniform, normal, truncated_normal, set_seed and Generator, by TF's seed rules."""

from ..framework.bridge import call, int_list, js, obj, release
from ..framework.dtypes import as_dtype, float32
from ..framework.tensor import Tensor
from .gen_ops import module

random = module("tf.random")


def _options(a_name, a, b_name, b):
    return {a_name: float(a), b_name: float(b)}


def _draw(kind, shape, options, dtype, seed):
    if seed is not None:
        options["seed"] = int(seed)
    return _as(lambda: Tensor(call(getattr(js.random, kind), int_list(shape), obj(options))), kind, options, dtype)


def _as(draw, kind, options, dtype):
    """A float32 draw as dtype: float64 and float16 by a cast (24 bits of randomness); an integer
    dtype (uniform only, TF: maxval required) as floor of a float32 draw in [minval, maxval)."""
    from .gen_ops import OPS

    dtype = as_dtype(dtype)
    if dtype == float32:
        return draw()
    if dtype.is_floating:
        return OPS["cast"](draw(), dtype.name)
    if dtype.name not in ("int32", "int64") or kind != "uniform":
        raise NotImplementedError(
            "xtape draws %s random numbers in float32, int32 and int64 only, not %s" % (kind, dtype.name)
        )
    top = int(options["maxval"]) - 1
    return OPS["cast"](OPS["minimum"](OPS["floor"](draw()), float(top)), dtype.name)


def uniform(shape, minval=0, maxval=None, dtype=float32, seed=None, name=None):
    """tf.random.uniform(shape, minval=0, maxval=None (1), dtype=tf.float32, seed=None)"""
    if maxval is None and as_dtype(dtype).is_integer:
        raise ValueError("Must specify maxval for integer dtype %r" % as_dtype(dtype))
    return _draw("uniform", shape, _options("minval", minval, "maxval", 1.0 if maxval is None else maxval), dtype, seed)


def normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """tf.random.normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None)"""
    return _draw("normal", shape, _options("mean", mean, "stddev", stddev), dtype, seed)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """tf.random.truncated_normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None)"""
    return _draw("truncatedNormal", shape, _options("mean", mean, "stddev", stddev), dtype, seed)


_GLOBAL = {"seed": None, "ops": 0}
_DEFAULT_GRAPH_SEED = 87654321  # TF's, when only an op seed is given


def set_seed(seed):
    """tf.random.set_seed(seed): the random calls after it repeat as a sequence."""
    call(js.random.setSeed, None if seed is None else int(seed))
    _GLOBAL["seed"], _GLOBAL["ops"] = (None if seed is None else int(seed)), 0


def seed_for_op(seed):
    """TF's seed rules for Python-side randomness (tf.data's shuffle): the global seed and an op
    seed (or a counter of the ops made since set_seed) give a repeatable stream; neither: None."""
    glob = _GLOBAL["seed"]
    if glob is None and seed is None:
        return None
    if seed is None:
        _GLOBAL["ops"] += 1
        seed = _GLOBAL["ops"]
    return (glob if glob is not None else _DEFAULT_GRAPH_SEED) * 1000003 + int(seed)


def permutation(n):
    """A shuffled order of range(n) (int32) from the core's generator, seeded by TF's seed rules
    (fresh when no seed is set): Keras fit's shuffle and tf.random.shuffle."""
    import random as _py_random

    base = seed_for_op(None)
    seed = (base if base is not None else _py_random.SystemRandom().getrandbits(52)) % 2**53
    g = call(js.random.Generator.fromSeed, seed)
    try:
        return Tensor(call(g.permutation, n))
    finally:
        g.dispose()


class Generator:
    """tf.random.Generator.from_seed(seed)"""

    def __init__(self, seed):
        self._g = call(js.random.Generator.fromSeed, int(seed))

    @classmethod
    def from_seed(cls, seed, alg=None):
        return cls(seed)

    def __del__(self):
        release(self, "_g")

    def _draw(self, kind, shape, options, dtype):
        return _as(lambda: Tensor(call(getattr(self._g, kind), int_list(shape), obj(options))), kind, options, dtype)

    def uniform(self, shape, minval=0, maxval=None, dtype=float32, name=None):
        if maxval is None and as_dtype(dtype).is_integer:
            raise ValueError("Must specify maxval for integer dtype %r" % as_dtype(dtype))
        return self._draw(
            "uniform", shape, _options("minval", minval, "maxval", 1.0 if maxval is None else maxval), dtype
        )

    def normal(self, shape, mean=0.0, stddev=1.0, dtype=float32, name=None):
        return self._draw("normal", shape, _options("mean", mean, "stddev", stddev), dtype)

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=float32, name=None):
        return self._draw("truncatedNormal", shape, _options("mean", mean, "stddev", stddev), dtype)


for _f in (uniform, normal, truncated_normal, set_seed, Generator):
    setattr(random, _f.__name__, _f)
del _f
