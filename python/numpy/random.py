"""np.random: default_rng (the Generator, in _generator.py) and the legacy API (RandomState: seed, rand, randn, random, normal, uniform, randint,
shuffle, permutation, choice) with NumPy's own stream: MT19937 seeded as NumPy seeds it, so
np.random.seed(0); np.random.rand() is 0.5488135039273248 as in NumPy. The draws run in Python
(the Mersenne Twister of its `random` module, set to NumPy's state), then become one tensor."""

import math
import random as _random

from ._array import asarray, not_in_subset
from ._dtypes import name_of


def _init_genrand(seed):
    """NumPy's mt19937_seed: Knuth's initialisation of the 624 words from a 32-bit seed."""
    key = []
    for pos in range(624):
        key.append(seed)
        seed = (1812433253 * (seed ^ (seed >> 30)) + pos + 1) & 0xFFFFFFFF
    return key


def _mask(rng):
    m = rng
    for s in (1, 2, 4, 8, 16, 32):
        m |= m >> s
    return m


class RandomState:
    """np.random.RandomState(seed): NumPy's legacy generator, draw for draw."""

    def __init__(self, seed=None):
        self._mt = _random.Random()
        self.seed(seed)

    def seed(self, seed=None):
        if seed is None:
            seed = _random.SystemRandom().getrandbits(32)
        if not isinstance(seed, int) and hasattr(seed, "__index__"):
            seed = seed.__index__()
        if not isinstance(seed, int):
            raise not_in_subset("random.seed with an array of seeds")
        if not 0 <= seed <= 2**32 - 1:
            raise ValueError("Seed must be between 0 and 2**32 - 1")
        self._mt.setstate((3, tuple(_init_genrand(seed)) + (624,), None))
        self._gauss = None

    # one draw of each kind, as NumPy's legacy C functions
    def _double(self):
        return self._mt.random()  # genrand_res53, NumPy's legacy_double

    def _gauss_one(self):
        if self._gauss is not None:
            g, self._gauss = self._gauss, None
            return g
        while True:
            x1 = 2.0 * self._double() - 1.0
            x2 = 2.0 * self._double() - 1.0
            r2 = x1 * x1 + x2 * x2
            if r2 < 1.0 and r2 != 0.0:
                break
        f = math.sqrt(-2.0 * math.log(r2) / r2)
        self._gauss = f * x1
        return f * x2

    def _interval(self, rng):
        """A uniform integer in [0, rng] by masked rejection (NumPy's bounded draw)."""
        if rng == 0:
            return 0
        m = _mask(rng)
        bits = 32 if rng <= 0xFFFFFFFF else 64
        while True:
            if bits == 32:
                v = self._mt.getrandbits(32) & m
            else:
                v = ((self._mt.getrandbits(32) << 32) | self._mt.getrandbits(32)) & m
            if v <= rng:
                return v

    def _fill(self, size, draw, dtype="float64"):
        if size is None:
            return draw()
        shape = (size,) if isinstance(size, int) else tuple(size)
        n = math.prod(shape)
        flat = [draw() for _ in range(n)]
        return asarray(flat, dtype).reshape(shape)

    def random_sample(self, size=None):
        return self._fill(size, self._double)

    random = random_sample
    sample = ranf = random_sample

    def rand(self, *dims):
        return self._fill(dims or None, self._double)

    def randn(self, *dims):
        return self._fill(dims or None, self._gauss_one)

    def standard_normal(self, size=None):
        return self._fill(size, self._gauss_one)

    def normal(self, loc=0.0, scale=1.0, size=None):
        if hasattr(loc, "shape") or hasattr(scale, "shape"):
            raise not_in_subset("random.normal with array parameters")
        return self._fill(size, lambda: loc + scale * self._gauss_one())

    def uniform(self, low=0.0, high=1.0, size=None):
        if hasattr(low, "shape") or hasattr(high, "shape"):
            raise not_in_subset("random.uniform with array parameters")
        return self._fill(size, lambda: low + (high - low) * self._double())

    def randint(self, low, high=None, size=None, dtype=int):
        if high is None:
            low, high = 0, low
        low, high = int(low), int(high)
        if low >= high:
            raise ValueError("low >= high")
        rng = high - 1 - low
        return self._fill(size, lambda: low + self._interval(rng), name_of(dtype))

    def random_integers(self, low, high=None, size=None):
        return self.randint(1 if high is None else low, (low if high is None else high) + 1, size)

    def shuffle(self, x):
        """Shuffles x (an array, along its first axis, or a list) in place, as NumPy."""
        n = len(x)
        if isinstance(x, list):
            for i in reversed(range(1, n)):
                j = self._interval(i)
                x[i], x[j] = x[j], x[i]
            return
        order = list(range(n))
        for i in reversed(range(1, n)):
            j = self._interval(i)
            order[i], order[j] = order[j], order[i]
        x[...] = x[asarray(order)]

    def permutation(self, x):
        if isinstance(x, int):
            order = list(range(x))
            self.shuffle(order)
            return asarray(order)
        a = asarray(x).copy()
        self.shuffle(a)
        return a

    def choice(self, a, size=None, replace=True, p=None):
        pool = asarray(a) if not isinstance(a, int) else None
        n = a if isinstance(a, int) else len(pool)
        if n <= 0:
            raise ValueError("a must be a positive integer unless no samples are taken")
        if p is not None:
            p = [float(v) for v in asarray(p).tolist()]
            if len(p) != n:
                raise ValueError("a and p must have same size")
            if abs(sum(p) - 1) > 1e-8:
                raise ValueError("probabilities do not sum to 1")
            cdf, acc = [], 0.0
            for v in p:
                acc += v
                cdf.append(acc)
            cdf = [c / cdf[-1] for c in cdf]
        if replace:
            if p is None:
                idx = self.randint(0, n, size)
            else:
                import bisect

                idx = self._fill(size, lambda: bisect.bisect_right(cdf, self._double()), "int64")
        else:
            if p is not None:
                raise not_in_subset("random.choice(replace=False, p=...)")
            k = 1 if size is None else math.prod((size,) if isinstance(size, int) else size)
            if k > n:
                raise ValueError("Cannot take a larger sample than population when 'replace=False'")
            idx = self.permutation(n)[:k]
            idx = idx[0] if size is None else idx.reshape(size)
        if pool is None:
            return idx
        return pool[idx]

    def get_state(self):
        raise not_in_subset("random.get_state")


_global = RandomState()
seed = _global.seed
rand, randn, random, random_sample, sample = (
    _global.rand,
    _global.randn,
    _global.random,
    _global.random_sample,
    _global.sample,
)
normal, uniform, randint, standard_normal = _global.normal, _global.uniform, _global.randint, _global.standard_normal
shuffle, permutation, choice = _global.shuffle, _global.permutation, _global.choice


from ._generator import PCG64, Generator, SeedSequence, default_rng  # noqa: E402,F401  (NumPy's names)


def __getattr__(name):
    raise not_in_subset("random." + name)
