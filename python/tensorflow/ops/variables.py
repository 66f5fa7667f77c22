"""tf.Variable: a handle whose value assignments replace (never recorded on a tape)."""

from ..framework.bridge import call, js, obj, release
from ..framework.dtypes import _builtin_bool, as_dtype
from ..framework.tensor import Tensor, as_js, convert_to_tensor, numpy_text, register_tensor_conversion_function
from ..framework.tensor_shape import TensorShape


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

    __hash__ = object.__hash__  # variables are hashable (used as dict keys), as in TF

    def __len__(self):
        return len(self.value())

    def __float__(self):
        return float(self.value())

    def __getitem__(self, index):
        return self.value()[index]


register_tensor_conversion_function(Variable, lambda v: v.value())
