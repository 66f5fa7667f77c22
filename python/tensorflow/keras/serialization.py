"""Keras objects as JSON values, by their construction: every class of layers, losses, metrics,
initializers, regularizers, constraints and optimizers (and the user's subclasses) records the
arguments it was made with; to_json_value writes {"__object__": "module.Class", "args",
"kwargs"} and from_json_value makes the object again. Functions (activations, losses) go by
module and name. What cannot be written (a lambda, a tensor argument) is a ValueError naming it.
Reading makes only recorded classes and xtape's own functions (others by custom_objects), so a
file cannot call into anything else."""

import functools
import sys

_CLASSES = {}  # "module.Class" -> the class, for every recorded class


def record_arguments(cls):
    """Wraps cls.__init__ so that an instance keeps the arguments of its outermost constructor."""
    _CLASSES["%s.%s" % (cls.__module__, cls.__qualname__)] = cls
    init = cls.__dict__.get("__init__")
    if init is None or getattr(init, "_records", False):
        return

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        if "_init_args" not in self.__dict__:
            self.__dict__["_init_args"] = (args, dict(kwargs))
        init(self, *args, **kwargs)

    __init__._records = True
    cls.__init__ = __init__


class Recorded:
    """Base of the classes whose instances can be written: subclasses record their arguments."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        record_arguments(cls)


def to_json_value(v, what="value", name=None):
    """v as JSON-able data; `name` replaces a recorded object's name argument (a model's layers
    keep their names)."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, tuple):
        return {"__tuple__": [to_json_value(x, what) for x in v]}
    if isinstance(v, list):
        return [to_json_value(x, what) for x in v]
    if isinstance(v, dict):
        return {"__dict__": [[to_json_value(k, what), to_json_value(x, what)] for k, x in v.items()]}
    init = getattr(v, "__dict__", {}).get("_init_args")
    if init is not None:
        args, kwargs = init
        kwargs = dict(kwargs)
        if name is not None:
            kwargs["name"] = name
        cls = type(v)
        return {"__object__": "%s.%s" % (cls.__module__, cls.__qualname__),
                "args": [to_json_value(a, what) for a in args],
                "kwargs": {k: to_json_value(x, what) for k, x in kwargs.items()}}  # fmt: skip
    fn_name = getattr(v, "__name__", None)
    if callable(v) and fn_name and fn_name != "<lambda>" and getattr(v, "__module__", None):
        return {"__function__": [v.__module__, fn_name]}
    if hasattr(v, "item") and hasattr(v, "dtype") and getattr(v, "shape", None) in ((), []):
        return v.item()  # a NumPy or tensor scalar
    raise ValueError("Cannot save the %s %r: xtape writes Python values, Keras objects and named functions "
                     "(not lambdas or tensors)" % (what, v))  # fmt: skip


def from_json_value(v, custom_objects=None):
    """The value to_json_value wrote, with the objects made again (custom_objects: class or function
    names to use instead)."""
    custom = custom_objects or {}
    if isinstance(v, list):
        return [from_json_value(x, custom) for x in v]
    if not isinstance(v, dict):
        return v
    if "__tuple__" in v:
        return tuple(from_json_value(x, custom) for x in v["__tuple__"])
    if "__dict__" in v:
        return {from_json_value(k, custom): from_json_value(x, custom) for k, x in v["__dict__"]}
    if "__function__" in v:
        module, name = v["__function__"]
        if name in custom:
            return custom[name]
        if module != "tensorflow" and not module.startswith("tensorflow."):  # a file names no other function
            raise ValueError("Unknown function: '%s' (from %s): pass custom_objects={'%s': ...} to load it"
                             % (name, module, name))  # fmt: skip
        fn = getattr(sys.modules.get(module), name, None)
        if fn is None:
            from . import activations

            fn = activations.get(name)  # tf.nn.relu and the op table's functions by name
        return fn
    if "__object__" in v:
        key = v["__object__"]
        short = key.rsplit(".", 1)[-1]
        cls = custom.get(short) or _CLASSES.get(key)
        if cls is None:
            raise ValueError(
                "Unknown object: '%s'. Please ensure you are using a `keras.utils.custom_object_scope` and that "
                "this object is included in the scope (xtape: define the class before loading, or pass "
                "custom_objects={'%s': %s})." % (short, short, short)
            )
        args = [from_json_value(a, custom) for a in v["args"]]
        kwargs = {k: from_json_value(x, custom) for k, x in v["kwargs"].items()}
        return cls(*args, **kwargs)
    return {k: from_json_value(x, custom) for k, x in v.items()}
