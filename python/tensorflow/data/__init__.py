"""tf.data"""

from .dataset import AUTOTUNE, Dataset, experimental  # noqa: F401
