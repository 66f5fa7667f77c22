"""np.save / np.load of .npy files (format 1.0, little-endian, C order) in Pyodide's file system."""

import ast
import struct

from pyodide.ffi import to_js

from ._array import asarray, ndarray
from ._dtypes import dtype

_CODES = {
    "<f4": "float32",
    "<f8": "float64",
    "<f2": "float16",
    "<i4": "int32",
    "<i8": "int64",
    "|u1": "uint8",
    "|b1": "bool",
}
_CODES.update({"u1": "uint8", "b1": "bool", "<u1": "uint8", "<b1": "bool"})
_STRUCT = {"float32": "f", "float64": "d", "float16": "e", "int32": "i", "int64": "q", "uint8": "B", "bool": "?"}


def save(file, arr, allow_pickle=True):
    a = asarray(arr)
    if isinstance(file, str) and not file.endswith(".npy"):
        file += ".npy"
    shape = a.shape
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (
        dtype(a.dtype).str,
        "(%s)" % (", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "")),
    )
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    values = a._values()
    body = struct.pack("<%d%s" % (len(values), _STRUCT[a.dtype.name]), *values)
    data = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + body
    if hasattr(file, "write"):
        file.write(data)
    else:
        with open(file, "wb") as f:
            f.write(data)


def load(file, allow_pickle=False):
    if hasattr(file, "read"):
        data = file.read()
    else:
        with open(file, "rb") as f:
            data = f.read()
    if data[:6] != b"\x93NUMPY":
        raise ValueError("%s is not a .npy file (xtape's NumPy reads .npy only; .npz is not in the subset)" % file)
    major = data[6]
    hlen, start = (struct.unpack("<H", data[8:10])[0], 10) if major == 1 else (struct.unpack("<I", data[8:12])[0], 12)
    header = ast.literal_eval(data[start : start + hlen].decode("latin1"))
    name = _CODES.get(header["descr"])
    if name is None or header.get("fortran_order"):
        raise ValueError("np.load: %s arrays are not in xtape's NumPy subset" % header["descr"])
    shape = list(header["shape"])
    n = 1
    for d in shape:
        n *= d
    body = data[start + hlen :]
    size = struct.calcsize(_STRUCT[name])
    if len(body) < n * size:
        raise ValueError("np.load: the file holds %d bytes of data, its header needs %d" % (len(body), n * size))
    values = list(struct.unpack("<%d%s" % (n, _STRUCT[name]), body[: n * size]))
    import xtape_js as js

    flat = [int(v) for v in values] if name == "bool" else values
    return ndarray._wrap(js.constant(to_js(flat), to_js(shape), name))
