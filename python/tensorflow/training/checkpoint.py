"""tf.train.Checkpoint, CheckpointManager, latest_checkpoint, list_variables, load_variable.

As in TF, a checkpoint saves the variables reachable from its keyword objects by the object
graph, each under TF's key <path>/.ATTRIBUTES/VARIABLE_VALUE: attribute names for a tf.Module or
a Keras layer ("model/dense_1/w", "encoder/cell/kernel"), "layer-<i>" for a Sequential's or
functional model's layers, "iter" for an optimizer, list indices, dict keys.
So a model built by the same code restores, in a new process too, and a model not yet built is
restored when it builds (TF's deferred restoration). Files, under TF's names: <prefix>-<n>.index
(JSON: the keys, shapes and dtypes) and <prefix>-<n>.data-00000-of-00001 (the values as .npz, key
-> array; np.load reads it), and the directory's "checkpoint" text file in TF's format. The
formats are xtape's, not TF's binary bundle: TF cannot read them, nor xtape TF's. An optimizer's
slots (Adam's moments) live in the core and are not saved; its step counter is."""

import json
import os
import re
import time

from ..framework.constant_op import constant
from ..framework.npz import read_npz, write_npz
from ..module.module import Module
from ..ops.variables import Variable

_DATA = ".data-00000-of-00001"
_INDEX = ".index"
_FORMAT = "xtape-checkpoint-1"


def _name(w):
    return str(w.name).split("/")[-1].split(":")[0]


def _children(obj, writing=False):
    """(name, child) pairs of a trackable object, in a fixed order, as TF's object graph names
    them: attribute names (lists by index, dicts by key), a Sequential's or functional model's
    layers as layer-<i>, an optimizer's step count as iter; save_counter once a save made it."""
    from ..keras.layers import Layer
    from ..keras.models import Sequential
    from ..keras.optimizers import Optimizer

    if isinstance(obj, Checkpoint):
        counter = [] if writing and int(obj.save_counter.numpy()) == 0 else [("save_counter", obj.save_counter)]
        return list(obj._objects.items()) + counter
    if isinstance(obj, Optimizer):
        return [("iter", obj.iterations)]
    if isinstance(obj, Layer) and (isinstance(obj, Sequential) or getattr(obj, "_functional", None) is not None):
        out = [("layer-%d" % i, layer) for i, layer in enumerate(obj._sublayers())]
        return out + ([("optimizer", obj.optimizer)] if getattr(obj, "optimizer", None) is not None else [])
    if isinstance(obj, Module):
        d = obj.__dict__
        out = [(k, d[k]) for k in sorted(d) if not k.startswith("_") and _trackable(d[k])]
        if isinstance(obj, Layer):  # weights no attribute holds, by their names
            held = {id(v) for _, v in out}
            loose = [w for w in obj._own_weights if id(w) not in held]
            names = [_name(w) for w in loose]
            out += [
                (n if names.count(n) == 1 else "%s-%d" % (n, i), w)
                for i, (n, w) in enumerate(zip(names, loose, strict=False))
            ]
        return out
    if isinstance(obj, (list, tuple)):
        return [(str(i), v) for i, v in enumerate(obj) if _trackable(v)]
    if isinstance(obj, dict):
        return [(str(k), obj[k]) for k in sorted(obj, key=str) if _trackable(obj[k])]
    return []


def _trackable(v):
    from ..keras.optimizers import Optimizer

    return isinstance(v, (Variable, Module, Optimizer, Checkpoint, list, tuple, dict))


_VALUE = "/.ATTRIBUTES/VARIABLE_VALUE"  # TF's key of a variable's value under its path
_GRAPH = "_CHECKPOINTABLE_OBJECT_GRAPH"


def _variables(obj, prefix="", seen=None):
    """(key, variable) of every variable reachable from obj, each once (its first path)."""
    seen = set() if seen is None else seen
    out = []
    for name, child in _children(obj, writing=True):
        if id(child) in seen:
            continue
        seen.add(id(child))
        key = prefix + name
        if isinstance(child, Variable):
            out.append((key + _VALUE, child))
        else:
            out.extend(_variables(child, key + "/", seen))
    return out


def restore_into(obj, values, status):
    """Assigns values (key relative to obj -> Tensor) to obj's variables; what is left for a layer or
    optimizer not yet built waits on it and is assigned when it builds."""
    from ..keras.layers import Layer

    left = dict(values)
    for name, child in _children(obj):
        if isinstance(child, Variable):
            if name + _VALUE in left:
                _assign(child, left.pop(name + _VALUE), status.path + ":" + name)
                status._matched.add(id(child))
            continue
        sub = {k[len(name) + 1 :]: v for k, v in left.items() if k.startswith(name + "/")}
        if sub:
            for k in sub:
                del left[name + "/" + k]
            restore_into(child, sub, status)
    if left and isinstance(obj, Layer) and not obj.built:
        obj._deferred_restore = (left, status)
        status._deferred[id(obj)] = left
    else:
        status._unused.update(left)


def restore_deferred(layer):
    """Called by a Layer when it has built: the checkpoint values that waited for its weights."""
    pending = layer.__dict__.pop("_deferred_restore", None)
    if pending is not None:
        values, status = pending
        status._deferred.pop(id(layer), None)
        restore_into(layer, values, status)


def _assign(variable, value, where):
    if tuple(variable.shape) != tuple(value.shape) or variable.dtype != value.dtype:
        raise ValueError(
            "Checkpoint restore: the value saved for %s has shape %s and dtype %s, but the variable has shape %s "
            "and dtype %s" % (where, tuple(value.shape), value.dtype.name, tuple(variable.shape), variable.dtype.name)
        )
    variable.assign(value)


class CheckpointLoadStatus:
    """What Checkpoint.restore returns: assert_consumed() fails while a saved value has found no
    variable (or waits for a layer to build); assert_existing_objects_matched() fails while a
    variable of the checkpointed objects got no value; expect_partial() silences nothing here (xtape
    warns of nothing) and returns the status."""

    def __init__(self, path, root):
        self.path, self._root = path, root
        self._matched, self._unused, self._deferred = set(), set(), {}

    def assert_consumed(self):
        waiting = sorted(k for v in self._deferred.values() for k in v)
        if self._unused or waiting:
            raise AssertionError(
                "Unresolved object in checkpoint %s: %s" % (self.path, ", ".join(sorted(self._unused) + waiting))
            )
        self.assert_existing_objects_matched()
        return self

    def assert_existing_objects_matched(self):
        missing = [k for k, v in _variables(self._root) if id(v) not in self._matched]
        if missing:
            raise AssertionError("No checkpoint value in %s for: %s" % (self.path, ", ".join(missing)))
        return self

    def assert_nontrivial_match(self):
        if not self._matched:
            raise AssertionError("Nothing in %s matched the checkpointed objects" % self.path)
        return self

    def expect_partial(self):
        return self

    def run_restore_ops(self, session=None):
        return None


class InitializationOnlyStatus(CheckpointLoadStatus):
    """restore(None): nothing to restore, the variables keep their initial values (TF)."""

    def __init__(self, root):
        CheckpointLoadStatus.__init__(self, None, root)

    def assert_consumed(self):
        raise AssertionError("No checkpoint specified (save_path=None); nothing is being restored.")

    assert_existing_objects_matched = assert_nontrivial_match = assert_consumed


class Checkpoint:
    """tf.train.Checkpoint(**objects): save(prefix) writes <prefix>-<n> (n = save_counter after
    incrementing) and updates the directory's "checkpoint" file; write(prefix) writes <prefix> alone;
    restore(path) / read(path) assign the saved values (restore(None) does nothing)."""

    def __init__(self, root=None, **kwargs):
        objects = dict(kwargs)
        if root is not None:
            objects["root"] = root
        for _k, v in objects.items():
            if not _trackable(v):
                raise ValueError(
                    "`Checkpoint` was expecting a trackable object (an object derived from `Trackable`), got %r. "
                    "If you believe this object should be trackable (i.e. it is part of the TensorFlow Python "
                    "API and manages state), please open an issue." % (v,)
                )
        self._objects = objects
        self.save_counter = Variable(constant(0, "int64"), name="save_counter", trainable=False)

    def __getattr__(self, name):
        objects = self.__dict__.get("_objects", {})
        if name in objects:
            return objects[name]
        raise AttributeError("'Checkpoint' object has no attribute '%s'" % name)

    def write(self, file_prefix, options=None):
        prefix = os.fspath(file_prefix)
        named = _variables(self)
        directory = os.path.dirname(prefix)
        if directory:
            os.makedirs(directory, exist_ok=True)
        write_npz(prefix + _DATA, named)
        index = {"format": _FORMAT, "variables": {k: [list(v.shape), v.dtype.name] for k, v in named}}
        with open(prefix + _INDEX, "w") as f:
            json.dump(index, f, indent=1)
        return prefix

    def save(self, file_prefix, options=None):
        self.save_counter.assign_add(1)
        return update_state(self.write("%s-%d" % (os.fspath(file_prefix), int(self.save_counter.numpy()))))

    def read(self, save_path, options=None):
        if save_path is None:
            return InitializationOnlyStatus(self)
        path = os.fspath(save_path)
        values = _load(path)
        status = CheckpointLoadStatus(path, self)
        restore_into(self, values, status)
        return status

    restore = read

    def __repr__(self):
        return "<tensorflow.python.checkpoint.checkpoint.Checkpoint object at 0x%x>" % id(self)


def _load(path):
    if not os.path.exists(path + _INDEX) or not os.path.exists(path + _DATA):
        raise ValueError(
            "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for %s (xtape expects "
            "%s%s and %s%s, written by xtape's Checkpoint.save)" % (path, path, _INDEX, path, _DATA)
        )
    try:
        with open(path + _INDEX) as f:
            index = json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError("%s%s is not an xtape checkpoint index (%s)" % (path, _INDEX, e)) from None
    if not isinstance(index, dict) or index.get("format") != _FORMAT:
        raise ValueError("%s%s is not an xtape checkpoint index (TF's own checkpoints are not readable by "
                         "xtape)" % (path, _INDEX))  # fmt: skip
    return read_npz(path + _DATA, "Checkpoint.restore")


# --- the directory's "checkpoint" file (TF's CheckpointState as text) ---------------------------
_LINE = re.compile(r'^(model_checkpoint_path|all_model_checkpoint_paths): "(.*)"$')


def _read_state(directory, latest_filename=None):
    path = os.path.join(directory, latest_filename or "checkpoint")
    if not os.path.isfile(path):
        return None
    latest, everything = None, []
    with open(path) as f:
        for line in f:
            m = _LINE.match(line.strip())
            if m:
                p = m.group(2) if os.path.isabs(m.group(2)) else os.path.join(directory, m.group(2))
                if m.group(1) == "model_checkpoint_path":
                    latest = p
                else:
                    everything.append(p)
    return {"latest": latest, "all": everything}


def _write_state(directory, latest, paths):
    def rel(p):
        return os.path.relpath(p, directory) if os.path.dirname(p) in (directory, "") else p

    lines = ['model_checkpoint_path: "%s"' % rel(latest)]
    lines += ['all_model_checkpoint_paths: "%s"' % rel(p) for p in paths]
    lines += ["all_model_checkpoint_timestamps: %f" % time.time() for _ in paths]
    lines.append("last_preserved_timestamp: %f" % time.time())
    with open(os.path.join(directory, "checkpoint"), "w") as f:
        f.write("\n".join(lines) + "\n")


def update_state(path):
    """Adds path to its folder's "checkpoint" file as the latest (Keras 2's save_weights)."""
    directory = os.path.dirname(path) or "."
    state = _read_state(directory)
    _write_state(directory, path, [p for p in (state or {}).get("all", []) if p != path] + [path])
    return path


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The newest checkpoint's prefix named by checkpoint_dir's "checkpoint" file, None if none."""
    state = _read_state(os.fspath(checkpoint_dir), latest_filename)
    if not state or not state["latest"]:
        return None
    p = state["latest"]
    return p if os.path.exists(p + _INDEX) else None


class CheckpointManager:
    """tf.train.CheckpointManager(checkpoint, directory, max_to_keep, checkpoint_name='ckpt'):
    save() writes <directory>/<checkpoint_name>-<n> and deletes the oldest beyond max_to_keep;
    latest_checkpoint and checkpoints survive a new process (read from the "checkpoint" file)."""

    def __init__(self, checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours=None,
                 checkpoint_name="ckpt", step_counter=None, checkpoint_interval=None, init_fn=None):  # fmt: skip
        if max_to_keep is not None and max_to_keep <= 0:
            raise ValueError("Expected a positive integer or `None` for `max_to_keep`, got %d." % max_to_keep)
        self._checkpoint = checkpoint
        self.directory = os.fspath(directory)
        self._max_to_keep = max_to_keep
        self._prefix = os.path.join(self.directory, checkpoint_name)
        self._step_counter = step_counter
        state = _read_state(self.directory)
        self._paths = [p for p in state["all"] if os.path.exists(p + _INDEX)] if state else []

    @property
    def checkpoint(self):
        return self._checkpoint

    @property
    def latest_checkpoint(self):
        return self._paths[-1] if self._paths else None

    @property
    def checkpoints(self):
        return list(self._paths)

    def save(self, checkpoint_number=None, check_interval=True, options=None):
        os.makedirs(self.directory, exist_ok=True)
        if checkpoint_number is None and self._step_counter is not None:
            checkpoint_number = int(self._step_counter.numpy())
        if checkpoint_number is None:
            path = self._checkpoint.save(self._prefix)
        else:
            self._checkpoint.save_counter.assign_add(1)
            path = self._checkpoint.write("%s-%d" % (self._prefix, int(checkpoint_number)))
        self._paths = [p for p in self._paths if p != path] + [path]
        if self._max_to_keep is not None:
            while len(self._paths) > self._max_to_keep:
                old = self._paths.pop(0)
                for suffix in (_INDEX, _DATA):
                    if os.path.exists(old + suffix):
                        os.remove(old + suffix)
        _write_state(self.directory, path, self._paths)
        return path

    def restore_or_initialize(self):
        if self.latest_checkpoint is not None:
            self._checkpoint.restore(self.latest_checkpoint)
            return self.latest_checkpoint
        return None


def list_variables(ckpt_dir_or_file):
    """[(key, shape)] of a checkpoint (a prefix, or a directory: its latest), sorted by key."""
    values = _load(_resolve(ckpt_dir_or_file))
    return sorted([(_GRAPH, [])] + [(k, list(v.shape)) for k, v in values.items()])


def load_variable(ckpt_dir_or_file, name):
    """The saved value of one key, as a NumPy array."""
    values = _load(_resolve(ckpt_dir_or_file))
    if name not in values:
        raise ValueError("Key %s not found in checkpoint" % name)  # TF's message (the graph entry too)
    return values[name].numpy()


def _resolve(ckpt):
    p = os.fspath(ckpt)
    if os.path.isdir(p):
        latest = latest_checkpoint(p)
        if latest is None:
            raise ValueError("Couldn't find 'checkpoint' file or checkpoints in given directory %s" % p)
        return latest
    return p
