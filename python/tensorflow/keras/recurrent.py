"""Keras's recurrent layers by Keras's definitions, on the op table's ops (so the tape
differentiates them through time): the cells SimpleRNNCell, LSTMCell, GRUCell (one step:
inputs [batch, features], states -> output, new states), StackedRNNCells, the RNN layer that runs
a cell over the time axis of [batch, time, features], SimpleRNN, LSTM, GRU, Bidirectional and
TimeDistributed. Weights and gate orders are Keras's (LSTM: i, f, c, o; GRU: z, r, h), so
get_weights/set_weights exchange values with Keras; recurrent kernels are orthogonal."""

from ..ops import composite_ops, random_ops
from ..ops.gen_ops import OPS
from ..ops.variables import Variable
from . import activations, initializers
from .layers import Layer, _snake, _weight_options


def _gates(z, n):
    """The n equal column blocks of z [batch, n * units]."""
    return composite_ops.split(z, n, axis=-1)


class _DropoutMasks:
    """Keras's DropoutRNNCellMixin: one dropout mask per sequence for the inputs and one for the
    recurrent state, drawn at the first training step and kept until reset (RNN resets them at
    every call), scaled by 1 / (1 - rate)."""

    def reset_dropout_mask(self):
        self._masks = {}

    reset_recurrent_dropout_mask = reset_dropout_mask

    def _mask(self, key, rate, like, training):
        if not training or rate <= 0:
            return None
        masks = self.__dict__.setdefault("_masks", {})
        m = masks.get(key)
        if m is None or list(m.shape) != list(like.shape):
            keep = OPS["cast"](random_ops.uniform(list(like.shape), seed=self.seed) >= rate, like.dtype.name)
            m = masks[key] = keep * (1.0 / (1.0 - rate))
        return m


class _Cell(Layer, _DropoutMasks):
    """A recurrent cell with a kernel [input, k * units], a recurrent kernel [units, k * units] and
    a bias; `call(inputs, states, training)` -> (output, new states)."""

    _blocks = 1

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None,
                 **kwargs):  # fmt: skip
        kwargs.pop("implementation", None)  # a speed choice in Keras, one computation here
        Layer.__init__(self, **kwargs)
        if int(units) <= 0:
            raise ValueError("Received an invalid value for argument `units`, expected a positive integer, got %s."
                             % units)  # fmt: skip
        self.units = int(units)
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        k, b = _weight_options(kernel_regularizer, bias_regularizer, kernel_constraint, bias_constraint)
        r, _ = _weight_options(recurrent_regularizer, None, recurrent_constraint, None)
        self._options = {"kernel": k, "recurrent_kernel": r, "bias": b}
        self.dropout = min(1.0, max(0.0, float(dropout)))
        self.recurrent_dropout = min(1.0, max(0.0, float(recurrent_dropout)))
        self.seed = seed

    @property
    def state_size(self):
        return self.units

    @property
    def output_size(self):
        return self.units

    def _bias_shape(self):
        return (self._blocks * self.units,)

    def _bias_initializer(self):
        return self.bias_initializer

    def build(self, input_shape):
        n = self._blocks * self.units
        self.kernel = self.add_weight("kernel", (int(input_shape[-1]), n), initializer=self.kernel_initializer,
                                      **self._options["kernel"])  # fmt: skip
        self.recurrent_kernel = self.add_weight("recurrent_kernel", (self.units, n),
                                                initializer=self.recurrent_initializer,
                                                **self._options["recurrent_kernel"])  # fmt: skip
        self.bias = (
            self.add_weight("bias", self._bias_shape(), initializer=self._bias_initializer(), **self._options["bias"])
            if self.use_bias
            else None
        )
        self.built = True

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        """Zeros [batch, units] per state (Keras: from the inputs' batch or batch_size)."""
        batch = int(inputs.shape[0]) if inputs is not None else int(batch_size)
        dtype = getattr(dtype, "name", dtype) or self._dtype
        n = self.state_size
        sizes = n if isinstance(n, (list, tuple)) else [n]
        return [OPS["zeros"]([batch, s], dtype) for s in sizes]

    def _inputs(self, inputs, states, training):
        """The step's input and previous states, with the sequence's dropout masks applied."""
        states = list(states) if isinstance(states, (list, tuple)) else [states]
        m = self._mask("dropout", self.dropout, inputs, training)
        r = self._mask("recurrent", self.recurrent_dropout, states[0], training)
        h = states[0] if r is None else states[0] * r
        return (inputs if m is None else inputs * m), h, states

    def _projection(self, x):
        z = OPS["matmul"](x, self.kernel)
        return z + self.bias if self.bias is not None else z

    def get_config(self):
        return {**Layer.get_config(self), "units": self.units, "use_bias": self.use_bias, "dropout": self.dropout,
                "recurrent_dropout": self.recurrent_dropout}  # fmt: skip


def _returned(states, given):
    """A list of states when a list came in, the one tensor otherwise (Keras)."""
    return states if isinstance(given, (list, tuple)) else states[0]


class SimpleRNNCell(_Cell):
    """h' = activation(x @ kernel + bias + h @ recurrent_kernel); output h' (tanh by default)."""

    def __init__(self, units, activation="tanh", **kwargs):
        _Cell.__init__(self, units, activation=activation, **kwargs)

    def call(self, inputs, states, training=None):
        x, h, _ = self._inputs(inputs, states, training)
        out = self.activation(self._projection(x) + OPS["matmul"](h, self.recurrent_kernel))
        return out, _returned([out], states)


class LSTMCell(_Cell):
    """z = x @ kernel + h @ recurrent_kernel + bias, split into i, f, c~, o (units each);
    c' = sigmoid(f) c + sigmoid(i) tanh(c~), h' = sigmoid(o) tanh(c'); states [h, c]. The
    forget gate's bias starts at 1 (unit_forget_bias, as Keras)."""

    _blocks = 4

    def __init__(self, units, unit_forget_bias=True, **kwargs):
        _Cell.__init__(self, units, **kwargs)
        self.unit_forget_bias = bool(unit_forget_bias)

    @property
    def state_size(self):
        return [self.units, self.units]

    def _bias_initializer(self):
        if not self.unit_forget_bias:
            return self.bias_initializer
        u, init = self.units, self.bias_initializer

        def forget_one(shape, dtype=None):
            return OPS["concat"]([init((u,), dtype), OPS["ones"]([u], dtype or "float32"), init((2 * u,), dtype)], 0)

        return forget_one

    def call(self, inputs, states, training=None):
        x, h, states = self._inputs(inputs, states, training)
        z = self._projection(x) + OPS["matmul"](h, self.recurrent_kernel)
        zi, zf, zc, zo = _gates(z, 4)
        act, rec = self.activation, self.recurrent_activation
        c = rec(zf) * states[1] + rec(zi) * act(zc)
        out = rec(zo) * act(c)
        return out, [out, c]


class GRUCell(_Cell):
    """Gates z, r and candidate h~ (Keras's order z, r, h). reset_after=True (Keras's default):
    bias [2, 3 units] (input, recurrent), h~ = tanh(x W_h + b_h + r (h U_h + c_h)); False: bias
    [3 units], h~ = tanh(x W_h + b_h + (r h) U_h). h' = z h + (1 - z) h~."""

    _blocks = 3

    def __init__(self, units, reset_after=True, **kwargs):
        _Cell.__init__(self, units, **kwargs)
        self.reset_after = bool(reset_after)

    def _bias_shape(self):
        return (2, 3 * self.units) if self.reset_after else (3 * self.units,)

    def call(self, inputs, states, training=None):
        x, h, states = self._inputs(inputs, states, training)
        h_prev = states[0]
        rec, act = self.recurrent_activation, self.activation
        if self.reset_after:
            zx = OPS["matmul"](x, self.kernel)
            zh = OPS["matmul"](h, self.recurrent_kernel)
            if self.bias is not None:
                b_in, b_rec = composite_ops.unstack(self.bias)
                zx, zh = zx + b_in, zh + b_rec
            xz, xr, xh = _gates(zx, 3)
            hz, hr, hh = _gates(zh, 3)
            z, r = rec(xz + hz), rec(xr + hr)
            candidate = act(xh + r * hh)
        else:
            xz, xr, xh = _gates(self._projection(x), 3)
            uz, ur, uh = _gates(self.recurrent_kernel, 3)
            z = rec(xz + OPS["matmul"](h, uz))
            r = rec(xr + OPS["matmul"](h, ur))
            candidate = act(xh + OPS["matmul"](r * h, uh))
        out = z * h_prev + (1.0 - z) * candidate
        return out, _returned([out], states)

    def get_config(self):
        return {**_Cell.get_config(self), "reset_after": self.reset_after}


class StackedRNNCells(Layer):
    """Cells run one above the other in each step; the states are the cells' states in order."""

    def __init__(self, cells, **kwargs):
        Layer.__init__(self, **kwargs)
        self.cells = list(cells)

    @property
    def state_size(self):
        return [s for c in self.cells for s in _sizes(c)]

    @property
    def output_size(self):
        return self.cells[-1].output_size

    def build(self, input_shape):
        shape = tuple(input_shape)
        for c in self.cells:
            c._maybe_build(shape)
            shape = (shape[0], c.output_size)
        self.built = True

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        return [s for c in self.cells for s in c.get_initial_state(inputs, batch_size, dtype)]

    def reset_dropout_mask(self):
        for c in self.cells:
            getattr(c, "reset_dropout_mask", lambda: None)()

    def call(self, inputs, states, training=None):
        out, at, new = inputs, 0, []
        for c in self.cells:
            n = len(_sizes(c))
            out, s = c(out, list(states[at : at + n]), training=training)
            new.extend(s if isinstance(s, (list, tuple)) else [s])
            at += n
        return out, new


def _sizes(cell):
    n = cell.state_size
    return list(n) if isinstance(n, (list, tuple)) else [n]


class RNN(Layer):
    """keras.layers.RNN(cell, return_sequences=False, return_state=False, go_backwards=False):
    runs the cell over the time axis of [batch, time, features] from zero states (or
    `initial_state`; stateful=True: the last call's final states); returns the last output [batch, units], or every output [batch, time,
    units], and with return_state the final states after it."""

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 unroll=False, time_major=False, zero_output_for_mask=False, **kwargs):  # fmt: skip
        Layer.__init__(self, **kwargs)
        self.stateful = bool(stateful)
        self._state_variables = None  # stateful: the last call's final states, the next call's first
        if time_major:
            raise NotImplementedError("keras.layers.RNN(time_major=True) is not provided by xtape yet")
        self.cell = StackedRNNCells(cell) if isinstance(cell, (list, tuple)) else cell
        self.return_sequences, self.return_state = bool(return_sequences), bool(return_state)
        self.go_backwards = bool(go_backwards)

    def build(self, input_shape):
        if len(input_shape) != 3:
            raise ValueError(
                'Input 0 of layer "%s" is incompatible with the layer: expected ndim=3, found ndim=%d. '
                "Full shape received: %s" % (self.name, len(input_shape), tuple(input_shape))
            )
        self.cell._maybe_build((input_shape[0], input_shape[-1]))
        self.built = True

    def call(self, inputs, mask=None, training=None, initial_state=None):
        steps = composite_ops.unstack(inputs, axis=1)
        if not steps:
            raise ValueError("keras.layers.RNN: the input has no time steps (shape %s)" % (tuple(inputs.shape),))
        # a mask [batch, time]: a masked step keeps the states and repeats the last output (Keras)
        keep = (
            None if mask is None else composite_ops.unstack(OPS["expand_dims"](OPS["cast"](mask, "bool"), -1), axis=1)
        )
        if self.go_backwards:
            steps = steps[::-1]
            keep = None if keep is None else keep[::-1]
        cell = self.cell
        getattr(cell, "reset_dropout_mask", lambda: None)()
        if initial_state is None and self.stateful:
            states = [v.value() for v in self._stateful_variables(steps[0])]
        elif initial_state is None:
            states = cell.get_initial_state(steps[0], dtype=self._dtype)
        else:
            states = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
        outputs = []
        for t, x in enumerate(steps):
            out, new = cell(x, states, training=training)
            new = list(new) if isinstance(new, (list, tuple)) else [new]
            if keep is not None:
                k = keep[t]  # [batch, 1]
                new = [OPS["where"](k, n, s) for n, s in zip(new, states, strict=True)]
                out = OPS["where"](k, out, outputs[-1] if outputs else OPS["zeros_like"](out))
            states = new
            outputs.append(out)
        if self.stateful:
            for v, st in zip(self._state_variables, states, strict=True):
                v.assign(OPS["stop_gradient"](st))
        result = OPS["stack"](outputs, 1) if self.return_sequences else outputs[-1]
        return [result] + states if self.return_state else result

    def _stateful_variables(self, step):
        batch = int(step.shape[0])
        if self._state_variables is None:
            zeros = self.cell.get_initial_state(step, dtype=self._dtype)
            self._state_variables = [Variable(z, trainable=False, name="state") for z in zeros]
        elif int(self._state_variables[0].shape[0]) != batch:
            raise ValueError("The stateful layer %s keeps states for batches of %d, got a batch of %d: stateful RNNs "
                             "need a fixed batch size" % (self.name, int(self._state_variables[0].shape[0]), batch))  # fmt: skip
        return self._state_variables

    def reset_states(self, states=None):
        """Zeros (or `states`) as the next call's first states (stateful layers)."""
        if self._state_variables is None:
            return
        new = [OPS["zeros_like"](v) for v in self._state_variables] if states is None else list(states)
        for v, st in zip(self._state_variables, new, strict=True):
            v.assign(st)

    reset_state = reset_states

    @property
    def states(self):
        """A stateful layer's state variables (None before its first call)."""
        return self._state_variables

    def compute_mask(self, inputs, mask=None):
        """The input's mask goes on with the sequence (return_sequences), not past its end."""
        return mask if self.return_sequences else None

    def compute_output_shape(self, input_shape):
        units = self.cell.output_size
        out = (input_shape[0], input_shape[1], units) if self.return_sequences else (input_shape[0], units)
        if self.return_state:  # the output, then each state [batch, state size]
            return [out] + [(input_shape[0], n) for n in _sizes(self.cell)]
        return out

    def get_config(self):
        return {**Layer.get_config(self), "return_sequences": self.return_sequences,
                "return_state": self.return_state, "go_backwards": self.go_backwards}  # fmt: skip


def _recurrent(cell_class, doc):
    """SimpleRNN, LSTM, GRU: RNN of their cell, the cell's arguments on the layer (Keras)."""
    _rnn_args = ("return_sequences", "return_state", "go_backwards", "stateful", "unroll", "time_major")
    _layer_args = ("name", "trainable", "dtype", "input_shape", "input_dim", "batch_input_shape",
                   "activity_regularizer")  # fmt: skip

    def __init__(self, units, **kwargs):
        self._arguments = dict(kwargs, units=units)
        rnn = {k: kwargs.pop(k) for k in _rnn_args if k in kwargs}
        layer = {k: kwargs.pop(k) for k in _layer_args if k in kwargs}
        cell = cell_class(units, dtype=layer.get("dtype"), name=_snake(cell_class.__name__),
                          **kwargs)  # fmt: skip
        RNN.__init__(self, cell, **rnn, **layer)

    def __getattr__(self, name):  # units, activation, ... read from the cell, as Keras
        cell = self.__dict__.get("cell")
        if cell is None or name.startswith("_"):
            raise AttributeError(name)
        return getattr(cell, name)

    name = cell_class.__name__[: -len("Cell")]
    return type(name, (RNN,), {"__init__": __init__, "__getattr__": __getattr__, "__doc__": doc})


SimpleRNN = _recurrent(SimpleRNNCell, "keras.layers.SimpleRNN(units): RNN(SimpleRNNCell(units)).")
LSTM = _recurrent(LSTMCell, "keras.layers.LSTM(units): RNN(LSTMCell(units)).")
GRU = _recurrent(GRUCell, "keras.layers.GRU(units): RNN(GRUCell(units)), reset_after=True by default.")


class Bidirectional(Layer):
    """keras.layers.Bidirectional(layer, merge_mode='concat'): the layer forwards and a copy of it
    backwards (go_backwards flipped); their outputs concatenated on the last axis (or 'sum',
    'mul', 'ave', None for the pair). With return_sequences the backward outputs are put back in
    time order."""

    def __init__(self, layer, merge_mode="concat", backward_layer=None, **kwargs):
        Layer.__init__(self, **kwargs)
        if merge_mode not in ("concat", "sum", "mul", "ave", None):
            raise ValueError("Invalid merge mode. Received: %s. Merge mode should be one of "
                             "{'sum', 'mul', 'ave', 'concat', None}" % merge_mode)  # fmt: skip
        if not hasattr(layer, "_arguments") and backward_layer is None:
            raise NotImplementedError("keras.layers.Bidirectional of %s needs backward_layer= in xtape"
                                      % type(layer).__name__)  # fmt: skip
        self.forward_layer = layer
        layer._module_name = "forward_" + layer.name
        if backward_layer is None:
            args = dict(layer._arguments, go_backwards=not layer.go_backwards)
            args["name"] = "backward_" + layer.name[len("forward_") :]
            backward_layer = type(layer)(**args)
        self.backward_layer = backward_layer
        self.merge_mode = merge_mode
        self.return_sequences = layer.return_sequences

    def build(self, input_shape):
        self.forward_layer._maybe_build(tuple(input_shape))
        self.backward_layer._maybe_build(tuple(input_shape))
        self.built = True

    def compute_mask(self, inputs, mask=None):
        return mask if self.return_sequences else None

    def call(self, inputs, training=None, mask=None):
        y = self.forward_layer(inputs, training=training, mask=mask)
        y_rev = self.backward_layer(inputs, training=training, mask=mask)
        if self.return_sequences:
            y_rev = composite_ops.reverse(y_rev, [1])
        if self.merge_mode == "concat":
            return OPS["concat"]([y, y_rev], -1)
        if self.merge_mode == "sum":
            return y + y_rev
        if self.merge_mode == "mul":
            return y * y_rev
        if self.merge_mode == "ave":
            return (y + y_rev) * 0.5
        return [y, y_rev]

    def compute_output_shape(self, input_shape):
        shape = self.forward_layer.compute_output_shape(input_shape)
        if self.merge_mode == "concat":
            return tuple(shape[:-1]) + (None if shape[-1] is None else 2 * shape[-1],)
        return tuple(shape)


class TimeDistributed(Layer):
    """keras.layers.TimeDistributed(layer): the layer applied to every time slice of [batch, time,
    ...], as one call on [batch * time, ...]."""

    def __init__(self, layer, **kwargs):
        Layer.__init__(self, **kwargs)
        self.layer = layer

    def build(self, input_shape):
        self.layer._maybe_build((None,) + tuple(input_shape[2:]))
        self.built = True

    def call(self, inputs, training=None):
        b, t = inputs.shape[0], inputs.shape[1]
        y = self.layer(OPS["reshape"](inputs, [b * t] + list(inputs.shape[2:])), training=training)
        return OPS["reshape"](y, [b, t] + list(y.shape[1:]))

    def compute_output_shape(self, input_shape):
        inner = self.layer.compute_output_shape((None,) + tuple(input_shape[2:]))
        return (input_shape[0], input_shape[1]) + tuple(inner[1:])


__all__ = [n for n, v in list(globals().items()) if isinstance(v, type) and issubclass(v, Layer) and
           v.__module__ == __name__ and not n.startswith("_")]  # fmt: skip
