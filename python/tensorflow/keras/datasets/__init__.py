"""keras.datasets: Fashion-MNIST and MNIST, from the same files and loader as the page."""

from . import fashion_mnist, mnist  # noqa: F401
