"""TensorFlow's framework layer on xtape: dtypes, shapes, tensors and the bridge to the core."""
