"""The one reader of nested Python sequences given as tensor values: level by level, never
recursively, so a list inside itself, nesting past TF's maximum rank or a ragged list is a
ValueError, not a hang or a RecursionError."""

MAX_RANK = 254  # TF's TensorShape limit
MAX_VALUES = 2**26  # past this, nested lists are not how values should come in

_SEQUENCE = (list, tuple)


def read_nested(value):
    """(leaves in row-major order, shape) of a number or nested lists/tuples of them."""
    # The shape along the first elements, and its size, before anything is expanded: a list
    # shared many times over (x = [x, x], 40 times) fails here, not after 2^26 steps.
    size, first, path = 1, value, set()
    while isinstance(first, _SEQUENCE):
        if id(first) in path:
            raise ValueError("Can't convert a list that contains itself to Tensor.")
        if len(path) == MAX_RANK:
            raise ValueError(f"Can't convert a sequence nested deeper than {MAX_RANK} levels to Tensor.")
        path.add(id(first))
        size *= len(first)
        if size > MAX_VALUES:
            raise ValueError(f"Can't convert more than {MAX_VALUES} nested values to Tensor.")
        first = first[0] if first else None
    shape, level, above = [], [value], set()
    while level and isinstance(level[0], _SEQUENCE):
        if len(shape) == MAX_RANK:
            raise ValueError(f"Can't convert a sequence nested deeper than {MAX_RANK} levels to Tensor.")
        n, below = len(level[0]), []
        for seq in level:
            if not isinstance(seq, _SEQUENCE) or len(seq) != n:
                raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
            if id(seq) in above:
                raise ValueError("Can't convert a list that contains itself to Tensor.")
            below.extend(seq)
            if len(below) > MAX_VALUES:
                raise ValueError(f"Can't convert more than {MAX_VALUES} nested values to Tensor.")
        above.update(id(seq) for seq in level)
        shape.append(n)
        level = below
    if any(issubclass(k, _SEQUENCE) for k in set(map(type, level))):  # (a C-speed scan of the leaves' types)
        raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
    return level, shape
