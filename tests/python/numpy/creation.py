# NumPy's documented examples: array creation (numpy.org/doc/stable/reference/routines.array-creation)
import numpy as np

print(np.array([1, 2, 3]))
print(repr(np.array([1, 2, 3.0])))
print(repr(np.array([[1, 2], [3, 4]])))
print(repr(np.array([1, 2, 3], dtype=complex if False else float)))
print(repr(np.zeros(5)))
print(repr(np.zeros((5,), dtype=int)))
print(repr(np.zeros((2, 1))))
print(repr(np.ones((2, 2), dtype=np.float32)))
print(repr(np.full((2, 2), 10)))
print(repr(np.full((2, 2), np.inf)))
print(repr(np.arange(3)))
print(repr(np.arange(3.0)))
print(repr(np.arange(3, 7)))
print(repr(np.arange(3, 7, 2)))
print(repr(np.arange(0, 1, 0.1)))
print(repr(np.linspace(2.0, 3.0, num=5)))
print(repr(np.linspace(2.0, 3.0, num=5, endpoint=False)))
print(np.linspace(2.0, 3.0, num=5, retstep=True))
print(repr(np.eye(2, dtype=int)))
print(repr(np.eye(3, 2)))
print(repr(np.identity(3)))
x = np.arange(6).reshape((2, 3))
print(repr(np.zeros_like(x)), repr(np.ones_like(x, dtype=np.float32)), repr(np.full_like(x, 7)))
xv, yv = np.meshgrid(np.linspace(0, 1, 3), np.linspace(0, 1, 2))
print(repr(xv))
print(repr(yv))
xv, yv = np.meshgrid(np.arange(3), np.arange(2), indexing="ij")
print(repr(xv), repr(yv))
a = np.array([[1, 2], [3, 4]], dtype=np.float32)
print(a.dtype, a.shape, a.ndim, a.size, a.itemsize, a.nbytes)
print(repr(a.astype(np.int32)), repr(a.astype("float64")), repr(a.astype(bool)))
print(a.tolist(), np.array(3.5).tolist(), np.array([True, False]).tolist())
print(repr(np.array([[1.5, 2.25]], dtype=np.float16)))
print(np.dtype("float32"), np.dtype(np.int64), np.dtype(float) == np.float64, a.dtype == "float32")
print(repr(np.array([1, 2], dtype=np.uint8)), repr(np.array([0.1, 0.2], dtype=np.float32)))
print(repr(np.arange(2000.0)))
print(np.arange(1, 1e6, 1000)[:3], np.float64(1e20), np.float32(1e-8))
print(np.finfo(np.float32).eps, np.iinfo(np.int32).max, np.finfo(np.float64).max)
# lists of numbers as NumPy takes them (and refuses them)
for v, d in (
    ([2**63], np.int64),
    ([1, [2, 3]], None),
    ([[1, 2], [3]], None),
    ([[[1], [2, 3]]], None),
    ([300, -1], np.uint8),
    ([1.5, np.nan], np.int64),
):
    try:
        print(repr(np.array(v, dtype=d)))
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(
    repr(np.array([True, 2])),
    repr(np.array([np.float32(0.5), 1])),
    repr(np.array([[1.5, 2], [3, 4]])),
    np.array(list(range(100000))).sum(),
)
print(
    repr(np.array([1.0, np.inf], dtype=np.float32)), repr(np.array([[True, False]])), repr(np.array([], dtype=np.int32))
)
