"""model.save / keras.models.load_model, to_json / model_from_json, clone_model.

A saved model is a zip (Keras 3's .keras layout): config.json (the architecture: a Sequential's
layers, a functional model's layers and calls, or a subclassed model's constructor arguments,
each layer by its constructor arguments; and the compile arguments), metadata.json, and
model.weights.npz (the weights in model order, NumPy's .npz). The same zip is written for .h5
names and, inside a folder, for a path without an extension (Keras 2's SavedModel folder): xtape
reads what it writes; TF's HDF5 files and SavedModels are other formats. The optimizer's state
(Adam's moments) is not saved: a loaded model compiles a fresh optimizer, as Keras without it."""

import datetime
import io
import json
import os
import zipfile

from ..framework.npz import read_npz, write_npz
from .serialization import from_json_value, record_arguments, to_json_value

_FORMAT = "xtape-keras-1"


def _layer_list(layers):
    return [to_json_value(layer, "layer", name=layer.name) for layer in layers]


def model_config(model):
    """The architecture as JSON data."""
    from .layers import KerasTensor
    from .models import Sequential

    if isinstance(model, Sequential):
        return {"kind": "sequential", "name": model.name, "layers": _layer_list(model.layers),
                "input_shape": _shape(model._input_shape_known)}  # fmt: skip
    if model._functional is not None:
        ins, outs, order, many_in, many_out = model._functional
        layers = [t._layer for t in order if t._layer is not None and not any(t is i for i in ins)]
        unique = []
        for layer in layers:
            if all(layer is not u for u in unique):
                unique.append(layer)
        index = {id(t): i for i, t in enumerate(order)}

        def refs(v):  # KerasTensors among a call's other arguments, by their index
            if isinstance(v, KerasTensor):
                return {"__node__": index[id(v)]}
            if isinstance(v, (list, tuple)):
                return type(v)(refs(x) for x in v)
            if isinstance(v, dict):
                return {k: refs(x) for k, x in v.items()}
            return v

        nodes = []
        for t in order:
            if any(t is i for i in ins):
                nodes.append({"input": _shape(t.shape), "dtype": t.dtype, "name": t.name})
            elif t._pick is not None:
                nodes.append({"pick": t._pick, "of": index[id(t._inputs[0])]})
            else:
                arity = getattr(t, "_arity", len(t._inputs))
                nodes.append({"layer": next(i for i, u in enumerate(unique) if u is t._layer),
                              "inputs": [index[id(p)] for p in t._inputs[:arity]],
                              "args": to_json_value(refs(tuple(t._args))),
                              "kwargs": to_json_value(refs(dict(t._kwargs)))})  # fmt: skip
        return {"kind": "functional", "name": model.name, "layers": _layer_list(unique), "nodes": nodes,
                "inputs": [index[id(t)] for t in ins], "outputs": [index[id(t)] for t in outs],
                "many_inputs": many_in, "many_outputs": many_out}  # fmt: skip
    if "_init_args" not in model.__dict__:
        raise ValueError("Cannot save %s: it was not made by a constructor xtape recorded" % model.name)
    return {"kind": "subclassed", "object": to_json_value(model, "model"), "build_shape": _shape(model._build_shape)}


def _shape(shape):
    return None if shape is None else [None if d is None else int(d) for d in shape]


def model_from_config(config, custom_objects=None):
    from ..ops.gen_ops import OPS
    from .layers import Input
    from .models import Model, Sequential

    if not isinstance(config, dict) or config.get("kind") not in ("sequential", "functional", "subclassed"):
        raise ValueError("Not an xtape model config: %r" % (str(config)[:80],))
    kind = config["kind"]
    if kind == "sequential":
        model = Sequential(name=config["name"])
        if config["input_shape"] is not None:
            model.add(Input(tuple(config["input_shape"][1:])))
        for layer in config["layers"]:
            model.add(from_json_value(layer, custom_objects))
        return model
    if kind == "functional":
        layers = [from_json_value(layer, custom_objects) for layer in config["layers"]]
        made = []

        def tensors(v):  # {"__node__": i} back to the KerasTensor made for node i
            if isinstance(v, dict) and set(v) == {"__node__"}:
                return made[v["__node__"]]
            if isinstance(v, (list, tuple)):
                return type(v)(tensors(x) for x in v)
            if isinstance(v, dict):
                return {k: tensors(x) for k, x in v.items()}
            return v

        for node in config["nodes"]:
            if "input" in node:
                made.append(Input(tuple(node["input"][1:]), dtype=node["dtype"], name=node["name"]))
                continue
            if "pick" in node:
                made.append(made[node["of"]][node["pick"]])
                continue
            parents = [made[i] for i in node["inputs"]]
            args = tensors(from_json_value(node["args"], custom_objects))
            kwargs = tensors(from_json_value(node["kwargs"], custom_objects))
            made.append(layers[node["layer"]](parents[0] if len(parents) == 1 else parents, *args, **kwargs))
        ins = [made[i] for i in config["inputs"]]
        outs = [made[i] for i in config["outputs"]]
        return Model(ins if config["many_inputs"] else ins[0], outs if config["many_outputs"] else outs[0],
                     name=config["name"])  # fmt: skip
    model = from_json_value(config["object"], custom_objects)
    shape = config.get("build_shape")
    if shape is not None:  # build it as it was: its weights exist before they are set
        model(OPS["zeros"]([1 if d is None else d for d in shape], model.dtype))
    return model


def _compile_config(model):
    if not getattr(model, "compiled", False):
        return None
    try:
        return {"optimizer": to_json_value(model.optimizer, "optimizer"),
                "loss": to_json_value(model.loss, "loss"),
                "metrics": to_json_value(list(model._metric_specs), "metric")}  # fmt: skip
    except ValueError:
        return None  # compiled with what cannot be written: loaded uncompiled (fit then says so)


def save_model(model, filepath, overwrite=True):
    path = os.fspath(filepath)
    if not overwrite and os.path.exists(path):
        raise FileExistsError("%s exists and overwrite=False" % path)
    config = {"format": _FORMAT, "model": model_config(model), "compile": _compile_config(model)}
    meta = {"keras_version": "3-xtape", "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")}
    weights = io.BytesIO()
    write_npz(weights, [("arr_%d" % i, w) for i, w in enumerate(model.weights)])
    if not os.path.splitext(path)[1]:  # Keras 2's SavedModel: a folder
        os.makedirs(path, exist_ok=True)
        path = os.path.join(path, "model.keras")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("config.json", json.dumps(config))
        z.writestr("metadata.json", json.dumps(meta))
        z.writestr("model.weights.npz", weights.getvalue())


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):  # noqa: A002  (Keras's keyword)
    """The model save() wrote, with its weights (and compiled as it was, with compile=True)."""
    path = os.fspath(filepath)
    if os.path.isdir(path):
        path = os.path.join(path, "model.keras")
    if not os.path.exists(path):
        raise ValueError("File not found: filepath=%s. Please ensure the file is an accessible `.keras` zip file."
                         % filepath)  # fmt: skip
    try:
        with zipfile.ZipFile(path) as z:
            config = json.loads(z.read("config.json"))
            weights_bytes = z.read("model.weights.npz")
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ValueError("%s is not a model saved by xtape's model.save (%s); TF's HDF5 files and SavedModels "
                         "are not readable here" % (filepath, e)) from None  # fmt: skip
    if not isinstance(config, dict) or config.get("format") != _FORMAT:
        raise ValueError("%s is not a model saved by xtape's model.save" % filepath)
    model = model_from_config(config["model"], custom_objects)
    arrays = read_npz(io.BytesIO(weights_bytes), "load_model")
    model.set_weights([arrays["arr_%d" % i] for i in range(len(arrays))])
    if compile and config.get("compile"):
        c = config["compile"]
        model.compile(optimizer=from_json_value(c["optimizer"], custom_objects),
                      loss=from_json_value(c["loss"], custom_objects),
                      metrics=from_json_value(c["metrics"], custom_objects))  # fmt: skip
    return model


def model_from_json(json_string, custom_objects=None):
    return model_from_config(json.loads(json_string), custom_objects)


def clone_model(model, input_tensors=None, clone_function=None):
    """A model of the same architecture with new weights (initialized again)."""
    if input_tensors is not None or clone_function is not None:
        raise NotImplementedError("keras.models.clone_model: input_tensors and clone_function are not in xtape")
    config = model_config(model)
    if config["kind"] != "subclassed":
        for layer in config["layers"]:  # new layers get new names, as Keras's clone
            layer["kwargs"].pop("name", None)
    return model_from_config(config)


def register_keras_serializable(package="Custom", name=None):
    """@keras.saving.register_keras_serializable(): xtape records every Layer, Loss, Metric, ...
    subclass already; the decorator records any other class."""

    def register(cls):
        record_arguments(cls)
        return cls

    return register
