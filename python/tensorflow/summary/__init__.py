"""tf.summary: create_file_writer(logdir) and, inside `with writer.as_default():`, scalar,
histogram, text and image records at a step, written as TensorBoard event files (TensorBoard
reads them: `tensorboard --logdir` on the folder). Without a default writer a summary op writes
nothing and returns False, as TF's. Graph tracing (trace_on / trace_export) is not provided."""

import struct
import zlib

from ..framework.tensor import convert_to_tensor
from . import event_file as _ef

_DEFAULT = []  # the writers of the enclosing as_default() blocks, innermost last
_STEP = [None]  # tf.summary.experimental.set_step
_RECORD = [True]  # tf.summary.record_if


class SummaryWriter:
    """What create_file_writer returns: as_default(step=None) as a context, set_as_default, flush,
    close."""

    def __init__(self, logdir, max_queue=None, flush_millis=None, filename_suffix=None, name=None):
        self.logdir = str(logdir)
        self._writer = _ef.EventFileWriter(self.logdir, ".v2" if filename_suffix is None else filename_suffix)

    def as_default(self, step=None):
        return _Default(self, step)

    def set_as_default(self, step=None):
        _DEFAULT.append(self)
        if step is not None:
            _STEP[0] = int(step)

    def init(self):
        return None

    def _write(self, step, value):
        self._writer.write(_ef.event(step, summary_value=value))

    def flush(self):
        self._writer.flush()

    def close(self):
        self._writer.close()
        while self in _DEFAULT:
            _DEFAULT.remove(self)


class _Default:
    def __init__(self, writer, step):
        self._writer, self._step = writer, step

    def __enter__(self):
        _DEFAULT.append(self._writer)
        self._old_step = _STEP[0]
        if self._step is not None:
            _STEP[0] = int(self._step)
        return self._writer

    def __exit__(self, *exc):
        _DEFAULT.remove(self._writer)
        _STEP[0] = self._old_step
        self._writer.flush()
        return False


def create_file_writer(logdir, max_queue=None, flush_millis=None, filename_suffix=None, name=None,
                       experimental_trackable=False):  # fmt: skip
    """tf.summary.create_file_writer(logdir): a writer of an event file in logdir (made if absent)."""
    return SummaryWriter(logdir, max_queue, flush_millis, filename_suffix, name)


def create_noop_writer():
    return _NoopWriter()


class _NoopWriter:
    def as_default(self, step=None):
        return _Default(self, step)

    def set_as_default(self, step=None):
        _DEFAULT.append(self)

    def _write(self, step, value):
        pass

    def flush(self):
        pass

    def close(self):
        pass


def _target(step):
    """(writer, step) for a summary op, or None when nothing is to be written."""
    if not _DEFAULT or not _RECORD[0] or (callable(_RECORD[0]) and not _RECORD[0]()):
        return None
    step = _STEP[0] if step is None else step
    if step is None:
        raise ValueError(
            "No step set. Please specify one either through the `step` argument or through "
            "tf.summary.experimental.set_step()"
        )
    return _DEFAULT[-1], int(convert_to_tensor(step).numpy()) if not isinstance(step, int) else step


def _value(tag, body, plugin=None, description=None):
    """Summary.Value{tag=1, metadata=9, then the body: simple_value=2 or tensor=8}."""
    out = _ef.field_bytes(1, tag)
    if plugin is not None:
        out += _ef.field_bytes(9, _ef.plugin_metadata(plugin, description))
    return out + body


def scalar(name, data, step=None, description=None):
    """A scalar at step (TensorBoard's Scalars tab). Returns True if it was written."""
    target = _target(step)
    if target is None:
        return False
    t = convert_to_tensor(data)
    if t.shape.rank != 0:
        raise ValueError("tf.summary.scalar: expected a scalar, got a tensor of shape %s" % (t.shape,))
    writer, s = target
    plugin = "scalars" if description else None
    writer._write(s, _value(name, _ef.field_float(2, float(t.numpy())), plugin, description))
    return True


def _tensor_proto(dtype_enum, dims, content=None, strings=None):
    """TensorProto{dtype=1, tensor_shape=2{dim=2{size=1}}, tensor_content=4, string_val=8}."""
    shape = b"".join(_ef.field_bytes(2, _ef.field_varint(1, d)) for d in dims)
    out = _ef.field_varint(1, dtype_enum) + _ef.field_bytes(2, shape)
    if content is not None:
        out += _ef.field_bytes(4, content)
    for s in strings or []:
        out += _ef.field_bytes(8, s)
    return out


def histogram(name, data, step=None, buckets=None, description=None):
    """The values' histogram at step: `buckets` (30) equal-width buckets over [min, max], as TF's
    [k, 3] tensor of (left edge, right edge, count) (TensorBoard's Histograms tab)."""
    target = _target(step)
    if target is None:
        return False
    values = [float(v) for v in convert_to_tensor(data).numpy().reshape(-1).tolist()]
    k = 30 if buckets is None else int(buckets)
    rows = []
    if values and k > 0:
        lo, hi = min(values), max(values)
        if lo == hi:
            rows = [(lo - 0.5, hi + 0.5, float(len(values)))]
        else:
            width = (hi - lo) / k
            counts = [0] * k
            for v in values:
                counts[min(int((v - lo) / width), k - 1)] += 1
            rows = [(lo + i * width, lo + (i + 1) * width if i < k - 1 else hi, float(c)) for i, c in enumerate(counts)]
    content = b"".join(struct.pack("<3d", *r) for r in rows)
    writer, s = target
    proto = _tensor_proto(2, [len(rows), 3], content=content)  # DT_DOUBLE
    writer._write(s, _value(name, _ef.field_bytes(8, proto), "histograms", description))
    return True


def text(name, data, step=None, description=None):
    """A string (Markdown in TensorBoard's Text tab) at step."""
    target = _target(step)
    if target is None:
        return False
    strings = [data] if isinstance(data, (str, bytes)) else [str(d) for d in data]
    writer, s = target
    dims = [] if isinstance(data, (str, bytes)) else [len(strings)]
    proto = _tensor_proto(7, dims, strings=strings)  # DT_STRING
    writer._write(s, _value(name, _ef.field_bytes(8, proto), "text", description))
    return True


def _png(pixels, h, w, c):
    """A PNG of 8-bit rows (color type 0 gray, 2 RGB, 4 gray+alpha, 6 RGBA), filter 0 per row."""
    kind = {1: 0, 2: 4, 3: 2, 4: 6}[c]

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(pixels[y * w * c : (y + 1) * w * c]) for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, kind, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))  # fmt: skip


def image(name, data, step=None, max_outputs=3, description=None):
    """Images [k, h, w, c] (c 1-4; floats in [0, 1] or uint8) at step, the first max_outputs as PNG
    (TensorBoard's Images tab)."""
    target = _target(step)
    if target is None:
        return False
    t = convert_to_tensor(data)
    if t.shape.rank != 4 or t.shape[-1] not in (1, 2, 3, 4):
        raise ValueError("tf.summary.image: expected [k, h, w, c] with c in 1..4, got shape %s" % (t.shape,))
    k, h, w, c = (int(d) for d in t.shape)
    flat = t.numpy().reshape(-1).tolist()
    if t.dtype.name != "uint8":
        flat = [min(255, max(0, int(v * 255.0 + 0.5))) for v in flat]
    writer, s = target
    n = min(k, int(max_outputs))
    pngs = [_png(flat[i * h * w * c : (i + 1) * h * w * c], h, w, c) for i in range(n)]
    strings = [str(w).encode(), str(h).encode()] + pngs
    proto = _tensor_proto(7, [len(strings)], strings=strings)
    writer._write(s, _value(name, _ef.field_bytes(8, proto), "images", description))
    return True


def flush(writer=None, name=None):
    (writer or (_DEFAULT[-1] if _DEFAULT else _NoopWriter())).flush()


class record_if:  # noqa: N801  (tf.summary.record_if)
    """with tf.summary.record_if(condition): summaries are written only while it holds (a bool or a
    callable)."""

    def __init__(self, condition):
        self._condition = condition

    def __enter__(self):
        self._old = _RECORD[0]
        _RECORD[0] = self._condition

    def __exit__(self, *exc):
        _RECORD[0] = self._old
        return False


def should_record_summaries():
    return bool(_DEFAULT) and bool(_RECORD[0]() if callable(_RECORD[0]) else _RECORD[0])


class experimental:  # noqa: N801  (tf.summary.experimental)
    @staticmethod
    def set_step(step):
        _STEP[0] = None if step is None else int(convert_to_tensor(step).numpy())

    @staticmethod
    def get_step():
        return _STEP[0]


def trace_on(graph=True, profiler=False):
    raise NotImplementedError("tf.summary.trace_on: xtape has no graphs to trace for TensorBoard")


trace_export = trace_off = trace_on
