"""tf.TensorShape"""

import _npformat


class TensorShape(tuple):
    """tf.TensorShape: a tuple that prints as TF prints it."""

    def __repr__(self):
        return "TensorShape(%s)" % list(self)

    def __str__(self):
        return _npformat.shape_str(self)

    def as_list(self):
        return list(self)

    @property
    def rank(self):
        return len(self)

    @property
    def ndims(self):
        return len(self)
