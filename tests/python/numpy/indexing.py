# NumPy's documented examples: indexing on ndarrays (numpy.org/doc/stable/user/basics.indexing)
import numpy as np

x = np.arange(10)
print(x[2], x[-2], x[1:7:2], x[-2:10], x[-3:3:-1], x[5:], x[::-1])
x.shape = (2, 5)
print(x[1, 3], x[1, -1], x[0], x[0][2])
x = np.array([[[1], [2], [3]], [[4], [5], [6]]])
print(x.shape, x[1:2].shape, x[..., 0], x[:, np.newaxis, :, :].shape)
y = np.arange(35).reshape(5, 7)
print(y[1:5:2, ::3])
x = np.arange(10, 1, -1)
print(x, x[np.array([3, 3, 1, 8])], x[np.array([3, 3, -3, 8])], x[np.array([[1, 1], [2, 3]])])
print(y[np.array([0, 2, 4]), np.array([0, 1, 2])], y[np.array([0, 2, 4]), 1], y[np.array([0, 2, 4])])
x = np.array([[1, 2], [3, 4], [5, 6]])
print(x[[0, 1, 2], [0, 1, 0]])
x = np.array([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]])
rows = np.array([[0, 0], [3, 3]], dtype=np.intp)
columns = np.array([[0, 2], [0, 2]], dtype=np.intp)
print(x[rows, columns])
print(x[1:2, [1, 2]], x[..., [0, 2]], x[:, 1])
x = np.array([[1.0, 2.0], [np.nan, 3.0], [np.nan, np.nan]])
print(x[~np.isnan(x)])
x = np.array([1.0, -1.0, -2.0, 3])
x[x < 0] += 20
print(x)
x = np.arange(35).reshape(5, 7)
b = x > 20
print(b[:, 5], x[b[:, 5]])
x = np.array([[0, 1], [1, 1], [2, 2]])
rowsum = x.sum(-1)
print(x[rowsum <= 2, :])
x = np.arange(10)
x[2:7] = 1
print(x)
x[2:7] = np.arange(5)
print(x)
x = np.arange(0, 50, 10)
x[np.array([1, 1, 3, 1])] += 1
print(x)
z = np.zeros((3, 4))
z[1] = 7
z[:, 2] = [1, 2, 3]
z[0, 0] = -1.5
z[2, 1:3] = 9
print(z)
labels = np.array([2, 0, 1])
onehot = np.zeros((3, 3), dtype=np.float32)
onehot[np.arange(3), labels] = 1
print(onehot)
a = np.arange(12).reshape(3, 4)
row = a[1]
row[0] = 100
print(a)
for r in a:
    r[-1] = -1
print(a)
a[a > 5] = 0
print(a, a[0, 1], type(a[0, 1]).__name__, a[-1].tolist())
e = np.arange(5)
print(e[e > 10], e[[]] if False else e[np.array([], dtype=int)])
try:
    np.arange(3)[5]
except IndexError as err:
    print("IndexError:", err)
try:
    np.arange(3)[np.array([1, 7])]
except IndexError as err:
    print("IndexError:", err)
# views see later writes to their base, and write into it: slices, reshape, ravel, .T, squeeze
a = np.zeros(5)
b = a[1:3]
a[1] = 7
print(b, b.sum())
a += 1
print(b)
b[0] = -1
print(a)
c = np.arange(6).reshape(2, 3)
r = c.reshape(3, 2)
r[0, 0] = 100
print(c)
c[1, 2] = 50
print(r)
t = c.T
t[0, 1] = -5
print(c)
c[0, 0] = 9
print(t)
f = c.ravel()
f[1] = 77
print(c)
g = c.flatten()
g[0] = 0
print(c)
row = c[0]
col = c[:, 1]
c[:] = 0
print(row, col)
col[1] = 3
print(c)
rr = c[:, 1].reshape(2, 1)
rr[0, 0] = 8
print(c)
s = c[0:1]
e = np.expand_dims(c, 0)
e[0, 1, 1] = 4
print(c, s)
q = np.squeeze(c[1:2])
q[2] = 6
print(c)
x = np.arange(10)
v = x[::2]
x[4] = 40
print(v)
v[1:3] = 0
print(x)
m = np.arange(12).reshape(3, 4)
sub = m[1:, 1:3]
sub += 10
print(m)
m[2, 2] = -1
print(sub, sub.T)
w = m[1]
w2 = w[1:3]
m[1, 2] = 0
print(w2)
w2[0] = 5
print(m[1])
z = np.arange(4.0)
zz = z.reshape(2, 2).T
z *= 2
print(zz)
