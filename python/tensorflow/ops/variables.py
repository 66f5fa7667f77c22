"""tf.Variable: a handle whose value assignments replace (never recorded on a tape)."""

import weakref

from ..framework.bridge import call, js, obj, release
from ..framework.dtypes import _builtin_bool, as_dtype
from ..framework.tensor import Tensor, as_js, convert_to_tensor, numpy_text, register_tensor_conversion_function
from ..framework.tensor_shape import TensorShape

_BY_HANDLE = weakref.WeakValueDictionary()  # JS handle id -> the Python Variable


def variable_of(handle_id):
    """The Python Variable of a JS variable handle, if it is alive."""
    return _BY_HANDLE.get(int(handle_id))


class Variable:
    """tf.Variable(initial_value, trainable=True, name=None, dtype=None)"""

    __slots__ = ("_v", "_name", "__weakref__")

    def __init__(self, initial_value, trainable=True, name=None, dtype=None, **kwargs):
        unknown = set(kwargs) - {
            "validate_shape",
            "caching_device",
            "constraint",
            "synchronization",
            "aggregation",
            "shape",
        }
        if unknown:
            raise TypeError("Variable() got an unexpected keyword argument '%s'" % unknown.pop())
        if callable(initial_value):
            initial_value = initial_value()
        value = convert_to_tensor(initial_value, dtype=dtype)
        self._name = name or "Variable"
        self._v = call(js.Variable.new, value._t, obj({"name": self._name, "trainable": _builtin_bool(trainable)}))
        _BY_HANDLE[int(self._v.id)] = self

    def __del__(self):
        release(self, "_v")

    def _js_handle(self):
        return self._v

    @property
    def name(self):
        return self._name + ":0"

    @property
    def trainable(self):
        return _builtin_bool(self._v.trainable)

    @trainable.setter
    def trainable(self, on):
        self._v.trainable = _builtin_bool(on)

    @property
    def shape(self):
        return TensorShape(int(d) for d in self._v.shape)

    @property
    def dtype(self):
        return as_dtype(self._v.dtype)

    def value(self):
        return Tensor(call(self._v.read))

    read_value = value

    def numpy(self):
        return self.value().numpy()

    def _update(self, how, value):
        temps = []
        try:
            call(getattr(self._v, how), as_js(value, self._v.dtype, temps))
        finally:
            for t in temps:
                t.dispose()
        return self

    def assign(self, value, use_locking=None, name=None, read_value=True):
        return self._update("assign", value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._update("assignAdd", delta)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._update("assignSub", delta)

    def __repr__(self):
        return "<tf.Variable '%s' shape=%s dtype=%s, numpy=%s>" % (
            self.name,
            self.shape,
            self._v.dtype,
            numpy_text(self.value(), True),
        )

    def __str__(self):
        return repr(self)

    def __hash__(self):
        raise TypeError("Variable is unhashable. Instead, use variable.ref() as the key. (Got %s.)" % self._name)

    def ref(self):
        """A hashable reference to this variable (TF: Variable.ref()); .deref() gives it back."""
        return _Reference(self)

    def __format__(self, spec):
        return format(self.value(), spec)

    def __bool__(self):
        return bool(self.value())

    def __int__(self):
        return int(self.value())

    def __index__(self):
        return self.value().__index__()

    def __iter__(self):
        return iter(self.value())

    def __len__(self):
        return len(self.value())

    def __float__(self):
        return float(self.value())

    def __getitem__(self, index):
        return self.value()[index]


# The Python types of variables, for the op wrappers' fast path (keras adds its KerasVariable).
VARIABLE_TYPES = {Variable}


class _Reference:
    """Variable.ref(): hashable by the variable's identity."""

    __slots__ = ("_var",)

    def __init__(self, var):
        self._var = var

    def deref(self):
        return self._var

    def __hash__(self):
        return id(self._var)

    def __eq__(self, other):
        return isinstance(other, _Reference) and other._var is self._var

    def __repr__(self):
        return "<Reference wrapping %r>" % (self._var,)


register_tensor_conversion_function(Variable, lambda v: v.value())
