# NumPy's documented examples: flip, roll, tile, repeat, take, split, pad, diff, diag, triu/tril,
# median, percentile, quantile, average, nansum/nanmean, bincount, histogram, searchsorted,
# digitize, isin, nan_to_num
import numpy as np

A = np.arange(8).reshape((2, 2, 2))
print(
    np.flip(A, 0),
    np.flip(A, 1),
    np.flip(A),
    np.flip(A, (0, 2)),
    np.fliplr(np.diag([1.0, 2.0, 3.0])),
    np.flipud(np.eye(2)),
)
x = np.arange(10)
print(np.roll(x, 2), np.roll(x, -2), np.roll(np.reshape(x, (2, 5)), 1), np.roll(np.reshape(x, (2, 5)), 1, axis=0))
print(np.roll(np.reshape(x, (2, 5)), -1, axis=1), np.roll(np.reshape(x, (2, 5)), (1, 1), axis=(1, 0)))
a = np.array([0, 1, 2])
print(
    np.tile(a, 2),
    np.tile(a, (2, 2)),
    np.tile(a, (2, 1, 2)),
    np.tile(np.array([[1, 2], [3, 4]]), 2),
    np.tile(np.array([1, 2, 3, 4]), (4, 1)),
)
print(np.repeat(3, 4), np.repeat(np.array([[1, 2], [3, 4]]), 2), np.repeat(np.array([[1, 2], [3, 4]]), 3, axis=1))
print(
    np.repeat(np.array([[1, 2], [3, 4]]), [1, 2], axis=0),
    np.take([4, 3, 5, 7, 6, 8], [0, 1, 4]),
    np.take([4, 3, 5, 7, 6, 8], [[0, 1], [2, 3]]),
)
x = np.arange(9.0)
print(
    np.split(x, 3),
    np.split(np.arange(8.0), [3, 5, 6, 10]),
    np.array_split(np.arange(8.0), 3),
    np.array_split(np.arange(7.0), 5),
)
print(np.hsplit(np.arange(16.0).reshape(4, 4), 2), np.vsplit(np.arange(16.0).reshape(4, 4), 2))
try:
    np.split(np.arange(7), 3)
except ValueError as e:
    print("ValueError:", e)
a = [1, 2, 3, 4, 5]
print(np.pad(a, (2, 3), "constant", constant_values=4), np.pad(np.arange(6).reshape(2, 3), ((1, 1), (2, 2))))
print(np.pad(np.ones((2, 2)), 1), np.pad(np.array([[1, 2], [3, 4]]), [[0, 1], [1, 0]], constant_values=9))
x = np.array([1, 2, 4, 7, 0])
print(
    np.diff(x),
    np.diff(x, n=2),
    np.diff(np.array([[1, 3, 6, 10], [0, 5, 6, 8]])),
    np.diff(np.array([[1, 3, 6, 10], [0, 5, 6, 8]]), axis=0),
)
print(np.diff(np.array([True, False, False, True])), np.diff(np.arange(5.0) ** 2, 2))
x = np.arange(9).reshape((3, 3))
print(
    np.diag(x),
    np.diag(x, k=1),
    np.diag(x, k=-1),
    np.diag(np.diag(x)),
    np.diag([1, 2], 1),
    np.diag(np.arange(6).reshape(2, 3), 2),
)
print(
    np.triu([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]], -1),
    np.tril([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]], -1),
    np.triu(np.ones((3, 3))),
    np.tril(np.arange(1.0, 10).reshape(3, 3), 1),
)
a = np.array([[10, 7, 4], [3, 2, 1]])
print(
    np.median(a),
    np.median(a, axis=0),
    np.median(a, axis=1),
    np.median(a, axis=0, keepdims=True),
    np.median([1.5, 2.5, -1.0, 7.25]),
)
print(
    np.percentile(a, 50),
    np.percentile(a, 50, axis=0),
    np.percentile(a, 50, axis=1),
    np.percentile(a, 50, axis=1, keepdims=True),
)
print(
    np.percentile(a, [25, 75]),
    np.quantile(a, 0.5),
    np.quantile(a, [0.1, 0.9], axis=0),
    np.percentile(np.arange(1.0, 11.0), 33.3),
)
r = np.arange(1, 101) / 7.0
print(
    repr(np.percentile(r, 95)),
    repr(np.quantile(r, 0.37)),
    repr(np.median(r)),
    repr(np.percentile(r.astype(np.float32), 90)),
)
data = np.arange(1, 5)
print(np.average(data), np.average(np.arange(1, 11), weights=np.arange(10, 0, -1)))
data = np.arange(6).reshape((3, 2))
print(
    np.average(data, axis=1, weights=[1.0 / 4, 3.0 / 4]),
    np.average(data, axis=0, weights=[1, 2, 3]),
    np.average(data, weights=data, returned=True),
)
try:
    np.average(data, weights=[0.25, 0.75])
except TypeError as e:
    print("TypeError:", e)
print(
    np.nansum(1),
    np.nansum([1, np.nan]),
    np.nansum(np.array([[1, np.nan], [1, np.nan]]), axis=0),
    np.nansum([1, np.nan, np.inf]),
)
a = np.array([[1, np.nan], [3, 4]])
print(np.nanmean(a), np.nanmean(a, axis=0), np.nanmean(a, axis=1))
print(
    np.bincount(np.arange(5)),
    np.bincount(np.array([0, 1, 1, 3, 2, 1, 7])),
    np.bincount(np.array([0, 1, 1, 2, 2, 2]), weights=np.array([0.3, 0.5, 0.2, 0.7, 1.0, -0.6])),
    np.bincount([1, 1], minlength=5),
)
print(np.histogram([1, 2, 1], bins=3), np.histogram(np.arange(4), bins=4))
print(
    np.histogram((np.arange(1000.0) / 7.3) % 3.1, bins=7),
    np.histogram([1.0, 1.0, 1.0]),
    np.histogram([0.5, 1.5, 2.5], range=(0, 2), bins=4),
)
print(
    np.searchsorted([1, 2, 3, 4, 5], 3),
    np.searchsorted([1, 2, 3, 4, 5], 3, side="right"),
    np.searchsorted([1, 2, 3, 4, 5], [-10, 10, 2, 3]),
)
x = np.array([0.2, 6.4, 3.0, 1.6])
bins = np.array([0.0, 1.0, 2.5, 4.0, 10.0])
print(
    np.digitize(x, bins),
    np.digitize(np.array([1.2, 10.0, 12.4, 15.5, 20.0]), np.array([0, 5, 10, 15, 20]), right=True),
    np.digitize(np.array([1.2, 10.0, 12.4, 15.5, 20.0]), np.array([0, 5, 10, 15, 20]), right=False),
)
print(np.digitize(x, bins[::-1]), np.digitize(x, bins[::-1], right=True))
element = 2 * np.arange(4).reshape((2, 2))
test_elements = [1, 2, 4, 8]
print(
    np.isin(element, test_elements),
    element[np.isin(element, test_elements)],
    np.isin(element, test_elements, invert=True),
)
print(
    np.nan_to_num(np.inf),
    np.nan_to_num(-np.inf),
    np.nan_to_num(np.nan),
    np.nan_to_num(np.array([np.inf, -np.inf, np.nan, -128, 128])),
)
print(
    np.nan_to_num(np.array([np.inf, -np.inf, np.nan, -128, 128]), nan=-9999, posinf=33333333, neginf=33333333),
    np.nan_to_num(np.array([1, 2])),
    np.nan_to_num(np.array([np.nan, np.inf], dtype=np.float32)),
)
