"""NumPy's dtypes over xtape's (float16/32/64, int32/64, uint8, bool), their scalar types
(np.float32(1.5), np.int64(3), ...) and NumPy's promotion rules (np.result_type), with Python
numbers as weak scalars (NEP 50: int8-free, so uint8 + 1 stays uint8, int64 + 0.5 is float64)."""

import builtins

import _npformat

_INFO = {  # name: (kind, bits)
    "bool": ("b", 8),
    "uint8": ("u", 8),
    "int32": ("i", 32),
    "int64": ("i", 64),
    "float16": ("f", 16),
    "float32": ("f", 32),
    "float64": ("f", 64),
}
_ALIASES = {
    "bool_": "bool",
    "?": "bool",
    "b1": "bool",
    "u1": "uint8",
    "i4": "int32",
    "int": "int64",
    "i8": "int64",
    "float": "float64",
    "double": "float64",
    "f8": "float64",
    "f4": "float32",
    "single": "float32",
    "f2": "float16",
    "half": "float16",
    "intp": "int64",
    "int_": "int64",
    "float_": "float64",
}


class dtype:
    """np.dtype: compares equal to its name, its scalar type and its aliases (dtype == 'float32')."""

    __slots__ = ("name", "kind", "itemsize")
    _cache = {}

    def __new__(cls, spec):
        name = name_of(spec)
        if name not in cls._cache:
            self = super().__new__(cls)
            self.name = name
            self.kind, bits = _INFO[name]
            self.itemsize = bits // 8
            cls._cache[name] = self
        return cls._cache[name]

    @property
    def type(self):
        return SCALARS[self.name]

    @property
    def char(self):
        return {"bool": "?", "uint8": "B", "int32": "i", "int64": "l", "float16": "e", "float32": "f", "float64": "d"}[
            self.name
        ]

    @property
    def str(self):
        return (
            ("|" if self.itemsize == 1 else "<")
            + {"b": "b", "u": "u", "i": "i", "f": "f"}[self.kind]
            + repr(self.itemsize)
        )

    def __eq__(self, other):
        try:
            return self.name == name_of(other)
        except TypeError:
            return False

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return "dtype('%s')" % self.name

    def __str__(self):
        return self.name


def name_of(spec):
    """The dtype name of a dtype, a scalar type, a Python type, a string or a tf.DType."""
    if isinstance(spec, dtype):
        return spec.name
    if spec is None:
        return "float64"
    if isinstance(spec, type):
        if spec in _PY:
            return _PY[spec]
        name = getattr(spec, "_np_name", None)
        if name:
            return name
    name = getattr(spec, "as_numpy_dtype", None)  # a tf.DType
    if name is not None and not isinstance(spec, type):
        return name_of(getattr(spec, "name", None))
    if isinstance(spec, builtins.str):
        s = _ALIASES.get(spec.lstrip("<=|"), spec.lstrip("<=|"))
        if s in _INFO:
            return s
    raise TypeError("data type %r not understood (xtape's NumPy has %s)" % (spec, ", ".join(_INFO)))


# --- scalar types -----------------------------------------------------------------------------


class generic:
    """np.generic: the scalar types below are Python floats, ints and bools that know their dtype."""

    _np_name = None

    @property
    def dtype(self):
        return dtype(self._np_name)

    shape = ()
    ndim = 0
    size = 1

    def item(self):
        return self._py(self)

    def tolist(self):
        return self._py(self)

    def round(self, decimals=0):
        """NumPy's around: rint(x * 10**decimals) / 10**decimals, in the scalar's type."""
        v = self._py(self)
        if isinstance(v, int):
            return type(self)(v if decimals >= 0 else builtins.round(v, decimals))
        f = 10.0**decimals
        return type(self)(builtins.round(v * f) / f)

    def __repr__(self):
        return _npformat.scalar_str(self._py(self), self._np_name)

    __str__ = __repr__


def _scalar_new(base, name):
    def __new__(cls, value=0):
        from ._array import asarray, ndarray

        if isinstance(value, (ndarray, list, tuple)):  # np.float32(array): a cast
            return asarray(value).astype(name)
        if name in ("float32", "float16"):
            value = _npformat.round_to(float(value), name)
        elif base is int:
            value = wrap(int(value), name)
        return base.__new__(cls, value)

    return __new__


def wrap(v, name):
    """An integer as the dtype stores it (two's complement wrap, as NumPy's casts)."""
    bits = _INFO[name][1]
    v &= (1 << bits) - 1
    return v - (1 << bits) if name != "uint8" and v >= 1 << (bits - 1) else v


def _make(name, base):
    cls = type(name, (generic, base), {"_np_name": name, "_py": base, "__new__": _scalar_new(base, name)})
    cls.__module__ = "numpy"
    return cls


float16 = _make("float16", float)
float32 = _make("float32", float)
float64 = _make("float64", float)
int32 = _make("int32", int)
int64 = _make("int64", int)
uint8 = _make("uint8", int)


class bool_(generic, int):
    """np.bool_: True or False."""

    _np_name = "bool"

    def __new__(cls, value=False):
        return int.__new__(cls, builtins.bool(value))

    @staticmethod
    def _py(v):
        return builtins.bool(v)

    def __repr__(self):
        return "True" if self else "False"

    __str__ = __repr__


bool_.__module__ = "numpy"
SCALARS = {"float16": float16, "float32": float32, "float64": float64, "int32": int32, "int64": int64}
SCALARS.update(uint8=uint8, bool=bool_)
_PY = {builtins.float: "float64", builtins.int: "int64", builtins.bool: "bool"}


def scalar(value, name):
    """A Python value as the NumPy scalar of dtype name."""
    return SCALARS[name](value)


# --- promotion --------------------------------------------------------------------------------


def promote(a, b):
    """np.promote_types over xtape's dtypes: the smallest dtype that holds both."""
    if a == b:
        return a
    (ka, ba), (kb, bb) = _INFO[a], _INFO[b]
    if ka == "b":
        return b
    if kb == "b":
        return a
    if ka == "f" and kb == "f":
        return a if ba > bb else b
    if ka == "f" or kb == "f":  # an integer and a float: a float wide enough for the integer
        (fb, ib) = (ba, bb) if ka == "f" else (bb, ba)
        need = 16 if ib == 8 else 64 if ib >= 32 else 32
        return {16: "float16", 32: "float32", 64: "float64"}[max(fb, need)]
    # two integers (uint8 fits in both signed ones)
    return a if ba > bb else b


def result_name(a_name, b):
    """The dtype of an op between an array of a_name and b: an array's dtype name or a Python
    number (weak: it takes the array's dtype unless its kind is higher)."""
    if isinstance(b, builtins.str):
        return promote(a_name, b)
    kind = _INFO[a_name][0]
    if isinstance(b, builtins.bool):
        return a_name
    if isinstance(b, builtins.int):
        return "int64" if kind == "b" else a_name
    if isinstance(b, builtins.float):
        return "float64" if kind != "f" else a_name
    raise TypeError("unsupported operand type: %s" % type(b).__name__)


def is_float(name):
    return _INFO[name][0] == "f"


def is_int(name):
    return _INFO[name][0] in "iu"


class finfo:
    """np.finfo for float16, float32 and float64."""

    def __init__(self, dt=float64):
        name = name_of(dt)
        bits = {"float16": (10, 5), "float32": (23, 8), "float64": (52, 11)}[name]
        self.dtype = dtype(name)
        self.bits = _INFO[name][1]
        emax = 2 ** (bits[1] - 1)
        top = (2 - 2.0 ** -bits[0]) * 2.0 ** (emax - 1)
        self.eps, self.max, self.min = scalar(2.0 ** -bits[0], name), scalar(top, name), scalar(-top, name)
        self.tiny = self.smallest_normal = scalar(2.0 ** (2 - emax), name)
        self.resolution = scalar(10.0 ** -{"float16": 3, "float32": 6, "float64": 15}[name], name)


class iinfo:
    """np.iinfo for uint8, int32 and int64."""

    def __init__(self, dt):
        name = name_of(dt)
        bits = _INFO[name][1]
        self.dtype = dtype(name)
        self.bits = bits
        self.min = 0 if name == "uint8" else -(1 << (bits - 1))
        self.max = (1 << bits) - 1 if name == "uint8" else (1 << (bits - 1)) - 1
