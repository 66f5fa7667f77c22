"""The Generator's normal draws: Marsaglia and Tsang's ziggurat of 256 layers as NumPy samples it
(a 64-bit draw = 8 index bits, a sign bit and 52 bits of magnitude), with NumPy's tables computed
here as NumPy computed them, so a seed gives NumPy's numbers.

The layers' right edges x_i descend from r = 3.6541528853610088 (the tail) through
    x_{i+1} = sqrt(-2 log(f(x_i) + V / x_i)),  f(x) = exp(-x^2 / 2),  V = 0.0049286732339746519,
in double precision, x_255 = 0. Then, with the edges in rising order (x'_0 = 0, x'_255 = r):
    k_i = round(2^52 x'_{i-1} / x'_i)   k_0 = round(2^52 r f(r) / V)   (accept bounds)
    w_i = x'_i / 2^52                   w_0 = V / f(r) / 2^52          (magnitude to value)
    f_i = f(x'_i)                                                      (layer heights)
exp and log are rounded correctly (through `decimal`), here and in the draws, so nothing depends
on the libm Pyodide was built with. NumPy's tables came from a libm that rounded one exp the other way:
exp(-0.38951100007894385) lies 0.498 units in the last place above a double, 0.002 from the
midpoint, and NumPy's table has the double above; that one rounding is taken as NumPy has it."""

import decimal
import math

R = 3.6541528853610087963519472518
INV_R = 0.27366123732975827203338247596
_V = 0.0049286732339746519
_CTX = decimal.Context(prec=40)
_ROUNDED_UP = (-0.38951100007894385,)  # exp's argument where NumPy's table took the double above


def _exp(a):
    return float(_CTX.exp(decimal.Decimal(a)))


def _log(a):
    return float(_CTX.ln(decimal.Decimal(a)))


def _f(x):
    """f(x) as NumPy's table has it."""
    y = _exp(-0.5 * x * x)
    return math.nextafter(y, math.inf) if -0.5 * x * x in _ROUNDED_UP else y


def _tables():
    x = [R]
    for _ in range(254):
        x.append(math.sqrt(-2.0 * _log(_f(x[-1]) + _V / x[-1])))
    x.append(0.0)
    x.reverse()
    scale = float(1 << 52)
    k = [round(scale * R * _f(R) / _V)] + [round(scale * x[i - 1] / x[i]) for i in range(1, 256)]
    w = [_V / _f(R) / scale] + [v / scale for v in x[1:]]
    return k, w, [_f(v) for v in x]


_TABLES = []


def _log1m(u):
    """log(1 - u), u in [0, 1): 1 - u is exact in decimal."""
    return float(_CTX.ln(1 - decimal.Decimal(u)))


def standard_normal(next64, next_double):
    """One N(0, 1) draw from a bit generator's 64-bit and [0, 1) draws, as NumPy's
    random_standard_normal: 99.3% of draws end at the first comparison."""
    if not _TABLES:
        _TABLES.extend(_tables())
    k, w, f = _TABLES
    while True:
        r = next64()
        idx, r = r & 0xFF, r >> 8
        rabs = (r >> 1) & 0x000FFFFFFFFFFFFF
        x = rabs * w[idx]
        if r & 1:
            x = -x
        if rabs < k[idx]:
            return x
        if idx == 0:  # the tail beyond r, by Marsaglia's exponential rejection
            while True:
                xx = -INV_R * _log1m(next_double())
                yy = -_log1m(next_double())
                if yy + yy > xx * xx:
                    return -(R + xx) if (rabs >> 8) & 1 else R + xx
        elif (f[idx - 1] - f[idx]) * next_double() + f[idx] < _exp(-0.5 * x * x):
            return x
