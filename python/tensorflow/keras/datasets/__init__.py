"""keras.datasets: Fashion-MNIST, from the same files and loader as the page."""

from . import fashion_mnist  # noqa: F401
