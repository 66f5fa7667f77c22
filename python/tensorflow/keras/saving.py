"""save_weights / load_weights as NumPy's .npz (a zip of arr_0.npy, arr_1.npy, ... in the
model's weight order; np.load reads it). The .npy bytes are the core's (xtape_js.io), so every
dtype round-trips exactly; a file whose arrays do not fit the model is refused by set_weights."""

import zipfile

from ..framework.bridge import call, js, to_js
from ..framework.tensor import Tensor

_MAX_BYTES = 1 << 30  # a weights file past 1 GiB is refused before it is read


def save_npz(filepath, weights):
    path = str(filepath)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for i, w in enumerate(weights):
            value = w.value()  # held: the JS tensor lives while the Python one does
            z.writestr("arr_%d.npy" % i, bytes(call(js.io.toNpy, value._t).to_py()))


def load_npz(filepath):
    path = str(filepath)
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise ValueError("load_weights: %s is not a .npz weights file (%s)" % (path, e)) from None
    with z:
        names = sorted(
            (n for n in z.namelist() if n.startswith("arr_") and n.endswith(".npy")), key=lambda n: int(n[4:-4])
        )
        if sum(z.getinfo(n).file_size for n in names) > _MAX_BYTES:
            raise ValueError("load_weights: %s holds more than %d bytes of arrays" % (path, _MAX_BYTES))
        out = []
        for n in names:
            out.append(Tensor(call(js.io.parseNpy, to_js(z.read(n)), path + ":" + n)))
        return out
