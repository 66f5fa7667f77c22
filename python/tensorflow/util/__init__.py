"""Utilities: tf.nest."""
