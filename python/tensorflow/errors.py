"""tf.errors: the core's errors arrive as TF's classes, with the core's message."""


class OpError(Exception):
    """Base of TF's op errors (tf.errors.OpError)."""

    def __init__(self, node_def=None, op=None, message=None, *args):
        if message is None and op is None and isinstance(node_def, str):
            message, node_def = node_def, None
        super().__init__(message)
        self.message = message
        self.op = op
        self.node_def = node_def

    def __str__(self):
        return self.message or ""


class InvalidArgumentError(OpError):
    pass


class NotFoundError(OpError):
    pass


class ResourceExhaustedError(OpError):
    pass


class UnknownError(OpError):
    pass


class InternalError(OpError):
    pass


class UnimplementedError(OpError):
    pass


# The core's RuntimeError (a second gradient() on a non-persistent tape) is Python's, as in TF.
_BY_KIND = {
    "InvalidArgumentError": InvalidArgumentError,
    "NotFoundError": NotFoundError,
    "ResourceExhaustedError": ResourceExhaustedError,
    "UnknownError": UnknownError,
    "InternalError": InternalError,
    "RuntimeError": RuntimeError,
}


def from_kind(kind, message):
    cls = _BY_KIND.get(kind, InvalidArgumentError)
    return cls(message) if cls is RuntimeError else cls(None, None, message)
