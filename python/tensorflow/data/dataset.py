"""tf.data.Dataset: input pipelines over tensors. Elements are tensors (or tuples and dicts of
them, as TF); slices of tensors are indexable, so that shuffle and batch over them gather whole
batches at once (one gather per batch, not one op per element); map and filter functions are
traced once and replayed per element, as TF traces them. shuffle is seeded as TF's rules
say (an op seed, else the global seed, else fresh), with xtape's generator: reproducible, but not
TF's order."""

import random as _py_random

from ..framework.tensor import Tensor, convert_to_tensor
from ..ops.gen_ops import OPS
from ..util import nest

AUTOTUNE = -1
INFINITE = -1
UNKNOWN = -2


class experimental:  # noqa: N801  (tf.data.experimental)
    AUTOTUNE = AUTOTUNE
    INFINITE_CARDINALITY = INFINITE
    UNKNOWN_CARDINALITY = UNKNOWN

    @staticmethod
    def cardinality(dataset):
        return dataset.cardinality()


def _to_tensors(value):
    """tf.data's structures: tuples and dicts; anything else (a list too) becomes one tensor."""
    if isinstance(value, dict):
        return type(value)((k, _to_tensors(v)) for k, v in value.items())
    if isinstance(value, tuple):
        return type(value)(*map(_to_tensors, value)) if hasattr(value, "_fields") else tuple(map(_to_tensors, value))
    return value if isinstance(value, Tensor) else convert_to_tensor(value)


class Dataset:
    """Base: subclasses give _elements() (an iterator of structures) and, when they can,
    _length() and _rows() (indexable: a structure of tensors and the row order)."""

    # --- sources ---
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        structure = _to_tensors(tensors)
        flat = nest.flatten(structure)
        n = {t.shape[0] if t.shape else None for t in flat}
        if None in n:
            raise ValueError("Unbatching a tensor is only supported for rank >= 1")
        if len(n) != 1:
            raise ValueError("Dimensions of the components do not match: %s" % sorted(n))
        return _Slices(structure, n.pop())

    @staticmethod
    def from_tensors(tensors, name=None):
        return _List([_to_tensors(tensors)])

    @staticmethod
    def range(*args, output_type="int64", name=None):
        return _List([convert_to_tensor(i, output_type) for i in range(*args)])

    @staticmethod
    def zip(*datasets, name=None):
        datasets = datasets[0] if len(datasets) == 1 and isinstance(datasets[0], (tuple, list)) else datasets
        return _Zip(tuple(datasets))

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None, output_signature=None):
        return _Generator(generator, args or ())

    # --- transformations ---
    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None, deterministic=None, name=None):
        return _Batch(self, int(batch_size), bool(drop_remainder))

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        return _Shuffle(self, int(buffer_size), seed, reshuffle_each_iteration)

    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None):
        return _Map(self, map_func)

    def filter(self, predicate, name=None):
        return _Filter(self, predicate)

    def repeat(self, count=None, name=None):
        return _Repeat(self, None if count is None or count == -1 else int(count))

    def take(self, count, name=None):
        return _Take(self, int(count))

    def skip(self, count, name=None):
        return _Skip(self, int(count))

    def enumerate(self, start=0, name=None):
        return _Zip((_Counter(start), self))

    def prefetch(self, buffer_size, name=None):
        return self  # eager: the next element is made when asked for

    def cache(self, filename="", name=None):
        return self

    def unbatch(self, name=None):
        return _Unbatch(self)

    def concatenate(self, dataset, name=None):
        """This dataset's elements, then dataset's."""
        return _Chain([self, dataset])

    def flat_map(self, map_func, name=None):
        """The elements of the datasets map_func makes of each element, one dataset after another."""
        return _FlatMap(self, map_func)

    def interleave(self, map_func, cycle_length=None, block_length=1, num_parallel_calls=None,
                   deterministic=None, name=None):  # fmt: skip
        """TF's interleave: cycle_length datasets of map_func open at a time, block_length elements
        from each in turn (cycle_length None: all of them)."""
        return _Interleave(self, map_func, cycle_length, int(block_length))

    def window(self, size, shift=None, stride=1, drop_remainder=False, name=None):
        """Datasets of size consecutive elements (every stride-th), starting every shift elements
        (shift defaults to size); without drop_remainder the last windows may be shorter."""
        return _Window(self, int(size), int(size if shift is None else shift), int(stride), bool(drop_remainder))

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None, drop_remainder=False, name=None):
        """Batches whose elements are padded (with padding_values, 0 by default) at the end of each
        axis to padded_shapes, or to the longest in the batch (None dimensions)."""
        return _PaddedBatch(self, int(batch_size), padded_shapes, padding_values, bool(drop_remainder))

    def shard(self, num_shards, index, name=None):
        """Every num_shards-th element from index."""
        return _Filtered(_Zip((_Counter(0), self)), lambda i: i % int(num_shards) == int(index))

    def apply(self, transformation_func):
        return transformation_func(self)

    def take_while(self, predicate, name=None):
        return _TakeWhile(self, _traced(predicate))

    def get_single_element(self, name=None):
        elements = list(self._elements())
        if len(elements) != 1:
            raise ValueError("Dataset had %s elements, expected 1" % ("no" if not elements else "more than 1"))
        return elements[0]

    # --- consumption ---
    def __iter__(self):
        return self._elements()

    def as_numpy_iterator(self):
        for e in self._elements():
            yield nest.map_structure(lambda t: t.numpy() if isinstance(t, Tensor) else t, e)

    def cardinality(self):
        n = self._length()
        return convert_to_tensor(UNKNOWN if n is None else n, "int64")

    def __len__(self):
        n = self._length()
        if n == INFINITE:
            raise TypeError("The dataset is infinite.")
        if n is None:
            raise TypeError("The dataset length is unknown.")
        return n

    def reduce(self, initial_state, reduce_func, name=None):
        state = initial_state
        for e in self._elements():
            state = reduce_func(state, e)
        return state

    def _length(self):
        return None

    def _rows(self):
        return None  # (structure of tensors, list of row indices) when indexable

    def __repr__(self):
        return "<%s element_spec=...>" % type(self).__name__


def _apply(f, element):
    return f(*element) if isinstance(element, tuple) else f(element)


def _gather(structure, rows):
    idx = convert_to_tensor(list(rows), "int32")
    return nest.map_structure(lambda t: OPS["gather"](t, idx), structure)


class _Slices(Dataset):
    def __init__(self, structure, n, order=None):
        self._structure, self._n, self._order = structure, n, order

    def _rows(self):
        return self._structure, list(range(self._n)) if self._order is None else self._order

    def _length(self):
        return self._n if self._order is None else len(self._order)

    def _elements(self):
        structure, order = self._rows()
        for i in order:
            yield nest.map_structure(lambda t, i=i: t[i], structure)


class _List(Dataset):
    def __init__(self, items):
        self._items = items

    def _length(self):
        return len(self._items)

    def _elements(self):
        return iter(self._items)


class _Generator(Dataset):
    def __init__(self, generator, args):
        self._generator, self._args = generator, args

    def _elements(self):
        for e in self._generator(*self._args):
            yield _to_tensors(e)


class _Counter(Dataset):
    def __init__(self, start):
        self._start = start

    def _length(self):
        return INFINITE

    def _elements(self):
        i = self._start
        while True:
            yield convert_to_tensor(i, "int64")
            i += 1


class _Zip(Dataset):
    def __init__(self, datasets):
        self._datasets = datasets

    def _length(self):
        lengths = [d._length() for d in self._datasets]
        if None in lengths:
            return None
        finite = [n for n in lengths if n != INFINITE]
        return min(finite) if finite else INFINITE

    def _elements(self):
        return zip(*[d._elements() for d in self._datasets], strict=False)


class _Batch(Dataset):
    def __init__(self, source, size, drop):
        if size < 1:
            raise ValueError("batch_size must be positive, got %d" % size)
        self._source, self._size, self._drop = source, size, drop

    def _length(self):
        n = self._source._length()
        if n is None or n == INFINITE:
            return n
        return n // self._size if self._drop else -(-n // self._size)

    def _elements(self):
        rows = self._source._rows()
        if rows is not None:  # one gather per batch
            structure, order = rows
            for at in range(0, len(order), self._size):
                chunk = order[at : at + self._size]
                if len(chunk) < self._size and self._drop:
                    return
                yield _gather(structure, chunk)
            return
        for chunk in _chunks(self._source._elements(), self._size, self._drop):
            yield _stack(chunk)


def _chunks(elements, size, drop):
    """Lists of size elements in order (the last shorter one too, unless drop)."""
    batch = []
    for e in elements:
        batch.append(e)
        if len(batch) == size:
            yield batch
            batch = []
    if batch and not drop:
        yield batch


def _stack(elements):
    return nest.map_structure(lambda *ts: OPS["stack"](list(ts), 0), *elements)


class _Unbatch(Dataset):
    def __init__(self, source):
        self._source = source

    def _elements(self):
        for e in self._source._elements():
            n = nest.flatten(e)[0].shape[0]
            for i in range(n):
                yield nest.map_structure(lambda t, i=i: t[i], e)


class _Shuffle(Dataset):
    """TF's seed rules: an op seed with or without the global seed, or the global seed alone, give
    a repeatable order; neither gives a fresh one. Each pass reshuffles unless told not to."""

    def __init__(self, source, buffer_size, seed, reshuffle):
        from ..ops import random_ops

        self._source, self._buffer = source, max(1, buffer_size)
        base = random_ops.seed_for_op(seed)
        self._random = _py_random.Random(base if base is not None else _py_random.SystemRandom().random())
        self._first = None
        self._reshuffle = reshuffle

    def _length(self):
        return self._source._length()

    def _order(self, n):
        if self._first is not None and not self._reshuffle:
            return list(self._first)
        # a buffer of buffer_size elements, as TF: each output is a uniform pick from the buffer
        order, buffer, it = [], [], iter(range(n))
        for i in it:
            buffer.append(i)
            if len(buffer) >= self._buffer:
                break
        for i in it:
            k = self._random.randrange(len(buffer))
            order.append(buffer[k])
            buffer[k] = i
        while buffer:
            order.append(buffer.pop(self._random.randrange(len(buffer))))
        self._first = order
        return order

    def _rows(self):
        rows = self._source._rows()
        if rows is None:
            return None
        structure, order = rows
        return structure, [order[i] for i in self._order(len(order))]

    def _elements(self):
        rows = self._rows()
        if rows is not None:
            structure, order = rows
            for i in order:
                yield nest.map_structure(lambda t, i=i: t[i], structure)
            return
        items = list(self._source._elements())
        for i in self._order(len(items)):
            yield items[i]


def _traced(f):
    """map's and filter's function as TF runs it: traced once per element signature (a
    tf.function; what it prints, it prints at tracing), then replayed in the core per element."""
    from ..eager.def_function import Function

    return f if isinstance(f, Function) else Function(f)


class _Chain(Dataset):
    def __init__(self, sources):
        self._sources = sources

    def _length(self):
        ns = [d._length() for d in self._sources]
        if INFINITE in ns:
            return INFINITE
        return None if None in ns else sum(ns)

    def _elements(self):
        for d in self._sources:
            yield from d._elements()


class _FlatMap(Dataset):
    def __init__(self, source, f):
        self._source, self._f = source, f

    def _elements(self):
        for e in self._source._elements():
            yield from _apply(self._f, e)._elements()


class _Interleave(Dataset):
    def __init__(self, source, f, cycle, block):
        self._source, self._f, self._cycle, self._block = source, f, cycle, block

    def _elements(self):
        pending = iter(self._source._elements())
        open_, more = [], True
        while True:
            while more and (self._cycle is None or len(open_) < self._cycle):
                e = next(pending, None)
                if e is None:
                    more = False
                    break
                open_.append(_apply(self._f, e)._elements())
            if not open_:
                return
            for it in list(open_):
                for _ in range(self._block):
                    v = next(it, None)
                    if v is None:
                        open_.remove(it)
                        break
                    yield v


class _Window(Dataset):
    def __init__(self, source, size, shift, stride, drop):
        if size < 1 or shift < 1 or stride < 1:
            raise ValueError("window: size, shift and stride must be positive, got %d, %d, %d" % (size, shift, stride))
        self._source, self._size, self._shift, self._stride, self._drop = source, size, shift, stride, drop

    def _elements(self):
        span, shift = (self._size - 1) * self._stride + 1, self._shift
        buffer, skip = [], 0
        for e in self._source._elements():
            if skip:  # between windows when shift > span
                skip -= 1
                continue
            buffer.append(e)
            if len(buffer) == span:
                yield _List(buffer[:: self._stride])
                skip, buffer = (shift - span, []) if shift >= span else (0, buffer[shift:])
        while buffer and not self._drop:  # the last, shorter windows
            yield _List(buffer[:: self._stride])
            buffer = buffer[shift:]


class _PaddedBatch(Dataset):
    def __init__(self, source, size, shapes, values, drop):
        self._source, self._size, self._shapes, self._values, self._drop = source, size, shapes, values, drop

    def _elements(self):
        for chunk in _chunks(self._source._elements(), self._size, self._drop):
            yield self._pad(chunk)

    def _pad(self, elements):
        from ..ops.composite_ops import pad

        flats = [nest.flatten(e) for e in elements]
        shapes = nest.flatten(self._shapes) if self._shapes is not None else [None] * len(flats[0])
        values = nest.flatten(self._values) if self._values is not None else [0] * len(flats[0])
        out = []
        for j in range(len(flats[0])):
            parts = [f[j] for f in flats]
            longest = [max(int(p.shape[a]) for p in parts) for a in range(len(parts[0].shape))]
            want = shapes[j] if shapes[j] is not None else [None] * len(longest)
            want = [longest[a] if d is None or d == -1 else int(d) for a, d in enumerate(list(want))]
            padded = []
            for p in parts:
                if any(int(d) > w for d, w in zip(p.shape, want, strict=True)):
                    raise ValueError("padded_batch: an element of shape %s exceeds padded_shapes %s" % (p.shape, want))
                widths = [[0, w - int(d)] for d, w in zip(p.shape, want, strict=True)]
                value = values[j]
                padded.append(pad(p, widths, constant_values=value) if any(b for _, b in widths) else p)
            out.append(OPS["stack"](padded, 0))
        return nest.pack_sequence_as(elements[0], out)


class _Filtered(Dataset):
    """(index, element) pairs kept by keep(index): the elements (shard)."""

    def __init__(self, source, keep):
        self._source, self._keep = source, keep

    def _elements(self):
        for i, e in self._source._elements():
            if self._keep(int(i)):
                yield e


class _TakeWhile(Dataset):
    def __init__(self, source, predicate):
        self._source, self._predicate = source, predicate

    def _elements(self):
        for e in self._source._elements():
            if not bool(_apply(self._predicate, e)):
                return
            yield e


class _Map(Dataset):
    def __init__(self, source, f):
        self._source, self._f = source, _traced(f)

    def _length(self):
        return self._source._length()

    def _elements(self):
        for e in self._source._elements():
            yield _apply(self._f, e)


class _Filter(Dataset):
    def __init__(self, source, predicate):
        self._source, self._predicate = source, _traced(predicate)

    def _elements(self):
        for e in self._source._elements():
            if bool(_apply(self._predicate, e)):
                yield e


class _Repeat(Dataset):
    def __init__(self, source, count):
        self._source, self._count = source, count

    def _length(self):
        n = self._source._length()
        if self._count is None:
            return INFINITE if n != 0 else 0
        return None if n is None else (INFINITE if n == INFINITE else n * self._count)

    def _elements(self):
        k = 0
        while self._count is None or k < self._count:
            empty = True
            for e in self._source._elements():
                empty = False
                yield e
            if empty:
                return
            k += 1


class _Take(Dataset):
    def __init__(self, source, count):
        self._source, self._count = source, count

    def _length(self):
        n = self._source._length()
        if self._count < 0:
            return n
        return self._count if n is None or n == INFINITE else min(n, self._count)

    def _rows(self):
        rows = self._source._rows()
        if rows is None or self._count < 0:
            return rows
        return rows[0], rows[1][: self._count]

    def _elements(self):
        for k, e in enumerate(self._source._elements()):
            if 0 <= self._count <= k:
                return
            yield e


class _Skip(Dataset):
    def __init__(self, source, count):
        self._source, self._count = source, count

    def _length(self):
        n = self._source._length()
        return n if n is None or n == INFINITE else max(0, n - self._count)

    def _rows(self):
        rows = self._source._rows()
        return None if rows is None else (rows[0], rows[1][self._count :])

    def _elements(self):
        for k, e in enumerate(self._source._elements()):
            if k >= self._count:
                yield e
