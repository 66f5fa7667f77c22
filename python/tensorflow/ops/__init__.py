"""Ops: the op table's functions, variables, operators and random numbers."""
