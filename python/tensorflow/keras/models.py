"""keras.Model (subclassed, or functional: Model(inputs, outputs)) and keras.Sequential, with
Keras's training API: compile, fit (batches, epochs, shuffle, validation_split/validation_data,
callbacks, the progress line), evaluate, predict, train_on_batch, test_on_batch, summary,
get_weights/set_weights and save_weights/load_weights (.npz). Each train, test and predict step
is a tf.function (Keras's train_step(data) / test_step / predict_step, overridable): traced on
its first batch of a shape, then replayed inside the core; compile(run_eagerly=True) runs them
as plain Python."""

import math
import os

import numpy as _np

from ..eager.backprop import GradientTape
from ..framework.bridge import call, js, to_js
from ..framework.npz import load_weights_npz, save_weights_npz
from ..framework.tensor import Tensor, convert_to_tensor
from ..ops import random_ops
from ..ops.gen_ops import OPS
from . import callbacks as _callbacks
from . import losses as _losses
from . import metrics as _metrics
from . import optimizers as _optimizers
from .layers import InputLayer, KerasTensor, Layer, _flat_kt, _float_input, _snake, _takes, unique_name
from .saving import clone_model, load_model, model_config, model_from_json, save_model  # noqa: F401  (keras.models.*)


def _npz_name(path):
    return path.endswith((".h5", ".hdf5", ".npz", ".keras"))


def _rows(x):
    return int(x.shape[0])


def _slice_rows(x, start, stop):
    """Rows [start, stop) of a tensor, with no copy of the rest (strided_slice, called straight
    on the JS API: fit slices every step)."""
    shape = list(x._t.shape)
    return Tensor(call(js.stridedSlice, x._t, to_js([start] + [0] * (len(shape) - 1)), to_js([stop] + shape[1:]),
                       to_js([1] * len(shape))))  # fmt: skip


def _as_data(x):
    if x is None:
        return None
    if (
        isinstance(x, (list, tuple))
        and x
        and all(isinstance(v, (Tensor, KerasTensor)) or isinstance(v, _np.ndarray) for v in x)
    ):
        return [_as_data(v) for v in x]
    if isinstance(x, dict):
        return {k: _as_data(v) for k, v in x.items()}
    return x if isinstance(x, Tensor) else convert_to_tensor(x)


def _map(fn, x):
    if isinstance(x, list):
        return [fn(v) for v in x]
    if isinstance(x, dict):
        return {k: fn(v) for k, v in x.items()}
    return fn(x)


def _first(x):
    if isinstance(x, list):
        return x[0]
    if isinstance(x, dict):
        return next(iter(x.values()))
    return x


def _optimizer(identifier):
    if isinstance(identifier, str):
        kinds = {"adam": _optimizers.Adam, "sgd": _optimizers.SGD, "rmsprop": _optimizers.RMSprop}
        if identifier.lower() not in kinds:
            raise ValueError("Could not interpret optimizer identifier: %s" % identifier)
        return kinds[identifier.lower()]()
    return identifier


def unpack_x_y_sample_weight(data):
    """keras.utils.unpack_x_y_sample_weight: (x,), (x, y) or (x, y, sample_weight) -> a triple."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) not in (1, 2, 3):
        raise ValueError(
            "Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, found: %r" % (data,)
        )
    return (data + (None, None))[:3]


def _floats(logs):
    """Logs of scalar tensors as Python floats (what callbacks and the progress line get)."""
    return {k: float(v) for k, v in logs.items()}


def _values(logs):
    values = list(logs.values())
    return values[0] if len(values) == 1 else values


class _CompiledLoss:
    """model.compiled_loss(y, y_pred, sample_weight, regularization_losses) (Keras 2's container)."""

    def __init__(self, model):
        self._model = model

    def __call__(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        loss = self._model._loss_fn(y_true, y_pred, sample_weight)
        for extra in regularization_losses or []:
            loss = loss + extra
        # Keras 2's container tracks the loss: model.metrics' 'loss' (by batch size)
        self._model._loss_tracker.update_state(loss, sample_weight=_rows(_first(_as_data(y_pred))))
        return loss


class _CompiledMetrics:
    """model.compiled_metrics.update_state(y, y_pred, sample_weight) (Keras 2's container)."""

    def __init__(self, model):
        self._model = model

    @property
    def metrics(self):
        return list(self._model._compile_metrics)

    def update_state(self, y_true, y_pred, sample_weight=None):
        for m in self._model._compile_metrics:
            m.update_state(y_true, y_pred, sample_weight)

    def reset_state(self):
        for m in self._model._compile_metrics:
            m.reset_state()


def _class_weights(x, y, class_weight, sample_weight):
    """Keras's class_weight: each row weighted by the weight of its class (its label, or the
    argmax of a one-hot label; classes absent from the dict weigh 1), times its sample weight."""
    from ..data.dataset import Dataset

    if isinstance(x, Dataset):
        raise NotImplementedError("fit(class_weight=...) with a tf.data.Dataset is not provided by xtape yet: "
                                  "give the weights as the dataset's third element")  # fmt: skip
    y = _as_data(y)
    if y is None or isinstance(y, (list, tuple, dict)):
        raise ValueError("`class_weight` is only supported for Models with a single output.")
    if len(y.shape) >= 2 and y.shape[-1] > 1:
        labels = OPS["argmax"](y, -1, "int32")
    else:
        labels = OPS["cast"](OPS["reshape"](y, [-1]), "int32")
    top = max([int(k) for k in class_weight] + [int(OPS["reduce_max"](labels))])
    table = convert_to_tensor([float(class_weight.get(c, 1.0)) for c in range(top + 1)], "float32")
    w = OPS["gather"](table, labels)
    return w if sample_weight is None else w * OPS["cast"](OPS["reshape"](_as_data(sample_weight), [-1]), "float32")


def _element(x, y=None, sample_weight=None):
    """A batch as Keras gives it to train_step: (x,), (x, y) or (x, y, sample_weight)."""
    if sample_weight is not None:
        return (x, y, sample_weight)
    return (x,) if y is None else (x, y)


class _Batches:
    """Batches of tensors as (x,), (x, y) or (x, y, sample_weight), or a tf.data.Dataset's
    elements (tuples as they are)."""

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, shuffle=False, steps=None):
        from ..data.dataset import Dataset

        self.dataset = x if isinstance(x, Dataset) else None
        self.steps_limit = steps
        if self.dataset is not None:
            if y is not None:
                raise ValueError("`y` argument is not supported when using a dataset as input.")
            return
        self.x, self.y, self.w = _as_data(x), _as_data(y), _as_data(sample_weight)
        self.n = _rows(_first(self.x))
        self.batch_size = int(batch_size or 32)
        self.shuffle = shuffle

    def steps(self):
        if self.dataset is not None:
            n = len(self.dataset) if self.steps_limit is None else self.steps_limit
            return int(n)
        steps = math.ceil(self.n / self.batch_size)
        return steps if self.steps_limit is None else min(steps, int(self.steps_limit))

    def __iter__(self):
        """(data, idx) per step: a batch and None; or, shuffled, the whole (x, y, w) and the batch's
        row indices, which the step gathers itself (inside its trace: no Python per gather)."""
        if self.dataset is not None:
            for i, element in enumerate(self.dataset):
                if self.steps_limit is not None and i >= self.steps_limit:
                    return
                yield (element if isinstance(element, tuple) else (element,)), None
            return
        order = None
        if self.shuffle:  # Keras shuffles the rows each epoch (TF's seed rules give the stream)
            order = random_ops.permutation(self.n)
            one = to_js([1])
        whole = _element(self.x, self.y, self.w)
        for s in range(self.steps()):
            a, b = s * self.batch_size, min(self.n, (s + 1) * self.batch_size)
            if order is not None:  # order[a:b] (1-D: one JS call per step)
                yield whole, Tensor(call(js.stridedSlice, order._t, to_js([a]), to_js([b]), one))
            else:
                pick = lambda t, a=a, b=b: _slice_rows(t, a, b)  # noqa: E731
                yield tuple(_map(pick, t) for t in whole), None


def _gathered(data, idx):
    """The batch of rows idx of data ((x,), (x, y) or (x, y, w); lists and dicts inside)."""
    if idx is None:
        return data
    return tuple(_map(lambda t: OPS["gather"](t, idx), t) for t in data)


class Model(Layer):
    """keras.Model: subclass it (layers as attributes, call(inputs, training)), or give it
    inputs and outputs (keras.Input and layers called on it: the functional API)."""

    def __init__(self, *args, inputs=None, outputs=None, name=None, trainable=True, **kwargs):
        if args:
            inputs, outputs = (args + (None,))[:2] if len(args) < 2 else args[:2]
        base = "functional" if inputs is not None else type(self).__name__
        Layer.__init__(self, trainable=trainable, name=name or unique_name(_snake(base)), **kwargs)
        self.compiled = False
        self.run_eagerly = False
        self.train_function = self.test_function = self.predict_function = None
        self.stop_training = False
        self.optimizer = None
        self.history = None
        self._functional = None
        if inputs is not None:
            self._init_functional(inputs, outputs)

    # --- the functional graph ----------------------------------------------------------------
    def _init_functional(self, inputs, outputs):
        ins = inputs if isinstance(inputs, (list, tuple)) else [inputs]
        outs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
        order, seen = [], set()

        def visit(t):
            if id(t) in seen:
                return
            seen.add(id(t))
            for parent in t._inputs:
                visit(parent)
            order.append(t)

        for t in outs:
            if not isinstance(t, KerasTensor):
                raise ValueError("Model outputs must be KerasTensors (layers called on keras.Input), got %r" % (t,))
            visit(t)
        order.sort(key=lambda t: t._serial)  # the order the calls were written in (still topological)
        for t in order:
            if not t._inputs and not any(t is i for i in ins):
                raise ValueError("The model's outputs depend on an input that is not in `inputs`: %s" % t.name)
        self._functional = (ins, outs, order, isinstance(inputs, (list, tuple)), isinstance(outputs, (list, tuple)))
        layers = []
        for t in order:
            if t._layer is not None and all(t._layer is not known for known in layers):
                layers.append(t._layer)
        self._graph_layers = layers
        self.built = True

    def _run_graph(self, x, training):
        ins, outs, order, many_in, many_out = self._functional
        xs = x if many_in else [x]
        if len(xs) != len(ins):
            raise ValueError("The model expects %d inputs, got %d" % (len(ins), len(xs)))
        values = {id(k): _float_input(v, k.dtype) for k, v in zip(ins, xs, strict=True)}

        def resolve(v):  # a call's other arguments with their KerasTensors' values
            if isinstance(v, KerasTensor):
                return values[id(v)]
            if isinstance(v, (list, tuple)):
                return type(v)(resolve(x) for x in v)
            if isinstance(v, dict):
                return {k: resolve(x) for k, x in v.items()}
            return v

        for t in order:
            if id(t) in values:
                continue
            if t._pick is not None:
                values[id(t)] = values[id(t._inputs[0])][t._pick]
                continue
            args = [values[id(p)] for p in t._inputs[: getattr(t, "_arity", len(t._inputs))]]
            kwargs = resolve(dict(t._kwargs))
            if _takes(t._layer.call, "training"):
                kwargs["training"] = training
            values[id(t)] = t._layer(args[0] if len(args) == 1 else args, *resolve(tuple(t._args)), **kwargs)
        result = [values[id(t)] for t in outs]
        return result if many_out else result[0]

    @property
    def layers(self):
        if self._functional is not None:
            return list(self._graph_layers)
        return self._sublayers()

    def get_layer(self, name=None, index=None):
        if index is not None:
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError("No such layer: %s. Existing layers are: %s." % (name, [layer.name for layer in self.layers]))

    def _sublayers(self):
        if self._functional is not None:
            return list(self._graph_layers)
        return Layer._sublayers(self)

    def call(self, inputs, training=None):
        if self._functional is not None:
            return self._run_graph(inputs, training)
        raise NotImplementedError("Model.call: a subclassed keras.Model must define call(inputs)")

    def __call__(self, inputs, *args, **kwargs):
        if self._functional is not None and not _flat_kt(inputs):
            return self._run_graph(inputs, kwargs.get("training"))
        return Layer.__call__(self, inputs, *args, **kwargs)

    def build(self, input_shape):
        if self._functional is None and type(self).call is not Model.call:  # a subclass: one call builds it all
            self.built = True
            shape = [1 if d is None else d for d in input_shape]
            self.call(OPS["zeros"](shape, self._dtype))
        self.built = True

    # --- training API ---------------------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None, weighted_metrics=None,
                run_eagerly=False, steps_per_execution=1, jit_compile="auto", **kwargs):  # fmt: skip
        """compile(optimizer, loss, metrics): by object or by name ('adam', 'sparse_categorical_
        crossentropy', ['accuracy']). fit, evaluate and predict run their steps as tf.functions
        (traced once per batch shape, then replayed in the core) unless run_eagerly=True."""
        self.optimizer = _optimizer(optimizer)
        self.loss = loss
        self._loss_fn = None if loss is None else _losses.get(loss)
        self._metric_specs = list(metrics or [])
        self._compile_metrics = [_metrics.get(m, self._loss_fn) for m in self._metric_specs]
        self._loss_tracker = _metrics.Mean(name="loss")
        self.compiled_loss = _CompiledLoss(self)
        self.compiled_metrics = _CompiledMetrics(self)
        self.run_eagerly = run_eagerly
        self.train_function = self.test_function = self.predict_function = None
        self.compiled = True

    @property
    def metrics(self):
        """The loss tracker ('loss') and the compiled metrics (Keras)."""
        if not self.compiled:
            return []
        return [self._loss_tracker] + list(self._compile_metrics)

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics] or ["loss"]

    def reset_metrics(self):
        for m in self.metrics:
            m.reset_state()

    def _check_compiled(self, what):
        if not self.compiled:
            raise RuntimeError("You must call `compile()` before using the model for %s." % what)
        if self._loss_fn is None:
            raise ValueError("No loss to compute. Provide a `loss` argument in `compile()`.")

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None):
        loss = self._loss_fn(y, y_pred, sample_weight)
        for extra in self.losses:
            loss = loss + extra
        return loss

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        """Updates the compiled metrics; returns every metric's result by name."""
        for m in self._compile_metrics:
            m.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self):
        return {m.name: m.result() for m in self.metrics}

    def train_step(self, data):
        """One step (Keras's train_step(data)): forward with training=True, the loss, its gradients
        by the tape, the update, the metrics; returns the logs (tensors by metric name)."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        with GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x, y, y_pred, sample_weight)
        self._loss_tracker.update_state(loss, sample_weight=_rows(_first(x)))  # by batch size, as Keras
        variables = self.trainable_variables
        grads = tape.gradient(loss, variables)
        self.optimizer.apply_gradients(zip(grads, variables, strict=False))
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def test_step(self, data):
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        loss = self.compute_loss(x, y, y_pred, sample_weight)
        self._loss_tracker.update_state(loss, sample_weight=_rows(_first(x)))
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def predict_step(self, data):
        x, _, _ = unpack_x_y_sample_weight(data)
        return self(x, training=False)

    def _step_function(self, attr, step):
        """self.<attr>: fn(data, idx=None) -> step(the batch) as a tf.function (called as plain
        Python when run_eagerly)."""
        if getattr(self, attr, None) is None:
            from ..eager.def_function import function

            setattr(self, attr, function(lambda data, idx=None: step(_gathered(data, idx))))
        if self.run_eagerly:
            return lambda data, idx=None: step(_gathered(data, idx))
        return getattr(self, attr)

    def make_train_function(self, force=False):
        if force:
            self.train_function = None
        return self._step_function("train_function", self.train_step)

    def make_test_function(self, force=False):
        if force:
            self.test_function = None
        return self._step_function("test_function", self.test_step)

    def make_predict_function(self, force=False):
        if force:
            self.predict_function = None
        return self._step_function("predict_function", self.predict_step)

    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None, validation_split=0.0,
            validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0,
            steps_per_epoch=None, validation_steps=None, validation_batch_size=None, validation_freq=1):  # fmt: skip
        """Keras's fit: returns a History (history.history[name] per epoch)."""
        self._check_compiled("training")
        verbose = 1 if verbose == "auto" else int(verbose)
        if validation_split and validation_data is None:
            if not 0 < validation_split < 1:
                raise ValueError("`validation_split` must be in (0, 1), got %s" % validation_split)
            x, y, sample_weight = _as_data(x), _as_data(y), _as_data(sample_weight)
            n = _rows(_first(x))
            split = int(n * (1.0 - validation_split))  # Keras: the last fraction, before shuffling
            cut = lambda t, a, b: None if t is None else _map(lambda v: _slice_rows(v, a, b), t)  # noqa: E731
            validation_data = (cut(x, split, n), cut(y, split, n))
            x, y, sample_weight = cut(x, 0, split), cut(y, 0, split), cut(sample_weight, 0, split)
        if class_weight is not None:  # the training rows only, after validation_split (Keras)
            sample_weight = _class_weights(x, y, class_weight, sample_weight)
        train = _Batches(x, y, sample_weight, batch_size, shuffle, steps_per_epoch)
        val = None
        if validation_data is not None:
            vx, vy, vw = (
                (tuple(validation_data) + (None, None))[:3]
                if isinstance(validation_data, tuple)
                else (validation_data, None, None)
            )
            val = _Batches(vx, vy, vw, validation_batch_size or batch_size, False, validation_steps)
        history = _callbacks.History()
        progress = _callbacks.ProgbarLogger(verbose, epochs)
        chart = _callbacks.host_chart()  # the page's live chart, where the host draws one
        # History last, as Keras appends it: it keeps what the others add to the logs (learning_rate)
        cbs = list(callbacks or []) + ([chart] if chart is not None else []) + [history]
        steps = train.steps()
        for cb in cbs:
            cb.set_model(self)
            cb.set_params({"verbose": verbose, "epochs": epochs, "steps": steps})
            cb.on_train_begin()
        self.stop_training = False
        train_function = self.make_train_function()
        logs = {}
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            for cb in cbs:
                cb.on_epoch_begin(epoch)
            progress.begin(epoch)
            done, step_logs = 0, None
            for step, (batch, idx) in enumerate(train):
                for cb in cbs:
                    cb.on_train_batch_begin(step)
                step_logs = train_function(batch, idx)
                done += 1
                if len(cbs) > 1:
                    batch_logs = _floats(step_logs)
                    for cb in cbs:
                        cb.on_train_batch_end(step, batch_logs)
                if self.stop_training:
                    break
            logs = _floats(step_logs) if step_logs is not None else _floats(self.get_metrics_result())
            if val is not None and (epoch + 1) % validation_freq == 0:
                logs.update({"val_" + k: v for k, v in self._evaluate(val).items()})
            progress.end(done, logs)
            for cb in cbs:
                cb.on_epoch_end(epoch, logs)
            if self.stop_training:
                break
        for cb in cbs:
            cb.on_train_end(logs)
        self.history = history
        history.model = self
        return history

    def _evaluate(self, batches):
        """The metrics over every batch (reset first, as Keras's evaluate does)."""
        self.reset_metrics()
        test_function = self.make_test_function()
        steps, logs = 0, None
        for batch, idx in batches:
            logs = test_function(batch, idx)
            steps += 1
        self._last_eval_steps = steps
        return _floats(logs if logs is not None else self.get_metrics_result())

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None, steps=None,
                 callbacks=None, return_dict=False, **kwargs):  # fmt: skip
        """Loss and metrics over the data: the loss alone, or [loss, *metrics] (a dict with
        return_dict=True)."""
        self._check_compiled("evaluation")
        verbose = 1 if verbose == "auto" else int(verbose)
        progress = _callbacks.ProgbarLogger(verbose)
        progress.begin()
        logs = self._evaluate(_Batches(x, y, sample_weight, batch_size, False, steps))
        progress.end(self._last_eval_steps, logs)
        return logs if return_dict else _values(logs)

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """The outputs for x, batch by batch, as an array (tensor.numpy())."""
        verbose = 1 if verbose == "auto" else int(verbose)
        progress = _callbacks.ProgbarLogger(verbose)
        progress.begin()
        predict_function = self.make_predict_function()
        outs = [predict_function(batch, idx) for batch, idx in _Batches(x, None, None, batch_size, False, steps)]
        progress.end(len(outs), {})
        if not outs:
            raise ValueError("Unexpected result of `predict_function` (Empty batch_outputs).")
        if isinstance(outs[0], (list, tuple)):
            return [OPS["concat"]([o[i] for o in outs], 0).numpy() for i in range(len(outs[0]))]
        return (outs[0] if len(outs) == 1 else OPS["concat"](outs, 0)).numpy()

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False):
        self._check_compiled("training")
        if class_weight is not None:
            sample_weight = _class_weights(x, y, class_weight, sample_weight)
        self.reset_metrics()  # the results are this batch's (Keras)
        logs = _floats(self.make_train_function()(_element(_as_data(x), _as_data(y), _as_data(sample_weight))))
        return logs if return_dict else _values(logs)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        self._check_compiled("evaluation")
        logs = self._evaluate(_Batches(x, y, sample_weight, _rows(_first(_as_data(x))), False))
        return logs if return_dict else _values(logs)

    def predict_on_batch(self, x):
        return self(_as_data(x), training=False).numpy()

    # --- weights on disk ------------------------------------------------------------------------
    def save_weights(self, filepath, overwrite=True, save_format=None, options=None):
        """The weights: to a .h5 / .npz name as a NumPy .npz archive in model order (arr_0, arr_1,
        ...: np.load reads it); to any other name as a tf.train checkpoint (Keras 2's TF format:
        <path>.index, <path>.data-00000-of-00001 and the folder's "checkpoint" file, so
        tf.train.latest_checkpoint finds it)."""
        path = os.fspath(filepath)
        if _npz_name(path):
            save_weights_npz(path, self.weights)
            return
        from ..training.checkpoint import Checkpoint, update_state

        update_state(Checkpoint(root=self).write(path))

    def save(self, filepath, overwrite=True, save_format=None, **kwargs):
        """The model (architecture, weights, compile arguments) as a .keras zip: see keras/saving.py."""
        save_model(self, filepath, overwrite)

    def to_json(self, **kwargs):
        import json

        return json.dumps(model_config(self), **kwargs)

    def load_weights(self, filepath, skip_mismatch=False, by_name=False, options=None):
        """What save_weights wrote (a checkpoint is restored when the model builds, if it has not)."""
        path = os.fspath(filepath)
        if not _npz_name(path) and os.path.exists(path + ".index"):
            from ..training.checkpoint import Checkpoint

            return Checkpoint(root=self).read(path)
        self.set_weights(load_weights_npz(path))
        return None

    # --- summary --------------------------------------------------------------------------------
    def summary(
        self,
        line_length=None,
        positions=None,
        print_fn=None,
        expand_nested=False,
        show_trainable=False,
        layer_range=None,
    ):
        """Keras 3's table (as printed when the output is not a terminal: 76 columns)."""
        from .summary import summary_lines

        for line in summary_lines(self):
            (print_fn or print)(line)


class Sequential(Model):
    """keras.Sequential([layers...]): each layer's output is the next one's input."""

    def __init__(self, layers=None, name=None, trainable=True):
        Model.__init__(self, name=name or unique_name("sequential"), trainable=trainable)
        self._layers = []
        self._input_shape_known = None
        for layer in layers or []:
            self.add(layer)

    def add(self, layer):
        if isinstance(layer, KerasTensor):  # keras.Input(shape=...) first: the input's shape
            self._input_shape_known = tuple(layer.shape)
            self._input_layer = layer._layer
            self._build_all()
            return
        if not isinstance(layer, Layer):
            raise ValueError(
                "Only instances of `keras.Layer` can be added to a Sequential model. Received: %r" % (layer,)
            )
        if isinstance(layer, InputLayer):
            self._input_shape_known = layer._output_shape
            self._input_layer = layer
            self._build_all()
            return
        if not self._layers and self._input_shape_known is None and layer._input_shape_arg is not None:
            self._input_shape_known = (None,) + tuple(layer._input_shape_arg)
        self._layers.append(layer)
        self._build_all()

    def pop(self):
        layer = self._layers.pop()
        return layer

    @property
    def layers(self):
        return list(self._layers)

    def _sublayers(self):
        return list(self._layers)

    def _build_all(self):
        """With a known input shape, build every layer and note each output shape (no data)."""
        if self._input_shape_known is None:
            return
        shape = tuple(self._input_shape_known)
        for layer in self._layers:
            layer._maybe_build(shape)
            shape = tuple(layer.compute_output_shape(shape))
            layer._output_shape = shape
        self._output_shape = shape
        self.built = True

    def build(self, input_shape=None):
        if input_shape is not None:
            self._input_shape_known = tuple(input_shape)
        self._build_all()

    def call(self, inputs, training=None, mask=None):
        x = inputs
        for layer in self._layers:
            x = layer(x, training=training) if _takes(layer.call, "training") else layer(x)
        return x

    def __call__(self, inputs, *args, **kwargs):
        if not self.built and not _flat_kt(inputs):
            x = inputs if isinstance(inputs, Tensor) else convert_to_tensor(inputs)
            self._input_shape_known = (None,) + tuple(x.shape[1:])
            self._build_all()
        if _flat_kt(inputs):
            kt = _flat_kt(inputs)[0]
            self._input_shape_known = tuple(kt.shape)
            self._build_all()
            return KerasTensor(self._layers[-1]._output_shape if self._layers else kt.shape, "float32", self, [kt])
        return self.call(inputs, **{k: v for k, v in kwargs.items() if k in ("training", "mask")})

    def compute_output_shape(self, input_shape):
        shape = tuple(input_shape)
        for layer in self._layers:
            shape = tuple(layer.compute_output_shape(shape))
        return shape
