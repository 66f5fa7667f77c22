# NumPy's documented examples: reductions, statistics, sorting, searching, products
import numpy as np

print(np.sum([0.5, 1.5]), np.sum([0.5, 0.7, 0.2, 1.5], dtype=np.int32), np.sum([[0, 1], [0, 5]]))
print(np.sum([[0, 1], [0, 5]], axis=0), np.sum([[0, 1], [0, 5]], axis=1), np.sum([]))
a = np.array([[1, 2], [3, 4]])
print(np.mean(a), np.mean(a, axis=0), np.mean(a, axis=1), a.mean(keepdims=True))
a = np.zeros((2, 512 * 512), dtype=np.float32)
a[0, :] = 1.0
a[1, :] = 0.1
print(np.mean(a), np.mean(a, dtype=np.float64))  # float32's pairwise sum: 0.54999924, as NumPy documents
# sums to the last bit: pairwise over trailing axes, 8192-element chunks, row after row elsewhere
x = (np.arange(60000.0) / 7.0 - 4321.0).reshape(300, 200) / 997.0
print(repr(x.sum()), repr(x.mean()), repr(x.std()), repr(x.var()), repr(x.sum(axis=0)[:2]), repr(x.sum(axis=1)[:2]))
f = x.astype(np.float32)
print(repr(f.sum()), repr(f.mean()), repr(f.std()), repr(f.sum(axis=0)[:2]), repr(f.mean(axis=1)[:2]))
y = np.random.default_rng(5).standard_normal((7, 30, 40))
print(repr(y.sum(axis=(0, 2))[:2]), repr(y.sum(axis=(1, 2))[:2]), repr(y.sum()), repr(y.reshape(8400, 1).sum(axis=0)))
print(repr(np.arange(12).reshape(3, 4).std()), repr(np.array([0.1, 0.2, 0.3], dtype=np.float16).mean()))
a = np.array([[1, 2], [3, 4]])
print(np.std(a), np.std(a, axis=0), np.std(a, axis=1), np.var(a), np.var(a, axis=0), np.var(a, axis=1))
print(np.std([1.0, 2.0, 3.0, 4.0], ddof=1), np.prod([1.0, 2.0]), np.prod([[1.0, 2.0], [3.0, 4.0]], axis=1))
a = np.arange(4).reshape((2, 2))
print(np.max(a), np.max(a, axis=0), np.max(a, axis=1), np.min(a), np.amin(a, axis=0), a.max(), a.min(axis=1))
a = np.arange(6).reshape(2, 3) + 10
print(np.argmax(a), np.argmax(a, axis=0), np.argmax(a, axis=1), np.argmin(a), a.argmax(axis=1))
b = np.arange(6)
b[1] = 5
print(np.argmax(b), np.argmax([[1, 9], [9, 1]], axis=0))
a = np.array([[1, 2, 3], [4, 5, 6]])
print(np.cumsum(a), np.cumsum(a, dtype=float), np.cumsum(a, axis=0), np.cumsum(a, axis=1))
print(
    np.all([[True, False], [True, True]]),
    np.all([[True, False], [True, True]], axis=0),
    np.any([[True, False], [False, False]], axis=0),
)
print(np.any([-1, 0, 5]), np.all([1.0, np.nan]), np.count_nonzero([[0, 1, 7, 0], [3, 0, 2, 19]]))
a = np.array([[1, 4], [3, 1]])
print(np.sort(a), np.sort(a, axis=None), np.sort(a, axis=0))
x = np.array([3, 1, 2])
print(np.argsort(x), np.argsort(np.array([[0, 3], [2, 2]]), axis=0), np.argsort(np.array([[0, 3], [2, 2]]), axis=1))
print(np.unique([1, 1, 2, 2, 3, 3]), np.unique(np.array([[1, 1], [2, 3]])))
u, indices = np.unique(np.array(["a", "b"]) if False else np.array([1, 2, 6, 4, 2, 3, 2]), return_index=True)
print(u, indices)
u, counts = np.unique(np.array([1, 2, 6, 4, 2, 3, 2]), return_counts=True)
print(u, counts)
u, inv = np.unique(np.array([1, 2, 6, 4, 2, 3, 2]), return_inverse=True)
print(u, inv, u[inv])
x = np.array([[3, 0, 0], [0, 4, 0], [5, 6, 0]])
print(np.nonzero(x), x[np.nonzero(x)], np.transpose(np.nonzero(x)), np.argwhere(x > 3), np.flatnonzero(x))
print(np.dot(3, 4), np.dot([2, 3], [4, 5]), np.dot([[1, 0], [0, 1]], [[4, 1], [2, 2]]))
a = np.array([[1, 0], [0, 1]])
b = np.array([[4, 1], [2, 2]])
print(np.matmul(a, b), a @ b, np.matmul([1, 2], [[1, 0], [0, 1]]), np.array([[1.0, 2.0]]) @ np.array([3.0, 4.0]))
print(np.outer(np.ones(3), np.linspace(-2, 2, 3)), np.trace(np.eye(3)))
print(np.allclose([1e10, 1e-7], [1.00001e10, 1e-8]), np.allclose([1e10, 1e-8], [1.00001e10, 1e-9]))
print(np.allclose([1.0, np.nan], [1.0, np.nan]), np.allclose([1.0, np.nan], [1.0, np.nan], equal_nan=True))
print(np.isclose([1e10, 1e-7], [1.00001e10, 1e-8]), np.isclose([1e-100, 1e-7], [0.0, 0.0], atol=0.0))
print(np.array_equal([1, 2], [1, 2]), np.array_equal([1, 2], [1, 2, 3]), np.array_equal([1, 2], [1, 4]))
x = np.array([1.5, 2.5, 3.5], dtype=np.float32)
print(x.sum(), x.mean(), x.std(), type(x.sum()).__name__, type(np.argmax(x)).__name__, f"{x.mean():.3f}")
