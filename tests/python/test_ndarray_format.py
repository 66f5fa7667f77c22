"""The fallback array prints exactly as NumPy 1.x prints: compared with Debian's python3-numpy on
arrays of every shape the tutorial prints (and the awkward cases: negatives, mixed magnitudes,
nan/inf, summarised rows and columns, wrapped lines). Run by npm test with /usr/bin/python3."""

import importlib.util
import os
import random
import sys

import numpy as np

# python/_npformat.py alone (pure Python; the package itself needs Pyodide and xtape)
_spec = importlib.util.spec_from_file_location(
    "_ndarray", os.path.join(os.path.dirname(__file__), "..", "..", "python", "_npformat.py")
)
_ndarray = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ndarray)

random.seed(1)
cases = []


def add(values, shape, dtype):
    arr = np.array(values, dtype=dtype).reshape(shape)
    cases.append((arr, [v.item() for v in arr.reshape(-1)], shape, dtype))


for shape in [
    (),
    (1,),
    (3,),
    (10,),
    (128,),
    (2, 2),
    (3, 4),
    (10, 10),
    (128, 10),
    (784, 128),
    (7, 1001),
    (2, 3, 4),
    (60, 28, 28),
]:
    n = int(np.prod(shape)) if shape else 1
    add([random.gauss(0, 0.1) for _ in range(n)], shape, "float32")
    add([0.0] * n, shape, "float32")
    add([random.choice([0.0, 1.5, -2.25, 1e-5, 3e4]) for _ in range(n)], shape, "float32")
    add([random.randint(0, 255) for _ in range(n)], shape, "uint8")
    add([random.randint(-100000, 100000) for _ in range(n)], shape, "int32")
    add([random.random() < 0.5 for _ in range(n)], shape, "bool")
    add([random.gauss(0, 0.1) for _ in range(n)], shape, "float64")
    add([random.choice([0.0, 0.1 + 0.2, -2.25, 1e-5, 3e4, 1 / 3]) for _ in range(n)], shape, "float64")
    add([random.gauss(0, 1) for _ in range(n)], shape, "float16")
    add([random.randint(-(2**62), 2**62) for _ in range(n)], shape, "int64")
add([2.2, 3.3, 4.4], (3,), "float64")
add([2.2, 3.3, 4.4], (3,), "float16")
add([1.0, float("nan"), -float("inf"), 0.5], (4,), "float64")
add([1e9, 1.0, 2.0], (3,), "float64")
add([1.0, float("nan"), -float("inf"), 0.5], (4,), "float32")
add([1e9, 1.0, 2.0], (3,), "float32")
add([0.41989234, 100.25, -7.0], (3,), "float32")
add([1e-3, 2e-3, 0.1], (3,), "float32")

failures = 0
for arr, flat, shape, dtype in cases:
    for kind, want, got in [
        ("repr", repr(arr), _ndarray.array_repr(flat, list(shape), dtype)),
        (
            "str",
            str(arr),
            _ndarray.array_str(flat, list(shape), dtype) if shape else _ndarray.scalar_str(flat[0], dtype),
        ),
    ]:
        if want != got:
            failures += 1
            if failures <= 5:
                print("MISMATCH %s %s %s\n--- numpy:\n%s\n--- ours:\n%s" % (kind, dtype, shape, want, got))
for v in [0.41989234, 0.35508955, 1.0, 0.1, 1e-5, 123456.7, 3.4028235e38, -0.0, 2.5e-10]:
    x = np.float32(v)
    if str(x) != _ndarray.float32_str(float(x)):
        failures += 1
        print("MISMATCH float32 %r: numpy %s ours %s" % (v, str(x), _ndarray.float32_str(float(x))))
for dtype, values in [
    ("float64", [0.30000000000000004, 1 / 3, 1e-5, 1e16, 2.2, -0.0, 123456.7]),
    ("float16", [2.2, 3.3, 65504.0, 1e-5, 0.1, -0.0, 6e-8]),
]:
    for v in values:
        x = getattr(np, dtype)(v)
        if str(x) != _ndarray.scalar_str(float(x), dtype):
            failures += 1
            print("MISMATCH %s %r: numpy %s ours %s" % (dtype, v, str(x), _ndarray.scalar_str(float(x), dtype)))
print("%d arrays x 2 + 23 scalars compared with NumPy %s: %d mismatches" % (len(cases), np.__version__, failures))
sys.exit(1 if failures else 0)
