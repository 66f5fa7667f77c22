"""The one place Python calls xtape's JavaScript API (registered by the host as the module
`xtape_js`): calls whose JS errors become TF's Python errors, release of JS objects, and plain JS
objects from dicts."""

import js as _global
import xtape_js as js  # noqa: F401  (re-exported: the API every module here calls)
from pyodide.ffi import JsException, to_js

from .. import errors


def error(e):
    """A JS XtapeError as TF's Python class, with the core's message."""
    err = getattr(e, "js_error", None)
    kind = getattr(err, "kind", None) if err is not None else None
    message = getattr(err, "message", None) if err is not None else None
    if kind is None or message is None:
        return e
    return errors.from_kind(kind, message)


def call(f, *args):
    try:
        return f(*args)
    except JsException as e:
        raise error(e) from None


def release(owner, attr):
    """__del__ of every wrapper: dispose the xtape object (quietly when the interpreter or the
    module is shutting down); the proxy goes with the Python object."""
    handle = getattr(owner, attr, None)
    if handle is not None:
        try:
            handle.dispose()
        except Exception:
            pass


def obj(d):
    """A Python dict as a plain JS object."""
    return to_js(d, dict_converter=_global.Object.fromEntries)


def int_list(values):
    """A JS array of ints (a shape, a permutation)."""
    return to_js([int(v) for v in values])


__all__ = ["js", "JsException", "to_js", "error", "call", "release", "obj", "int_list"]
