"""tf.nest: nested structures of lists, tuples and dicts (dicts by sorted key, as TF), flattened
to their leaves and packed back."""


def _is_sequence(s):
    return isinstance(s, (list, tuple, dict))


def _children(s):
    if isinstance(s, dict):
        return [s[k] for k in sorted(s)]
    return list(s)


def flatten(structure, expand_composites=False):
    """tf.nest.flatten: the leaves in order (None is a leaf, as in TF)."""
    out, stack = [], [structure]
    while stack:
        s = stack.pop()
        if _is_sequence(s):
            stack.extend(reversed(_children(s)))
        else:
            out.append(s)
    return out


def _pack(structure, it):
    if isinstance(structure, dict):
        packed = {k: _pack(structure[k], it) for k in sorted(structure)}
        return type(structure)((k, packed[k]) for k in structure)
    if isinstance(structure, tuple) and hasattr(structure, "_fields"):  # a namedtuple
        return type(structure)(*[_pack(c, it) for c in structure])
    if isinstance(structure, (list, tuple)):
        return type(structure)(_pack(c, it) for c in structure)
    return next(it)


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    """tf.nest.pack_sequence_as"""
    flat = list(flat_sequence)
    n = len(flatten(structure))
    if len(flat) != n:
        raise ValueError("Structure had %d elements, but flat_sequence had %d elements." % (n, len(flat)))
    return _pack(structure, iter(flat))


def map_structure(func, *structure, **kwargs):
    """tf.nest.map_structure"""
    flats = [flatten(s) for s in structure]
    if any(len(f) != len(flats[0]) for f in flats):
        raise ValueError("The two structures don't have the same number of elements.")
    return pack_sequence_as(structure[0], [func(*xs) for xs in zip(*flats, strict=True)])


def is_nested(structure):
    return _is_sequence(structure)
