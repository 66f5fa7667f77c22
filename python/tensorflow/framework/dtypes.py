"""tf.DType and the dtypes xtape's core has: float32, float64, float16 (storage, casts and
elementwise math), int32, int64, uint8, bool."""

_builtin_bool = bool


class DType:
    """tf.DType"""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "tf." + self.name

    def __str__(self):
        return "<dtype: '%s'>" % self.name

    def __eq__(self, other):
        try:
            return self.name == as_dtype(other).name
        except (TypeError, NotImplementedError):
            return False

    def __hash__(self):
        return hash(self.name)

    @property
    def is_floating(self):
        return self.name.startswith("float")

    @property
    def is_integer(self):
        return self.name.startswith(("int", "uint"))

    @property
    def as_numpy_dtype(self):
        """NumPy's scalar type of this dtype (np.float32 for tf.float32)."""
        import numpy

        return numpy.dtype(self.name).type


float32 = DType("float32")
int32 = DType("int32")
uint8 = DType("uint8")
bool = DType("bool")  # noqa: A001  (tf.bool)
float64 = DType("float64")
int64 = DType("int64")
float16 = DType("float16")
# TF's other dtypes, named so that programs can spell them: using one is a NotImplementedError that
# lists the dtypes the core has (tf.constant(1, dtype=tf.int16))
int8, int16, uint16, uint32, uint64 = DType("int8"), DType("int16"), DType("uint16"), DType("uint32"), DType("uint64")
bfloat16, complex64, complex128, string = DType("bfloat16"), DType("complex64"), DType("complex128"), DType("string")
_SUPPORTED = {
    "float32": float32,
    "float64": float64,
    "float16": float16,
    "int32": int32,
    "int64": int64,
    "uint8": uint8,
    "bool": bool,
}
half = float16
double = float64


_ENUM = {1: "float32", 2: "float64", 3: "int32", 4: "uint8", 9: "int64", 10: "bool", 19: "float16"}  # types.proto


def as_dtype(d):
    """tf.as_dtype: a DType from a DType, a name, a Python or NumPy type, or TF's DataType number
    (tf.zeros(1, 1): float32)."""
    if isinstance(d, DType):
        name = d.name
    elif isinstance(d, str):
        name = d
    elif d is float:  # TF: Python's float is float64, its int int64
        name = "float64"
    elif d is int:
        name = "int64"
    elif d is _builtin_bool:
        name = "bool"
    elif isinstance(d, int) and not isinstance(d, _builtin_bool) and d in _ENUM:  # TF's DataType numbers
        name = _ENUM[d]
    elif isinstance(d, type) and hasattr(d, "dtype"):  # a NumPy scalar type: np.int64
        import numpy

        name = numpy.dtype(d).name
    else:
        name = getattr(d, "name", None) or str(d)
    if name not in _SUPPORTED:
        raise NotImplementedError(
            "xtape supports the dtypes float32, float64, float16, int32, int64, uint8 and bool, not %s" % name
        )
    return _SUPPORTED[name]


def leaves_dtype(flat):
    """The dtype TF gives a list of Python numbers: float32 if any is a float (or none is given),
    int64 if an int is past int32's range, else int32 (or bool)."""
    types = set(map(type, flat))
    if types <= {int, float, _builtin_bool}:  # Python numbers: C-speed scans, not one call each
        if float in types or not types:
            return "float32"
        if int in types:
            return "int32" if -(2**31) <= min(flat) and max(flat) < 2**31 else "int64"
        return "bool"
    kinds = {python_dtype(x) for x in flat}
    if "float32" in kinds or not kinds:
        return "float32"
    if "int64" in kinds:
        return "int64"
    return "int32" if "int32" in kinds else kinds.pop()


def python_dtype(v):
    """The dtype name TF gives a Python value: bool, int32 for ints (int64 past int32's range),
    float32 for floats."""
    if isinstance(v, (list, tuple)):
        from .nested import read_nested

        return leaves_dtype(read_nested(v)[0])
    if isinstance(v, _builtin_bool):
        return "bool"
    if isinstance(v, int):
        return "int32" if -(2**31) <= v < 2**31 else "int64"
    return "float32"
