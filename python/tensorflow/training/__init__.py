"""tf.train: checkpoints (Checkpoint, CheckpointManager, latest_checkpoint, list_variables,
load_variable)."""

from .checkpoint import (  # noqa: F401  (the tf.train namespace)
    Checkpoint,
    CheckpointManager,
    latest_checkpoint,
    list_variables,
    load_variable,
)
