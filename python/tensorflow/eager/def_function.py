"""tf.function, run eagerly: a decorated function is called as written (xtape executes every op
at once; there is no graph to trace yet). The decorator's forms and attributes are TF's, so that
programs written for TF run unchanged; tf.config.run_functions_eagerly is accepted."""

import functools

_RUN_EAGERLY = [False]


def run_functions_eagerly(run_eagerly):
    """tf.config.run_functions_eagerly(bool): xtape runs functions eagerly either way."""
    _RUN_EAGERLY[0] = bool(run_eagerly)


def functions_run_eagerly():
    return _RUN_EAGERLY[0]


class Function:
    """What tf.function returns: callable, bindable as a method, with python_function."""

    def __init__(self, python_function, input_signature=None, **options):
        self._python_function = python_function
        self.input_signature = input_signature
        self._options = options
        functools.update_wrapper(self, python_function)

    @property
    def python_function(self):
        return self._python_function

    def __call__(self, *args, **kwargs):
        return self._python_function(*args, **kwargs)

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return functools.partial(self.__call__, instance)

    def get_concrete_function(self, *args, **kwargs):
        """A callable for these arguments' signature; eager here, so the function itself."""
        return self

    def experimental_get_tracing_count(self):
        return 0


def function(func=None, input_signature=None, autograph=True, jit_compile=None, reduce_retracing=False, **kwargs):
    """@tf.function or @tf.function(input_signature=..., jit_compile=...)."""
    options = dict(autograph=autograph, jit_compile=jit_compile, reduce_retracing=reduce_retracing, **kwargs)
    if func is None:
        return lambda f: Function(f, input_signature, **options)
    return Function(func, input_signature, **options)


class TensorSpec:
    """tf.TensorSpec(shape, dtype=tf.float32, name=None): a description, for input_signature."""

    def __init__(self, shape, dtype="float32", name=None):
        from ..framework.dtypes import as_dtype
        from ..framework.tensor_shape import TensorShape

        self.shape = TensorShape(shape if shape is not None else ())
        self.dtype = as_dtype(dtype)
        self.name = name

    def __repr__(self):
        return "TensorSpec(shape=%s, dtype=%r, name=%r)" % (self.shape, self.dtype, self.name)
