# tf.train.Checkpoint / CheckpointManager as in TF's "Training checkpoints" guide and the
# "TensorFlow 2 (simple and rough)" book (restore into a model not built yet), and tf.summary event
# files read back by a TFRecord/protobuf reader written here (CRC-32C check value of "123456789":
# 0xE3069283, RFC 3720).
import glob
import os
import shutil
import struct

import numpy as np
import tensorflow as tf

shutil.rmtree("/tmp/xtape_ckpts", ignore_errors=True)


class Net(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.l1 = tf.keras.layers.Dense(5)

    def call(self, x):
        return self.l1(x)


net = Net()
opt = tf.keras.optimizers.Adam(0.1)
x = tf.reshape(tf.range(10, dtype=tf.float32), [2, 5])
for _ in range(3):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.abs(net(x) - 1.0))
    opt.apply_gradients(zip(tape.gradient(loss, net.trainable_variables), net.trainable_variables, strict=False))
ckpt = tf.train.Checkpoint(step=tf.Variable(1), optimizer=opt, net=net)
manager = tf.train.CheckpointManager(ckpt, "/tmp/xtape_ckpts/tf_ckpts", max_to_keep=3)
print(manager.latest_checkpoint)
for _ in range(5):
    ckpt.step.assign_add(1)
    print("Saved checkpoint for step {}: {}".format(int(ckpt.step), manager.save()))
print(manager.checkpoints)
print(sorted(os.listdir("/tmp/xtape_ckpts/tf_ckpts")))
print(tf.train.latest_checkpoint("/tmp/xtape_ckpts/tf_ckpts"))
print([k for k, _ in tf.train.list_variables("/tmp/xtape_ckpts/tf_ckpts")])
print(tf.train.load_variable("/tmp/xtape_ckpts/tf_ckpts", "step/.ATTRIBUTES/VARIABLE_VALUE"), ckpt.save_counter.numpy())

# a new model and checkpoint, restored before the model has weights: they arrive when it builds
new_net = Net()
status = tf.train.Checkpoint(step=tf.Variable(0), net=new_net).restore(manager.latest_checkpoint)
try:
    status.assert_consumed()
except AssertionError as e:
    print("AssertionError:", str(e).split(": ", 1)[0])
print(np.array_equal(new_net(x).numpy(), net(x).numpy()))
manager2 = tf.train.CheckpointManager(tf.train.Checkpoint(net=Net()), "/tmp/xtape_ckpts/tf_ckpts", max_to_keep=3)
print(manager2.latest_checkpoint == manager.latest_checkpoint, len(manager2.checkpoints))
print(tf.train.Checkpoint(net=Net()).restore(None).__class__.__name__)

a = tf.Variable([1.0, 2.0])
path = tf.train.Checkpoint(a=a).write("/tmp/xtape_ckpts/single")
a.assign([0.0, 0.0])
tf.train.Checkpoint(a=a).read(path).assert_consumed()
print(path, a.numpy())
try:
    tf.train.Checkpoint(a=tf.Variable([1.0, 2.0, 3.0])).read(path)
except ValueError as e:
    print("ValueError:", e)
try:
    tf.train.Checkpoint(a=1.0)
except ValueError as e:
    print("ValueError:", str(e)[:60])


# --- tf.summary: the event file, read back -----------------------------------------------------
def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c ^= b
        for _ in range(8):
            c = (c >> 1) ^ (0x82F63B78 if c & 1 else 0)
    return c ^ 0xFFFFFFFF


def unmask(m):
    r = (m - 0xA282EAD8) & 0xFFFFFFFF
    return ((r >> 17) | (r << 15)) & 0xFFFFFFFF


def fields(buf):
    """(field number, wire type, value) of a protobuf message."""
    i, out = 0, []
    while i < len(buf):
        key, i = varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            v, i = varint(buf, i)
        elif wire == 1:
            v, i = struct.unpack_from("<d", buf, i)[0], i + 8
        elif wire == 5:
            v, i = struct.unpack_from("<f", buf, i)[0], i + 4
        else:
            n, i = varint(buf, i)
            v, i = buf[i : i + n], i + n
        out.append((number, wire, v))
    return out


def varint(buf, i):
    shift = v = 0
    while True:
        b = buf[i]
        i += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return v, i


print(hex(crc32c(b"123456789")))
shutil.rmtree("/tmp/xtape_logs", ignore_errors=True)
writer = tf.summary.create_file_writer("/tmp/xtape_logs/train")
print(tf.summary.scalar("loss", 1.0, step=0))  # no default writer: nothing written
with writer.as_default():
    for step in range(3):
        tf.summary.scalar("loss", 0.5 * step, step=step)
    tf.summary.text("note", "hello", step=3)
    tf.summary.histogram("w", tf.constant([0.0, 1.0, 1.0, 3.0]), step=4, buckets=3)
writer.close()
(name,) = glob.glob("/tmp/xtape_logs/train/events.out.tfevents.*")
data = open(name, "rb").read()
i, events = 0, []
while i < len(data):
    (n,) = struct.unpack_from("<Q", data, i)
    ok = unmask(struct.unpack_from("<I", data, i + 8)[0]) == crc32c(data[i : i + 8])
    body = data[i + 12 : i + 12 + n]
    ok = ok and unmask(struct.unpack_from("<I", data, i + 12 + n)[0]) == crc32c(body)
    events.append((ok, fields(body)))
    i += 16 + n
print(name.endswith(".v2"), len(events), all(ok for ok, _ in events))
print([v for number, _, v in events[0][1] if number == 3])  # the file version record
for _, ev in events[1:]:
    step = [v for number, _, v in ev if number == 2]
    (summary,) = [v for number, _, v in ev if number == 5]
    (value,) = [fields(v) for number, _, v in fields(summary) if number == 1]
    tag = [v.decode() for number, _, v in value if number == 1]
    simple = [v for number, _, v in value if number == 2]
    tensor = [fields(v) for number, _, v in value if number == 8]
    plugin = [fields(fields(v)[0][2])[0][2].decode() for number, _, v in value if number == 9]
    shown = simple
    if tensor:
        t = tensor[0]
        strings = [v.decode() for number, _, v in t if number == 8]
        content = [v for number, _, v in t if number == 4]
        shown = strings or [list(struct.unpack("<%dd" % (len(content[0]) // 8), content[0]))]
    print(step, tag, plugin, shown)

# hostile checkpoint files: each a ValueError that names the file, the variables untouched
target = tf.Variable([5.0, 6.0])
for index, data in ((b"{not json", b""), (b'{"format": "tf"}', b""), (b'{"format": "xtape-checkpoint-1"}', b"junk")):
    with open("/tmp/xtape_ckpts/bad.index", "wb") as f:
        f.write(index)
    with open("/tmp/xtape_ckpts/bad.data-00000-of-00001", "wb") as f:
        f.write(data)
    try:
        tf.train.Checkpoint(a=target).restore("/tmp/xtape_ckpts/bad")
    except ValueError as e:
        print("ValueError:", str(e).split(" (")[0])
print(target.numpy())
