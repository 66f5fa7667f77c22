# NumPy's documented examples: set_printoptions / printoptions, linalg.norm
import numpy as np

print(np.array([1.123456789]))
np.set_printoptions(precision=4)
print(np.array([1.123456789]), np.array([1.0, 2.5e-5]))
np.set_printoptions(threshold=5)
print(np.arange(10))
np.set_printoptions(precision=8, threshold=1000, suppress=True)
print(np.array([1e-8, 1.5, 100.0]), np.array([0.000012345, 1.0]))
np.set_printoptions(suppress=False)
print(np.array([1e-8, 1.5, 100.0]))
with np.printoptions(precision=2, suppress=True):
    print(np.array([2.0]) / 3, np.array([1e-10, 0.5]))
print(np.array([2.0]) / 3)
np.set_printoptions(linewidth=30)
print(np.arange(20.0))
np.set_printoptions(linewidth=75, edgeitems=2, threshold=10)
print(np.arange(100).reshape(10, 10))
np.set_printoptions(edgeitems=3, threshold=1000)
a = np.arange(9) - 4
b = a.reshape((3, 3))
print(np.linalg.norm(a), np.linalg.norm(b), np.linalg.norm(b, "fro"), np.linalg.norm(a, np.inf), np.linalg.norm(a, 1))
c = np.array([[1, 2, 3], [-1, 1, 4]])
print(np.linalg.norm(c, axis=0), np.linalg.norm(c, axis=1), np.linalg.norm(c, ord=1, axis=1), np.linalg.norm([3, 4]))
a = np.array([[1, 2], [3, 5]])
b = np.array([1, 2])
x = np.linalg.solve(a, b)
print(x, np.allclose(np.dot(a, x), b), np.linalg.solve(a, np.eye(2)))
ainv = np.linalg.inv(np.array([[1.0, 2.0], [3.0, 4.0]]))
print(np.allclose(np.dot(np.array([[1.0, 2.0], [3.0, 4.0]]), ainv), np.eye(2)), np.round(ainv, 6))
try:
    np.linalg.inv(np.array([[1.0, 2.0], [2.0, 4.0]]))
except np.linalg.LinAlgError as err:
    print("LinAlgError:", err)
# stacks of matrices (np.matmul's documented examples) and np.broadcast_shapes
a = np.arange(2 * 2 * 4).reshape((2, 2, 4))
b = np.arange(2 * 2 * 4).reshape((2, 4, 2))
print(np.matmul(a, b).shape, np.matmul(a, b)[0, 1, 1], (a @ b).sum())
a = np.ones([9, 5, 7, 4])
c = np.ones([9, 5, 4, 3])
print(np.matmul(a, c).shape)
print(np.matmul(np.ones((2, 3, 4)), np.ones(4)).shape, np.matmul(np.ones(3), np.ones((2, 3, 4))).shape)
x = np.arange(24.0).reshape(2, 3, 4) / 7.0
print(x @ np.arange(8.0).reshape(4, 2), np.matmul(np.eye(3), x))
for p, q in (((2, 3, 4), (3, 4, 5)), ((2, 2, 3, 4), (3, 4, 5)), ((2, 3, 4), (2, 5, 4))):
    try:
        np.matmul(np.ones(p), np.ones(q))
    except ValueError as e:
        print("ValueError:", e)
print(
    np.broadcast_shapes((1, 2), (3, 1), (3, 2)),
    np.broadcast_shapes((6, 7), (5, 6, 1), (7,), (5, 1, 7)),
    np.broadcast_shapes(3, (2, 1)),
)
for shapes in (((2,), (3,)), ((5, 2), (1,), (3,))):
    try:
        np.broadcast_shapes(*shapes)
    except ValueError as e:
        print("ValueError:", e)
# exponents of three digits widen every exponent of the array
print(np.array([1e308, -128.0, 0.0, np.inf]), np.array([1e-300, 1.0]), np.array([[1e100, 2.5], [np.nan, -1e-5]]))
# np.linalg.det and slogdet (NumPy's documented examples, and LU pivoting on larger matrices)
a = np.array([[1, 2], [3, 4]])
print(np.linalg.det(a), np.linalg.slogdet(a))
a = np.array([[[1, 2], [3, 4]], [[1, 2], [2, 1]], [[1, 3], [3, 1]]])
print(np.linalg.det(a), np.linalg.slogdet(a))
print(
    np.linalg.slogdet(np.eye(50) * 0.1),
    np.linalg.det(np.eye(50) * 0.1),
    np.linalg.det(np.zeros((3, 3))),
    np.linalg.det(np.ones((0, 0))),
)
m = (np.arange(49.0).reshape(7, 7) ** 2 % 11) - 5.0
print(
    repr(np.linalg.det(m)),
    repr(np.linalg.det(m / 3.0)),
    np.linalg.slogdet(m[:6, 1:]),
    repr(np.linalg.det(np.arange(1.0, 10.0).reshape(3, 3))),
)
for bad in (np.ones(3), np.ones((2, 3))):
    try:
        np.linalg.det(bad)
    except np.linalg.LinAlgError as e:
        print("LinAlgError:", e)
