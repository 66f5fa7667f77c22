"""keras.preprocessing.sequence.pad_sequences: Keras 2's path of keras.utils.pad_sequences."""

from ..utils import pad_sequences  # noqa: F401
