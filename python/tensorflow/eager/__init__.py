"""Eager execution: the gradient tape."""
