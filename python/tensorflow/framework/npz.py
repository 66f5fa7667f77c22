"""Named tensors in NumPy's .npz format (a zip of <name>.npy files; np.load reads it), the one
on-disk format of xtape's Python: Keras's save_weights and tf.train.Checkpoint's data. The .npy
bytes are the core's (xtape_js.io), so every dtype round-trips exactly."""

import zipfile

from .bridge import call, js, to_js
from .tensor import Tensor

_MAX_BYTES = 1 << 30  # a file holding more than 1 GiB of arrays is refused before it is read


def _target(filepath):
    return filepath if hasattr(filepath, "read") or hasattr(filepath, "write") else str(filepath)


def write_npz(filepath, named):
    """named: (name, tensor or variable) pairs, written in order (to a path or a binary file)."""
    with zipfile.ZipFile(_target(filepath), "w", zipfile.ZIP_STORED) as z:
        for name, w in named:
            value = w.value() if hasattr(w, "value") else w  # held: the JS tensor lives while it does
            z.writestr(name + ".npy", bytes(call(js.io.toNpy, value._t).to_py()))


def read_npz(filepath, what):
    """{name: Tensor} in the file's order (a path or a binary file); `what` names the reader in errors."""
    path = getattr(filepath, "name", None) or ("<bytes>" if hasattr(filepath, "read") else str(filepath))
    try:
        z = zipfile.ZipFile(_target(filepath))
    except (zipfile.BadZipFile, OSError) as e:
        raise ValueError("%s: %s is not a .npz file (%s)" % (what, path, e)) from None
    with z:
        names = [n for n in z.namelist() if n.endswith(".npy")]
        if sum(z.getinfo(n).file_size for n in names) > _MAX_BYTES:
            raise ValueError("%s: %s holds more than %d bytes of arrays" % (what, path, _MAX_BYTES))
        return {n[: -len(".npy")]: Tensor(call(js.io.parseNpy, to_js(z.read(n)), path + ":" + n)) for n in names}


def save_weights_npz(filepath, weights):
    """A model's weights in order as arr_0, arr_1, ... (np.savez's names)."""
    write_npz(filepath, [("arr_%d" % i, w) for i, w in enumerate(weights)])


def load_weights_npz(filepath):
    arrays = read_npz(filepath, "load_weights")
    names = sorted((n for n in arrays if n.startswith("arr_") and n[4:].isdigit()), key=lambda n: int(n[4:]))
    return [arrays[n] for n in names]
