"""keras.preprocessing (Keras 2's home of pad_sequences: keras.preprocessing.sequence)."""

from . import sequence  # noqa: F401
