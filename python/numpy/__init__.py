"""xtape's NumPy: the subset of NumPy that TF2 programs use, on xtape's core (Pyodide from npm has
no NumPy). Arrays are core tensors: float64 and int64 by default as in NumPy, and float32,
float16, int32, uint8 and bool; NumPy's promotion, broadcasting, printing (character for
character), basic, integer-array and boolean indexing and assignment. What is not here raises
NotImplementedError naming it (never a silent wrong answer); the README lists the subset.
When Pyodide can load the real NumPy (`numpy: 'pyodide'`), that one is imported instead."""

# ruff: noqa: F401, F403, A004  (the public namespace, with NumPy's names that shadow builtins)
import _npformat

from . import linalg, random
from ._array import NotInSubset, array, asarray, ndarray, not_in_subset
from ._dtypes import bool_, dtype, finfo, float16, float32, float64, generic, iinfo, int32, int64, uint8
from ._functions import *
from ._functions import __all__ as _names
from ._io import load, save
from ._manipulation import *
from ._statistics import *

__version__ = "1.26.0-xtape"  # the NumPy API level this follows (and its printing)
__xtape__ = True
float_, int_, intp, double, single, half = float64, int64, int64, float64, float32, float16
number, integer, floating, signedinteger, unsignedinteger = generic, int, float, int, int
bool8 = bool_
asanyarray = ascontiguousarray = asarray


def ndim(a):
    return asarray(a).ndim


def shape(a):
    return asarray(a).shape


def size(a):
    return asarray(a).size


def result_type(*arrays_and_dtypes):
    from ._dtypes import promote

    names = [x.dtype.name if isinstance(x, (ndarray, generic)) else dtype(x).name for x in arrays_and_dtypes]
    out = names[0]
    for n in names[1:]:
        out = promote(out, n)
    return dtype(out)


def promote_types(a, b):
    return result_type(a, b)


def atleast_1d(a):
    a = asarray(a)
    return a.reshape(1) if not a.ndim else a


def atleast_2d(a):
    a = asarray(a)
    return a.reshape(1, -1) if a.ndim < 2 else a


def __getattr__(name):
    raise not_in_subset(name)


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, **others):
    """np.set_printoptions: precision, threshold, edgeitems, linewidth and suppress (others raise)."""
    if others:
        raise not_in_subset("set_printoptions(%s=...)" % ", ".join(sorted(others)))
    given = {"precision": precision, "threshold": threshold, "edgeitems": edgeitems, "linewidth": linewidth}
    for k, v in given.items():
        if v is not None:
            _npformat.OPTIONS[k] = int(v)
    if suppress is not None:
        _npformat.OPTIONS["suppress"] = bool(suppress)


def get_printoptions():
    return dict(_npformat.OPTIONS)


class printoptions:
    """with np.printoptions(precision=3): ...  (restored after)."""

    def __init__(self, **options):
        self.options = options

    def __enter__(self):
        self.saved = get_printoptions()
        set_printoptions(**self.options)
        return get_printoptions()

    def __exit__(self, *exc):
        _npformat.OPTIONS.update(self.saved)
