"""np.random.default_rng: NumPy's Generator on PCG64 seeded through SeedSequence, draw for draw
as NumPy for what it covers (random, integers, uniform, standard_normal, normal, choice with
replacement, shuffle, permutation, bytes). Python ints hold the 128-bit state; the draws become
one array at the end. The normal draws are NumPy's ziggurat (_ziggurat.py); the exponential one
is outside the subset (its acceptance table is not reproduced bit for bit)."""

import math
import random as _random

from ._array import asarray, not_in_subset
from ._dtypes import name_of
from ._ziggurat import standard_normal as _standard_normal

_M32, _M64, _M128 = (1 << 32) - 1, (1 << 64) - 1, (1 << 128) - 1

# SeedSequence's hash constants (NumPy's bit_generator.pyx, after Melissa O'Neill's seed_seq_fe)
_INIT_A, _MULT_A, _INIT_B, _MULT_B = 0x43B0D7E5, 0x931E8875, 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R, _XSHIFT, _POOL = 0xCA01F9DD, 0x4973F715, 16, 4
_PCG_MULT = 0x2360ED051FC65DA44385DF649FCCF645  # PCG64's 128-bit LCG multiplier


def _words(n):
    """A non-negative int as 32-bit words, least significant first ([0] for 0)."""
    if n < 0:
        raise ValueError("expected non-negative integer")
    out = []
    while True:
        out.append(n & _M32)
        n >>= 32
        if not n:
            return out


class SeedSequence:
    """np.random.SeedSequence(entropy): the pool of four 32-bit words NumPy mixes from the entropy."""

    def __init__(self, entropy=None):
        if entropy is None:
            entropy = _random.SystemRandom().getrandbits(128)
        if isinstance(entropy, (list, tuple)):
            words = [w for e in entropy for w in _words(int(e))]
        else:
            words = _words(int(entropy))
        self.entropy = entropy
        self._pool = self._mix(words)

    @staticmethod
    def _hashmix(value, h):
        value = (value ^ h[0]) & _M32
        h[0] = (h[0] * _MULT_A) & _M32
        value = (value * h[0]) & _M32
        return value ^ (value >> _XSHIFT)

    @staticmethod
    def _combine(x, y):
        r = (_MIX_L * x - _MIX_R * y) & _M32
        return r ^ (r >> _XSHIFT)

    def _mix(self, entropy):
        h = [_INIT_A]
        pool = [self._hashmix(entropy[i] if i < len(entropy) else 0, h) for i in range(_POOL)]
        for src in range(_POOL):
            for dst in range(_POOL):
                if src != dst:
                    pool[dst] = self._combine(pool[dst], self._hashmix(pool[src], h))
        for src in range(_POOL, len(entropy)):
            for dst in range(_POOL):
                pool[dst] = self._combine(pool[dst], self._hashmix(entropy[src], h))
        return pool

    def _state_words(self, n, wide):
        """n words of state: 32-bit, or (wide) 64-bit from pairs of 32-bit ones, low word first."""
        h, out = _INIT_B, []
        for i in range(n * (2 if wide else 1)):
            v = (self._pool[i % _POOL] ^ h) & _M32
            h = (h * _MULT_B) & _M32
            v = (v * h) & _M32
            out.append(v ^ (v >> _XSHIFT))
        return [out[2 * i] | (out[2 * i + 1] << 32) for i in range(n)] if wide else out

    def generate_state(self, n_words, dtype="uint32"):
        raise not_in_subset("random.SeedSequence.generate_state (its uint32/uint64 arrays)")


class PCG64:
    """np.random.PCG64(seed): the 128-bit LCG with the XSL-RR output, seeded as NumPy seeds it."""

    def __init__(self, seed=None):
        ss = seed if isinstance(seed, SeedSequence) else SeedSequence(seed)
        v = ss._state_words(4, True)
        self._inc = (((v[2] << 64) | v[3]) << 1 | 1) & _M128
        self._state = 0
        self._step()
        self._state = (self._state + ((v[0] << 64) | v[1])) & _M128
        self._step()
        self._half = None  # the upper 32 bits of a 64-bit draw, kept for the next 32-bit one

    def _step(self):
        self._state = (self._state * _PCG_MULT + self._inc) & _M128

    def next64(self):
        self._step()
        s = self._state
        x, rot = ((s >> 64) ^ s) & _M64, s >> 122
        return ((x >> rot) | (x << (64 - rot))) & _M64

    def next32(self):
        if self._half is not None:
            v, self._half = self._half, None
            return v
        v = self.next64()
        self._half = v >> 32
        return v & _M32

    def next_double(self):
        return (self.next64() >> 11) * (1.0 / 9007199254740992.0)


def _lemire(draw, bits, rng):
    """A uniform integer in [0, rng] from `bits`-bit draws (rng < 2^bits - 1): Lemire's
    multiply-shift with rejection, as NumPy's bounded draws."""
    excl, mask = rng + 1, (1 << bits) - 1
    m = draw() * excl
    if (m & mask) < excl:
        threshold = (mask - rng) % excl
        while (m & mask) < threshold:
            m = draw() * excl
    return m >> bits


def _interval(bg, mx):
    """NumPy's random_interval: a uniform integer in [0, mx] by masked rejection (shuffles)."""
    if mx == 0:
        return 0
    mask = mx
    for s in (1, 2, 4, 8, 16, 32):
        mask |= mask >> s
    draw = bg.next32 if mx <= _M32 else bg.next64
    while True:
        v = draw() & mask
        if v <= mx:
            return v


class Generator:
    """np.random.Generator(bit_generator): NumPy's Generator methods on a PCG64 stream."""

    def __init__(self, bit_generator):
        self.bit_generator = bit_generator

    def __repr__(self):
        return "Generator(PCG64) at 0x%X" % id(self)

    def _fill(self, size, draw, dtype="float64"):
        if size is None:
            return draw()
        shape = (size,) if isinstance(size, int) else tuple(size)
        return asarray([draw() for _ in range(math.prod(shape))], dtype).reshape(shape)

    def random(self, size=None, dtype="float64", out=None):
        if out is not None or name_of(dtype) != "float64":
            raise not_in_subset("Generator.random(dtype=float32 or out=...)")
        return self._fill(size, self.bit_generator.next_double)

    def uniform(self, low=0.0, high=1.0, size=None):
        if hasattr(low, "shape") or hasattr(high, "shape"):
            raise not_in_subset("Generator.uniform with array parameters")
        span = high - low
        return self._fill(size, lambda: low + span * self.bit_generator.next_double())

    def standard_normal(self, size=None, dtype="float64", out=None):
        if out is not None or name_of(dtype) != "float64":
            raise not_in_subset("Generator.standard_normal(dtype=float32 or out=...)")
        bg = self.bit_generator
        return self._fill(size, lambda: _standard_normal(bg.next64, bg.next_double))

    def normal(self, loc=0.0, scale=1.0, size=None):
        """loc + scale * z per draw (NumPy's random_normal); array loc/scale broadcast."""
        if hasattr(loc, "shape") or hasattr(scale, "shape") or isinstance(loc, list) or isinstance(scale, list):
            loc, scale = asarray(loc, "float64"), asarray(scale, "float64")
            if bool((scale < 0).any()):
                raise ValueError("scale < 0")
            if size is None:
                size = tuple(int(n) for n in (loc + scale).shape)
            return loc + scale * self.standard_normal(size)
        if scale < 0:
            raise ValueError("scale < 0")
        bg = self.bit_generator
        return self._fill(size, lambda: loc + scale * _standard_normal(bg.next64, bg.next_double))

    def integers(self, low, high=None, size=None, dtype="int64", endpoint=False):
        if high is None:
            low, high = 0, low
        low, high = int(low), int(high)
        top = high if endpoint else high - 1
        if top < low:
            raise ValueError("high <= low" if not endpoint else "low > high")
        rng, bg = top - low, self.bit_generator
        if rng > _M64:
            raise ValueError("high is out of bounds for int64")
        if name_of(dtype) != "int64":
            raise not_in_subset("Generator.integers(dtype=%s)" % name_of(dtype))
        if rng == 0:
            draw = lambda: low  # noqa: E731
        elif rng == _M32:
            draw = lambda: low + bg.next32()  # noqa: E731
        elif rng < _M32:
            draw = lambda: low + _lemire(bg.next32, 32, rng)  # noqa: E731
        elif rng == _M64:
            draw = lambda: low + bg.next64()  # noqa: E731
        else:
            draw = lambda: low + _lemire(bg.next64, 64, rng)  # noqa: E731
        return self._fill(size, draw, name_of(dtype))

    def shuffle(self, x, axis=0):
        """Shuffles x in place along its first axis (Fisher-Yates from the end, as NumPy)."""
        if axis != 0:
            raise not_in_subset("Generator.shuffle(axis != 0)")
        n = len(x)
        order = list(range(n))
        for i in reversed(range(1, n)):
            j = _interval(self.bit_generator, i)
            order[i], order[j] = order[j], order[i]
        if isinstance(x, list):
            x[:] = [x[k] for k in order]
        else:
            x[...] = x[asarray(order)]

    def permutation(self, x, axis=0):
        if isinstance(x, int):
            order = list(range(x))
            self.shuffle(order)
            return asarray(order)
        a = asarray(x).copy()
        self.shuffle(a, axis)
        return a

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True):
        if not replace or p is not None:
            raise not_in_subset("Generator.choice(replace=False or p=...)")
        pool = None if isinstance(a, int) else asarray(a)
        n = a if pool is None else len(pool)
        if n <= 0:
            raise ValueError("a must be a positive integer unless no samples are taken")
        idx = self.integers(0, n, size)
        return idx if pool is None else pool[idx]

    def bytes(self, length):
        """length random bytes: 32-bit draws, little-endian (NumPy's Generator.bytes)."""
        words = [self.bit_generator.next32() for _ in range((length + 3) // 4)]
        return b"".join(w.to_bytes(4, "little") for w in words)[:length]

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        raise not_in_subset("random.Generator." + name)


def default_rng(seed=None):
    """np.random.default_rng(seed): a Generator on PCG64(SeedSequence(seed))."""
    if isinstance(seed, Generator):
        return seed
    return Generator(seed if isinstance(seed, PCG64) else PCG64(seed))
