"""tf.Module: a container of variables and submodules, found by walking its attributes, and
tf.name_scope (names only: xtape has no graph)."""

import re

from ..ops.variables import Variable

_SCOPES = []


class name_scope:  # noqa: N801  (tf.name_scope)
    """with tf.name_scope("layer"): ... (the scope's name as a string in `as`)."""

    def __init__(self, name, *args, **kwargs):
        self._name = name

    @property
    def name(self):
        return self._name

    def __enter__(self):
        _SCOPES.append(self._name)
        return "/".join(_SCOPES) + "/"

    def __exit__(self, *exc):
        _SCOPES.pop()
        return False


def _camel_to_snake(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", re.sub(r"(?<=[A-Z])([A-Z][a-z])", r"_\1", name)).lower()


def _walk(value, seen):
    """The Variables and Modules reachable through attributes, lists, tuples and dicts, each once
    (by identity: == is elementwise on variables), in attribute order."""
    stack = [value]
    while stack:
        v = stack.pop(0)
        if id(v) in seen:
            continue
        if isinstance(v, (Variable, Module)):
            seen.add(id(v))
            yield v
            if isinstance(v, Module):
                stack[0:0] = [v.__dict__[k] for k in sorted(v.__dict__) if not k.startswith("_module_")]
        elif isinstance(v, (list, tuple)):
            stack[0:0] = list(v)
        elif isinstance(v, dict):
            stack[0:0] = [v[k] for k in sorted(v, key=str)]


class Module:
    """tf.Module(name=None): variables, trainable_variables and submodules of a model, and
    with_name_scope for its methods."""

    def __init__(self, name=None):
        if name is None:
            name = _camel_to_snake(type(self).__name__)
        elif not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]*", name):
            raise ValueError("'%s' is not a valid module name. Module names must be valid Python 3 identifiers." % name)
        self._module_name = name
        self._module_scope = name_scope(name)

    @property
    def name(self):
        return self._module_name

    @property
    def name_scope(self):
        return self._module_scope

    def _flatten(self):
        seen = {id(self)}
        return [x for k in sorted(self.__dict__) if not k.startswith("_module_") for x in _walk(self.__dict__[k], seen)]

    @property
    def variables(self):
        return tuple(v for v in self._flatten() if isinstance(v, Variable))

    @property
    def trainable_variables(self):
        return tuple(v for v in self.variables if v.trainable)

    @property
    def non_trainable_variables(self):
        return tuple(v for v in self.variables if not v.trainable)

    @property
    def submodules(self):
        return tuple(m for m in self._flatten() if isinstance(m, Module))

    @classmethod
    def with_name_scope(cls, method):
        def wrapped(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)

        wrapped.__name__ = method.__name__
        wrapped.__doc__ = method.__doc__
        return wrapped

    def __repr__(self):
        return "<%s.%s object at 0x%x>" % (type(self).__module__, type(self).__name__, id(self))
