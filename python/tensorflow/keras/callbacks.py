"""keras.callbacks: Callback, History (what fit returns), EarlyStopping, LambdaCallback, the
progress line Keras prints (ProgbarLogger), LearningRateScheduler, ReduceLROnPlateau, CSVLogger,
ModelCheckpoint, TensorBoard (event files) and the host's live chart."""

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


class LearningRateScheduler(Callback):
    """keras.callbacks.LearningRateScheduler(schedule): the optimizer's learning rate set to
    schedule(epoch, lr) (or schedule(epoch)) as each epoch begins; logs get 'learning_rate'."""

    def __init__(self, schedule, verbose=0):
        Callback.__init__(self)
        self.schedule, self.verbose = schedule, verbose

    def on_epoch_begin(self, epoch, logs=None):
        import inspect

        lr = float(self.model.optimizer.learning_rate)
        try:
            takes_two = len(inspect.signature(self.schedule).parameters) >= 2
        except (TypeError, ValueError):
            takes_two = True
        lr = float(self.schedule(epoch, lr) if takes_two else self.schedule(epoch))
        self.model.optimizer.learning_rate = lr
        if self.verbose > 0:
            print("\nEpoch %05d: LearningRateScheduler setting learning rate to %s." % (epoch + 1, lr))

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = float(self.model.optimizer.learning_rate)


def _improved(mode, monitor):
    if mode == "min" or (mode == "auto" and "acc" not in monitor):
        return lambda cur, best, delta: cur < best - delta
    return lambda cur, best, delta: cur > best + delta


class ReduceLROnPlateau(Callback):
    """keras.callbacks.ReduceLROnPlateau: lr *= factor when `monitor` has not improved by
    min_delta for `patience` epochs (then `cooldown` epochs of rest), never below min_lr."""

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto", min_delta=1e-4,
                 cooldown=0, min_lr=0.0, **kwargs):  # fmt: skip
        Callback.__init__(self)
        if factor >= 1.0:
            raise ValueError("ReduceLROnPlateau does not support a factor >= 1.0. Got %s" % factor)
        self.monitor, self.factor, self.patience, self.verbose = monitor, float(factor), int(patience), verbose
        self.min_delta, self.cooldown, self.min_lr = float(min_delta), int(cooldown), float(min_lr)
        self._better = _improved(mode, monitor)

    def on_train_begin(self, logs=None):
        self.best, self.wait, self.cooldown_counter = None, 0, 0

    def on_epoch_end(self, epoch, logs=None):
        logs = logs if logs is not None else {}
        logs["learning_rate"] = float(self.model.optimizer.learning_rate)
        current = logs.get(self.monitor)
        if current is None:
            return
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        if self.best is None or self._better(current, self.best, self.min_delta):
            self.best, self.wait = current, 0
        elif self.cooldown_counter <= 0:
            self.wait += 1
            if self.wait >= self.patience:
                old = float(self.model.optimizer.learning_rate)
                if old > self.min_lr:
                    new = max(old * self.factor, self.min_lr)
                    self.model.optimizer.learning_rate = new
                    if self.verbose > 0:
                        print("\nEpoch %d: ReduceLROnPlateau reducing learning rate to %s." % (epoch + 1, new))
                    self.cooldown_counter, self.wait = self.cooldown, 0


class CSVLogger(Callback):
    """keras.callbacks.CSVLogger(filename, separator=',', append=False): one row per epoch, the
    epoch and the logs by sorted key."""

    def __init__(self, filename, separator=",", append=False):
        Callback.__init__(self)
        self.filename, self.sep, self.append = filename, separator, append
        self._keys = None

    def on_train_begin(self, logs=None):
        import os

        self._has_header = self.append and os.path.exists(self.filename) and os.path.getsize(self.filename) > 0
        self._file = open(self.filename, "a" if self.append else "w", newline="")

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self._keys is None:
            self._keys = sorted(logs)
            if not self._has_header:
                self._file.write(self.sep.join(["epoch"] + self._keys) + "\n")
        self._file.write(self.sep.join([str(epoch)] + [str(logs.get(k, "NA")) for k in self._keys]) + "\n")
        self._file.flush()

    def on_train_end(self, logs=None):
        self._file.close()


class ModelCheckpoint(Callback):
    """keras.callbacks.ModelCheckpoint(filepath, monitor='val_loss', save_best_only=False,
    save_weights_only=False, save_freq='epoch'): the model (model.save) or its weights
    (model.save_weights) at each epoch's end, or every save_freq batches; filepath is formatted
    with epoch (1-based) and the logs ("cp-{epoch:04d}.ckpt")."""

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False, save_weights_only=False,
                 mode="auto", save_freq="epoch", initial_value_threshold=None):  # fmt: skip
        Callback.__init__(self)
        if save_freq != "epoch" and (not isinstance(save_freq, int) or save_freq <= 0):
            raise ValueError("Unrecognized save_freq: %r. Expected save_freq are 'epoch' or integer values" % save_freq)
        self.filepath, self.monitor, self.verbose, self.save_best_only = str(filepath), monitor, verbose, save_best_only
        self.save_weights_only, self.save_freq = save_weights_only, save_freq
        self._better = _improved(mode, monitor)
        self.best = initial_value_threshold
        self._epoch, self._batches = 0, 0

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        self._batches += 1
        if self.save_freq != "epoch" and self._batches % self.save_freq == 0:
            self._save(self._epoch, logs or {})

    def on_epoch_end(self, epoch, logs=None):
        if self.save_freq == "epoch":
            self._save(epoch, logs or {})

    def _save(self, epoch, logs):
        path = self.filepath.format(epoch=epoch + 1, **logs)
        if self.save_best_only:
            current = logs.get(self.monitor)
            if current is None or not (self.best is None or self._better(current, self.best, 0.0)):
                return
            self.best = current
        if self.verbose > 0:
            print("\nEpoch %d: saving model to %s" % (epoch + 1, path))
        if self.save_weights_only:
            self.model.save_weights(path)
        else:
            self.model.save(path)


class TensorBoard(Callback):
    """keras.callbacks.TensorBoard(log_dir='logs', histogram_freq=0, update_freq='epoch'): event
    files in log_dir/train and log_dir/validation with epoch_<log> (epoch_loss, epoch_accuracy,
    epoch_learning_rate) at each epoch; update_freq='batch' or N adds batch_<log> every N steps
    (the running means Keras shows); histogram_freq N writes each weight's histogram (its path,
    'dense/kernel') every N epochs. Graphs, profiles, images of weights, embeddings: not in xtape."""

    def __init__(self, log_dir="logs", histogram_freq=0, write_graph=True, write_images=False,
                 write_steps_per_second=False, update_freq="epoch", profile_batch=0, embeddings_freq=0,
                 embeddings_metadata=None):  # fmt: skip
        Callback.__init__(self)
        if write_images or embeddings_freq:
            raise NotImplementedError("keras.callbacks.TensorBoard: write_images and embeddings are not in xtape")
        import os

        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = int(histogram_freq)
        self.update_freq = 1 if update_freq == "batch" else update_freq
        self._writers = {}
        self._step = 0

    def _writer(self, kind):
        import os

        from .. import summary

        if kind not in self._writers:
            self._writers[kind] = summary.create_file_writer(os.path.join(self.log_dir, kind))
        return self._writers[kind]

    def _scalars(self, kind, prefix, logs, step):
        from .. import summary

        with self._writer(kind).as_default(step=step):
            for k, v in logs.items():
                summary.scalar(prefix + k, v)

    def on_train_batch_end(self, batch, logs=None):
        self._step += 1
        if isinstance(self.update_freq, int) and logs and self._step % self.update_freq == 0:
            self._scalars("train", "batch_", logs, self._step)

    def on_epoch_end(self, epoch, logs=None):
        from .. import summary

        logs = dict(logs or {})
        train = {k: v for k, v in logs.items() if not k.startswith("val_")}
        if self.model is not None and getattr(self.model, "optimizer", None) is not None:
            train.setdefault("learning_rate", self.model.optimizer.learning_rate)
        self._scalars("train", "epoch_", train, epoch)
        val = {k[len("val_") :]: v for k, v in logs.items() if k.startswith("val_")}
        if val:
            self._scalars("validation", "epoch_", val, epoch)
        if self.histogram_freq and epoch % self.histogram_freq == 0 and self.model is not None:
            with self._writer("train").as_default(step=epoch):
                for w in self.model.weights:
                    summary.histogram(getattr(w, "path", w.name).replace(":", "_"), w)

    def on_train_end(self, logs=None):
        for w in self._writers.values():
            w.close()
        self._writers = {}


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
