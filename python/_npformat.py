"""NumPy 1.x's printing of arrays and scalars (array2string with its defaults: precision 8,
threshold 1000, edgeitems 3, linewidth 75), character for character: used by xtape's NumPy
subset (python/numpy) and by tf.Tensor's repr. Pure Python: flat values (a list, or anything
indexable) and a shape in, text out."""

import math
import struct

_FORMAT = {"float32": "f", "float64": "d", "float16": "e", "int32": "i", "int64": "q", "uint8": "B", "bool": "?"}
FLOATS = ("float32", "float64", "float16")
_ROUND = {"float32": "f", "float16": "e"}  # struct codes that round a Python float to the dtype


def _digits(x, dtype="float32"):
    """The shortest decimal digits that give back x in its dtype (float32, float64 or float16):
    (digits, exponent of the first)."""
    code = _ROUND.get(dtype)
    for p in range(0, 17):
        s = "%.*e" % (p, x)
        y = float(s)
        try:
            if (struct.unpack(code, struct.pack(code, y))[0] if code else y) == x:
                break
        except OverflowError:  # a rounding past the dtype's largest value: not it
            pass
    mant, exp = s.split("e")
    return mant.replace(".", "").lstrip("-"), int(exp)


def _positional(x, precision=8, dtype="float32"):
    """NumPy's dragon4_positional(unique, fractional, precision): shortest, at most `precision`
    digits after the point, trailing zeros trimmed, the point kept ('1.', '0.25', '-3.5')."""
    digits, exp = _digits(abs(x), dtype)
    if len(digits) - exp - 1 > precision:  # too many decimals: round to precision
        s = ("%.*f" % (precision, abs(x))).rstrip("0")
    else:
        if exp >= 0:
            whole = digits[: exp + 1].ljust(exp + 1, "0")
            frac = digits[exp + 1 :]
        else:
            whole = "0"
            frac = "0" * (-exp - 1) + digits
        s = whole + "." + frac.rstrip("0")
    if s.endswith(".") and s == ".":
        s = "0."
    return ("-" if math.copysign(1, x) < 0 else "") + s


def _scientific(x, precision=8, dtype="float32"):
    """NumPy's dragon4_scientific(unique, precision): 'd.ddde+XX', the shortest digits."""
    digits, exp = _digits(abs(x), dtype)
    if len(digits) > precision + 1:  # more than precision decimals: rounded, trailing zeros cut
        mant, e = ("%.*e" % (precision, abs(x))).split("e")
        digits, exp = mant.replace(".", "").rstrip("0") or "0", int(e)
    mant = digits[0] + "." + digits[1:]
    sign = "-" if math.copysign(1, x) < 0 else ""
    return "%s%se%s%02d" % (sign, mant, "-" if exp < 0 else "+", abs(exp))


def float32_str(x, dtype="float32"):
    """str(np.float32(x)) (or np.float16's): '0.41989234', '1.0', '1e-05', 'nan', 'inf'."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "-inf" if x < 0 else "inf"
    if x == 0 or 1e-4 <= abs(x) < 1e16:
        s = _positional(x, 16, dtype)
        return s + "0" if s.endswith(".") else s
    digits, exp = _digits(abs(x), dtype)
    mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return "%s%se%s%02d" % ("-" if x < 0 else "", mant, "-" if exp < 0 else "+", abs(exp))


# np.set_printoptions: what array printing reads (NumPy's defaults; scalars do not use them)
OPTIONS = {"precision": 8, "threshold": 1000, "edgeitems": 3, "linewidth": 75, "suppress": False}


class _FloatFormat:
    """NumPy's FloatingFormat for floatmode='maxprec', sign='-' (precision and suppress_small from
    OPTIONS)."""

    def __init__(self, values, dtype="float32"):
        self.dtype = dtype
        p = OPTIONS["precision"]
        finite = [v for v in values if math.isfinite(v)]
        nonzero = [abs(v) for v in finite if v != 0]
        small = not OPTIONS["suppress"] and bool(nonzero) and (min(nonzero) < 1e-4 or max(nonzero) / min(nonzero) > 1e3)
        self.exp = bool(nonzero) and (max(nonzero) >= 1e8 or small)
        if not finite:
            self.pad_left = self.pad_right = 0
            self.precision = 0
        elif self.exp:
            strs = [_scientific(v, p, dtype) for v in finite]
            mants = [s.split("e")[0] for s in strs]
            self.precision = max(len(m.split(".")[1]) for m in mants)
            self.pad_left = max(len(m.split(".")[0]) for m in mants)
            self.exp_digits = max(len(s.split("e")[1]) - 1 for s in strs)  # e+308 widens them all
        else:
            strs = [_positional(v, p, dtype) for v in finite]
            self.pad_left = max(len(s.split(".")[0]) for s in strs)
            self.pad_right = max(len(s.split(".")[1]) for s in strs)
        specials = [v for v in values if not math.isfinite(v)]
        if specials and not self.exp:  # NumPy widens the integer part to fit nan and -inf
            neginf = any(v < 0 for v in specials if math.isinf(v))
            offset = self.pad_right + 1
            self.pad_left = max(self.pad_left, 3 - offset, 3 + neginf - offset)

    @staticmethod
    def _special(v):
        return "nan" if math.isnan(v) else ("-inf" if v < 0 else "inf")

    def _finite(self, v):
        if self.exp:
            # min_digits = precision: digits past the shortest ones are the value's own digits
            s = _scientific(v, OPTIONS["precision"], self.dtype)
            if len(s.split("e")[0].split(".")[1]) < self.precision:
                s = "%.*e" % (self.precision, v)
                if s[0] != "-" and math.copysign(1, v) < 0:
                    s = "-" + s
            mant, e = s.split("e")
            whole, frac = mant.split(".")
            e = e[0] + e[1:].lstrip("0").rjust(self.exp_digits, "0")
            return whole.rjust(self.pad_left) + "." + frac + "e" + e
        whole, frac = _positional(v, OPTIONS["precision"], self.dtype).split(".")
        return whole.rjust(self.pad_left) + "." + frac.ljust(self.pad_right)

    def __call__(self, v):
        if not math.isfinite(v):
            width = (
                self.pad_left + self.pad_right + 1
                if not self.exp
                else self.pad_left + 3 + self.precision + self.exp_digits
            )
            return self._special(v).rjust(width)
        return self._finite(v)


def _formatter(values, dtype):
    if dtype in FLOATS:
        return _FloatFormat(values, dtype)
    if dtype == "bool":
        return lambda v: " True" if v else "False"
    width = max((len(str(v)) for v in values), default=1)
    return lambda v: str(v).rjust(width)


def _shown(flat, shape, edge, summarize):
    """The elements NumPy looks at to choose the format: the edges when summarizing."""
    if not summarize or not shape:
        return flat
    out, stride = [], 1
    for d in shape[1:]:
        stride *= d

    def walk(offset, axis):
        n = shape[axis]
        idx = list(range(n)) if n <= 2 * edge else list(range(edge)) + list(range(n - edge, n))
        for i in idx:
            if axis == len(shape) - 1:
                out.append(flat[offset + i])
            else:
                sub = 1
                for d in shape[axis + 1 :]:
                    sub *= d
                walk(offset + i * sub, axis + 1)

    walk(0, 0)
    return out


def array2string(flat, shape, dtype, separator=", ", prefix="", suffix="", linewidth=None):
    """numpy.array2string with NumPy 1.x's defaults (legacy=False), or np.set_printoptions'."""
    size = len(flat)
    summarize = size > OPTIONS["threshold"]
    edge = OPTIONS["edgeitems"]
    linewidth = OPTIONS["linewidth"] if linewidth is None else linewidth
    if not shape:  # a 0-d array: its one value, formatted alone
        if dtype in FLOATS and math.isfinite(flat[0]):
            return _FloatFormat(flat, dtype)(flat[0])
        return scalar_str(flat[0], dtype)
    fmt = _formatter(_shown(flat, shape, edge, summarize), dtype)
    width = linewidth - len(suffix)
    next_prefix = " " + " " * len(prefix)
    strides = []
    acc = 1
    for d in reversed(shape):
        strides.insert(0, acc)
        acc *= d

    def extend(s, line, word, line_width, hanging):
        needs_wrap = len(line) + len(word) > line_width
        if len(line) <= len(hanging):
            needs_wrap = False
        if needs_wrap:
            s += line.rstrip() + "\n"
            line = hanging
        return s, line + word

    def rec(offset, axis, hanging, curr_width):
        left = len(shape) - axis
        next_hanging = hanging + " "
        next_width = curr_width - 1
        n = shape[axis]
        show = summarize and 2 * edge < n
        lead, trail = (edge, edge) if show else (0, n)
        if left == 1:
            elem_width = curr_width - max(len(separator.rstrip()), 1)
            s, line = "", hanging
            for i in range(lead):
                s, line = extend(s, line, fmt(flat[offset + i * strides[axis]]), elem_width, hanging)
                line += separator
            if show:
                s, line = extend(s, line, "...", elem_width, hanging)
                line += separator
            for i in range(trail, 1, -1):
                s, line = extend(s, line, fmt(flat[offset + (n - i) * strides[axis]]), elem_width, hanging)
                line += separator
            s, line = extend(s, line, fmt(flat[offset + (n - 1) * strides[axis]]), elem_width, hanging)
            s += line
        else:
            s = ""
            line_sep = separator.rstrip() + "\n" * (left - 1)
            for i in range(lead):
                s += hanging + rec(offset + i * strides[axis], axis + 1, next_hanging, next_width) + line_sep
            if show:
                s += hanging + "..." + line_sep
            for i in range(trail, 1, -1):
                s += hanging + rec(offset + (n - i) * strides[axis], axis + 1, next_hanging, next_width) + line_sep
            s += hanging + rec(offset + (n - 1) * strides[axis], axis + 1, next_hanging, next_width)
        return "[" + s[len(hanging) :] + "]"

    if 0 in shape:
        return "[]"
    return rec(0, 0, next_prefix, width)


def array_repr(flat, shape, dtype):
    """repr() of a NumPy array: array([...], dtype=float32); NumPy's default dtypes (float64,
    int64, bool) are not named."""
    if 0 in shape:
        return (
            "array([], shape=%s, dtype=%s)" % (shape_str(shape), dtype)
            if len(shape) > 1
            else "array([], dtype=%s)" % dtype
        )
    body = array2string(flat, shape, dtype, ", ", "array(", ",")
    text = "array(" + body + ","
    if dtype in ("bool", "float64", "int64"):
        return text[:-1] + ")"
    dtype_str = "dtype=%s)" % dtype
    last = len(text) - (text.rfind("\n") + 1)
    spacer = " " if last + len(dtype_str) + 1 <= OPTIONS["linewidth"] else "\n" + " " * len("array(")
    return text + spacer + dtype_str


def array_str(flat, shape, dtype):
    """str() of a NumPy array: [[1. 2.]\n [3. 4.]]."""
    return array2string(flat, shape, dtype, " ", "")


def scalar_str(value, dtype):
    """str()/repr() of a NumPy 1.x scalar of this dtype."""
    if dtype in ("float32", "float16"):
        return float32_str(value, dtype)
    if dtype == "float64":  # np.float64 prints as Python's float
        return repr(float(value))
    if dtype == "bool":
        return "True" if value else "False"
    return str(int(value))


def shape_str(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def round_to(x, dtype):
    """A Python float rounded to float32 or float16 (to inf past their largest value)."""
    code = _ROUND[dtype]
    try:
        return struct.unpack(code, struct.pack(code, x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)
