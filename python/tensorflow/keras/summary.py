"""model.summary() as Keras 3 prints it when the output is not a terminal (rich's table at
min(88, 80 - 4) = 76 columns: cells of 33, 24 and 15 characters), with the parameter counts and
their sizes (4 bytes a float32)."""

import math

from ..framework.dtypes import as_dtype

_WIDTHS = (33, 24, 15)  # each cell: one space, the text, one space


def _bytes(weights):
    return sum(math.prod(w.shape) * _size(w.dtype) for w in weights)


def _size(dtype):
    name = as_dtype(dtype).name
    return {"float64": 8, "int64": 8, "float16": 2, "uint8": 1, "bool": 1}.get(name, 4)


def readable(n):
    """Keras's readable_memory_size: '397.54 KB'."""
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n / 1024 < 1:
            return "%.2f %s" % (n, unit)
        n /= 1024
    return "%.2f PB" % n


def _shape(layer):
    shape = getattr(layer, "_output_shape", None)
    if shape is None:
        return "?"
    if isinstance(shape, list):  # several outputs (an RNN with return_state)
        return "[" + ", ".join("(" + ", ".join(str(d) for d in o) + ")" for o in shape) + "]"
    return "(" + ", ".join(str(d) for d in shape) + ")"


def _row(cells, left, mid, right):
    texts = []
    for i, (text, width) in enumerate(zip(cells, _WIDTHS, strict=True)):
        inner = width - 2
        text = text if len(text) <= inner else text[: inner - 1] + "\u2026"
        texts.append(" " + (text.rjust(inner) if i == 2 else text.ljust(inner)) + " ")
    return left + mid.join(texts) + right


def _rule(left, mid, right, fill):
    return left + mid.join(fill * w for w in _WIDTHS) + right


def summary_lines(model):
    lines = ['Model: "%s"' % model.name]
    lines.append(_rule("\u250f", "\u2533", "\u2513", "\u2501"))
    lines.append(_row(("Layer (type)", "Output Shape", "Param #"), "\u2503", "\u2503", "\u2503"))
    lines.append(_rule("\u2521", "\u2547", "\u2529", "\u2501"))
    layers = model.layers
    for i, layer in enumerate(layers):
        params = "%s" % format(layer.count_params(), ",") if layer.built else "0 (unbuilt)"
        lines.append(
            _row(("%s (%s)" % (layer.name, type(layer).__name__), _shape(layer), params), "\u2502", "\u2502", "\u2502")
        )
        if i < len(layers) - 1:
            lines.append(_rule("\u251c", "\u253c", "\u2524", "\u2500"))
    lines.append(_rule("\u2514", "\u2534", "\u2518", "\u2500"))
    trainable, frozen = model.trainable_weights, model.non_trainable_weights
    total = sum(math.prod(w.shape) for w in trainable + frozen)
    lines.append(" Total params: %s (%s)" % (format(total, ","), readable(_bytes(trainable) + _bytes(frozen))))
    lines.append(
        " Trainable params: %s (%s)"
        % (format(sum(math.prod(w.shape) for w in trainable), ","), readable(_bytes(trainable)))
    )
    lines.append(
        " Non-trainable params: %s (%s)"
        % (format(sum(math.prod(w.shape) for w in frozen), ","), readable(_bytes(frozen)))
    )
    return lines
