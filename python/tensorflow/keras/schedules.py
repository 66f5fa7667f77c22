"""keras.optimizers.schedules: learning rates as functions of the optimizer's step, by Keras's
formulas. An optimizer given one sets its rate from it before each update (in Python: a
tf.function whose optimizer follows a schedule runs eagerly, so that the rate is never baked)."""

import math


class LearningRateSchedule:
    """keras.optimizers.schedules.LearningRateSchedule: __call__(step) -> the rate."""

    def __call__(self, step):
        raise NotImplementedError("%s must implement __call__(step)" % type(self).__name__)

    def get_config(self):
        return {}


class ExponentialDecay(LearningRateSchedule):
    """initial * decay_rate ** (step / decay_steps) (floored with staircase)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name=None):
        if decay_steps <= 0:
            raise ValueError("Argument `decay_steps` must be > 0. Received: decay_steps=%s" % decay_steps)
        self.initial_learning_rate, self.decay_steps = float(initial_learning_rate), float(decay_steps)
        self.decay_rate, self.staircase = float(decay_rate), bool(staircase)

    def __call__(self, step):
        p = float(step) / self.decay_steps
        return self.initial_learning_rate * self.decay_rate ** (math.floor(p) if self.staircase else p)


class InverseTimeDecay(LearningRateSchedule):
    """initial / (1 + decay_rate * step / decay_steps) (floored with staircase)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name=None):
        self.initial_learning_rate, self.decay_steps = float(initial_learning_rate), float(decay_steps)
        self.decay_rate, self.staircase = float(decay_rate), bool(staircase)

    def __call__(self, step):
        p = float(step) / self.decay_steps
        return self.initial_learning_rate / (1 + self.decay_rate * (math.floor(p) if self.staircase else p))


class PiecewiseConstantDecay(LearningRateSchedule):
    """values[i] while step <= boundaries[i]; values[-1] after the last boundary."""

    def __init__(self, boundaries, values, name=None):
        if len(values) != len(boundaries) + 1:
            raise ValueError("The length of boundaries should be 1 less than the length of values")
        self.boundaries, self.values = list(boundaries), [float(v) for v in values]

    def __call__(self, step):
        for b, v in zip(self.boundaries, self.values, strict=False):
            if step <= b:
                return v
        return self.values[-1]


class CosineDecay(LearningRateSchedule):
    """initial * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)."""

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name=None, warmup_target=None, warmup_steps=0):
        if warmup_target is not None or warmup_steps:
            raise NotImplementedError("CosineDecay's warmup is not provided by xtape")
        self.initial_learning_rate, self.decay_steps, self.alpha = (
            float(initial_learning_rate),
            float(decay_steps),
            float(alpha),
        )

    def __call__(self, step):
        done = min(float(step), self.decay_steps) / self.decay_steps
        return self.initial_learning_rate * ((1 - self.alpha) * 0.5 * (1 + math.cos(math.pi * done)) + self.alpha)
