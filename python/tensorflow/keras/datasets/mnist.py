"""keras.datasets.mnist.load_data(): ((x_train, y_train), (x_test, y_test)), uint8, from the four
standard MNIST files (the same IDX format as Fashion-MNIST), which the host loads before the
program runs: `npm run python -- FILE --mnist DIR`, or loadData({mnist: {dir | url}}) from JS."""

import xtape_host as _host

from ...framework.bridge import call
from .fashion_mnist import _array


def load_data(path="mnist.npz"):
    data = call(_host.mnist)
    return ((_array(data.xTrain), _array(data.yTrain)), (_array(data.xTest), _array(data.yTest)))
