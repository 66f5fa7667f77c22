"""keras.datasets.fashion_mnist.load_data(): ((x_train, y_train), (x_test, y_test)), uint8, as
Keras returns them. The host (npm run python, the page's worker) loads the four files with xtape's
loader before the program runs, showing progress; the arrays share that memory (no copy)."""

import xtape_host as _host

from ...framework.bridge import call
from ...framework.tensor import Tensor


def _array(js_tensor):
    return Tensor(js_tensor).numpy()


def load_data(path=None):
    data = call(_host.fashionMnist)
    return ((_array(data.xTrain), _array(data.yTrain)), (_array(data.xTest), _array(data.yTest)))
