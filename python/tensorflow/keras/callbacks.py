"""keras.callbacks: Callback, History (what fit returns), EarlyStopping, LambdaCallback, and the
progress line Keras prints (ProgbarLogger)."""

import math
import sys
import time


class Callback:
    """keras.callbacks.Callback: override the on_* methods; self.model is the model."""

    def __init__(self):
        self.model = None
        self.params = {}

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = params

    def on_train_begin(self, logs=None): ...
    def on_train_end(self, logs=None): ...
    def on_epoch_begin(self, epoch, logs=None): ...
    def on_epoch_end(self, epoch, logs=None): ...
    def on_train_batch_begin(self, batch, logs=None): ...
    def on_train_batch_end(self, batch, logs=None): ...
    def on_test_begin(self, logs=None): ...
    def on_test_end(self, logs=None): ...
    def on_test_batch_begin(self, batch, logs=None): ...
    def on_test_batch_end(self, batch, logs=None): ...
    def on_predict_begin(self, logs=None): ...
    def on_predict_end(self, logs=None): ...
    def on_predict_batch_begin(self, batch, logs=None): ...
    def on_predict_batch_end(self, batch, logs=None): ...

    on_batch_begin = on_train_batch_begin  # Keras 2's names
    on_batch_end = on_train_batch_end


class History(Callback):
    """history.history: each log's values per epoch; history.epoch: the epochs run."""

    def on_train_begin(self, logs=None):
        self.epoch = []
        self.history = {}

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for k, v in (logs or {}).items():
            self.history.setdefault(k, []).append(v)


class LambdaCallback(Callback):
    """keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: ..., ...)"""

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_train_begin=None, on_train_end=None,
                 on_train_batch_begin=None, on_train_batch_end=None, **kwargs):  # fmt: skip
        Callback.__init__(self)
        for name, fn in (("on_epoch_begin", on_epoch_begin), ("on_epoch_end", on_epoch_end),
                         ("on_train_begin", on_train_begin), ("on_train_end", on_train_end),
                         ("on_train_batch_begin", on_train_batch_begin), ("on_train_batch_end", on_train_batch_end),
                         ("on_batch_begin", kwargs.pop("on_batch_begin", None)),
                         ("on_batch_end", kwargs.pop("on_batch_end", None))):  # fmt: skip
            if fn is not None:
                setattr(self, name.replace("on_batch_", "on_train_batch_"), fn)
        if kwargs:
            raise TypeError("LambdaCallback() got unexpected keyword arguments %s" % sorted(kwargs))


class EarlyStopping(Callback):
    """keras.callbacks.EarlyStopping(monitor='val_loss', min_delta=0, patience=0, mode='auto',
    restore_best_weights=False, start_from_epoch=0): stops fit when the monitored value has not
    improved by min_delta for `patience` epochs."""

    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto", baseline=None,
                 restore_best_weights=False, start_from_epoch=0):  # fmt: skip
        Callback.__init__(self)
        if mode not in ("auto", "min", "max"):
            raise ValueError("EarlyStopping mode %s is unknown, use one of 'auto', 'min', 'max'" % mode)
        self.monitor, self.patience, self.verbose, self.baseline = monitor, int(patience), verbose, baseline
        self.restore_best_weights, self.start_from_epoch = restore_best_weights, int(start_from_epoch)
        bigger = mode == "max" or (mode == "auto" and ("acc" in monitor or monitor.endswith("auc")))
        self._better = (lambda a, b: a > b) if bigger else (lambda a, b: a < b)
        self.min_delta = abs(min_delta) * (1 if bigger else -1)
        self.stopped_epoch = 0

    def on_train_begin(self, logs=None):
        self.wait, self.stopped_epoch, self.best_epoch, self.best_weights = 0, 0, 0, None
        self.best = self.baseline if self.baseline is not None else (-math.inf if self._better(1, 0) else math.inf)

    def on_epoch_end(self, epoch, logs=None):
        value = (logs or {}).get(self.monitor)
        if value is None:
            print("WARNING: Early stopping conditioned on metric `%s` which is not available. Available metrics are: %s"
                  % (self.monitor, ",".join(logs or {})), file=sys.stderr)  # fmt: skip
            return
        if epoch < self.start_from_epoch:
            return
        self.wait += 1
        if self._better(value - self.min_delta, self.best):
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True
            if self.restore_best_weights and self.best_weights is not None:
                if self.verbose > 0:
                    print("Restoring model weights from the end of the best epoch: %d." % (self.best_epoch + 1))
                self.model.set_weights(self.best_weights)

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print("Epoch %d: early stopping" % (self.stopped_epoch + 1))


def _value(v):
    return " %.4f" % v if abs(v) > 1e-3 else " %.4e" % v


def _per_unit(seconds, unit):
    if seconds >= 1 or seconds == 0:
        return "%.0fs/%s" % (seconds, unit)
    if seconds >= 1e-3:
        return "%.0fms/%s" % (seconds * 1e3, unit)
    return "%.0fus/%s" % (seconds * 1e6, unit)


class ProgbarLogger(Callback):
    """The line Keras prints when a pass ends (its output when the stream is not a terminal):
    verbose 1: `1875/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 2ms/step - accuracy: 0.8221 - loss: 0.5064`,
    verbose 2: `1875/1875 - 3s - 2ms/step - accuracy: 0.8221 - loss: 0.5064`."""

    def __init__(self, verbose=1, epochs=None):
        Callback.__init__(self)
        self.verbose, self.epochs = verbose, epochs

    def begin(self, epoch=None):
        if epoch is not None and self.epochs is not None and self.verbose:
            print("Epoch %d/%d" % (epoch + 1, self.epochs))
        self._start = time.perf_counter()

    def end(self, steps, logs, unit="step"):
        if not self.verbose:
            return
        elapsed = time.perf_counter() - self._start
        per = elapsed / steps if steps else 0
        info = "".join(" - %s:%s" % (k, _value(v)) for k, v in sorted((logs or {}).items()))
        if self.verbose == 1:
            print("%d/%d %s %ds %s%s" % (steps, steps, "\u2501" * 20, int(elapsed), _per_unit(per, unit), info))
        else:
            print("%d/%d - %ds - %s%s" % (steps, steps, int(elapsed), _per_unit(per, unit), info))


class HostChart(Callback):
    """What fit tells a page that draws it (the host's `fit` hook: <xtape-python> and the page's
    Python view chart loss and metrics live): JSON events begin {epochs, steps}, batch {epoch,
    step, logs} (the running means Keras shows, at most every `interval` seconds and at each
    epoch's last batch) and epoch {epoch, logs} (with validation). fit adds it when the host has
    the hook; without one (npm run python) nothing is sent."""

    def __init__(self, send, interval=0.1):
        Callback.__init__(self)
        self._send, self._interval = send, interval

    def _post(self, **event):
        import json

        self._send(json.dumps(event))

    def on_train_begin(self, logs=None):
        self._last = 0.0
        self._post(event="begin", epochs=self.params.get("epochs"), steps=self.params.get("steps"))

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        now = time.perf_counter()
        last = batch + 1 == self.params.get("steps")
        if logs and (last or now - self._last >= self._interval):
            self._last = now
            self._post(event="batch", epoch=self._epoch, step=batch, logs=logs)

    def on_epoch_end(self, epoch, logs=None):
        self._post(event="epoch", epoch=epoch, logs=logs or {})


def host_chart():
    """The HostChart for this host, or None where the host draws no chart."""
    try:
        import xtape_host
    except ImportError:
        return None
    send = getattr(xtape_host, "fit", None)
    return HostChart(send) if send is not None else None
