"""TensorBoard's event files: TFRecord framing (length, masked CRC-32C of the length, the record,
its masked CRC-32C) around Event protocol buffers, encoded here by hand for the few messages
tf.summary writes (Event, Summary.Value with simple_value, histo, image, text tensor). The
field numbers are those of TF's event.proto, summary.proto and tensor.proto."""

import os
import struct
import time

# --- CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), and TFRecord's mask -----------------
_TABLE = []
for _n in range(256):
    _c = _n
    for _ in range(8):
        _c = (_c >> 1) ^ 0x82F63B78 if _c & 1 else _c >> 1
    _TABLE.append(_c)


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = _TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked_crc(data):
    c = crc32c(data)
    return (((c >> 15) | (c << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def record(data):
    """One TFRecord: uint64 length, uint32 masked crc of it, the data, uint32 masked crc of it."""
    n = struct.pack("<Q", len(data))
    return n + struct.pack("<I", masked_crc(n)) + data + struct.pack("<I", masked_crc(data))


# --- protocol buffer encoding -------------------------------------------------------------------
def _varint(v):
    v &= (1 << 64) - 1  # negative int64 as its two's complement (protobuf)
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_varint(number, v):
    return _varint(number << 3) + _varint(int(v))


def field_double(number, v):
    return _varint(number << 3 | 1) + struct.pack("<d", float(v))


def field_float(number, v):
    return _varint(number << 3 | 5) + struct.pack("<f", float(v))


def field_bytes(number, data):
    data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def packed_doubles(number, values):
    return field_bytes(number, b"".join(struct.pack("<d", float(v)) for v in values))


def event(step, summary_value=None, file_version=None, wall_time=None):
    """Event{wall_time=1, step=2, file_version=3, summary=5{value=1}}."""
    out = field_double(1, time.time() if wall_time is None else wall_time) + field_varint(2, step)
    if file_version is not None:
        out += field_bytes(3, file_version)
    if summary_value is not None:
        out += field_bytes(5, field_bytes(1, summary_value))
    return out


def plugin_metadata(plugin_name, description=None):
    """SummaryMetadata{plugin_data=1{plugin_name=1}, summary_description=3}."""
    out = field_bytes(1, field_bytes(1, plugin_name))
    if description:
        out += field_bytes(3, description)
    return out


class EventFileWriter:
    """events.out.tfevents.<time>.<host>.<pid>.<n>.v2 in logdir, opened with TF's file_version
    record; records are appended and flushed on flush() and close()."""

    _count = 0

    def __init__(self, logdir, filename_suffix=".v2"):
        os.makedirs(logdir, exist_ok=True)
        EventFileWriter._count += 1
        name = "events.out.tfevents.%d.xtape.%d.%d%s" % (int(time.time()), os.getpid(), self._count, filename_suffix)
        self.path = os.path.join(logdir, name)
        self._file = open(self.path, "wb")
        self.write(event(0, file_version="brain.Event:2"))

    def write(self, event_bytes):
        if self._file is None:
            raise RuntimeError("the summary writer for %s is closed" % self.path)
        self._file.write(record(event_bytes))

    def flush(self):
        if self._file is not None:
            self._file.flush()

    def close(self):
        if self._file is not None:
            self._file.close()
            self._file = None
