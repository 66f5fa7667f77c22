// NumPy's `train_images / 255.0` on the 60000 Fashion-MNIST training images (uint8 -> float64, as
// NumPy) in Python on xtape's NumPy subset, against the JS API doing the same (cast to float64,
// div by 255) on the same data and core; and the float32 form the tutorials' TF code uses. One
// run, alternating blocks, medians.   node bench/numpy-divide.mjs [--reps 9]   (npm run bench)
import * as xtape from '../js/index.mjs';
import { loadPython } from '../js/python.mjs';

const i = process.argv.indexOf('--reps');
const reps = i > 0 ? Number(process.argv[i + 1]) : 9;
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];

const python = await loadPython({ stdout: () => {}, stderr: (l) => console.error(l) });
await python.loadData();
await python.run(`
import time
import numpy as np
from tensorflow import keras
(train_images, _), _ = keras.datasets.fashion_mnist.load_data()
def divide():
    t = time.perf_counter()
    x = train_images / 255.0
    x.shape  # the array exists (the core op ran)
    ms = (time.perf_counter() - t) * 1000
    assert x.dtype == np.float64 and x.shape == (60000, 28, 28)
    del x
    return ms
`);
const d = await xtape.loadFashionMnist();
// The JS API's cast to dtype then div by 255, timed (the result freed after).
const jsDivide = (dtype) => {
  const t = performance.now();
  const c = xtape.cast(d.xTrain, dtype);
  const y = xtape.div(c, 255);
  const ms = performance.now() - t;
  xtape.dispose([c, y]);
  return ms;
};
const py = [],
  a = [],
  b = [];
for (let r = 0; r < reps; r++) {
  py.push(await python.run('divide()'));
  a.push(jsDivide('float64'));
  b.push(jsDivide('float32'));
}
const [mp, ma, mb] = [median(py), median(a), median(b)];
console.log(
  `train_images / 255.0 (60000x28x28 uint8 -> float64), medians of ${reps}: Python on the NumPy subset ` +
    `${mp.toFixed(1)} ms, JS API cast+div ${ma.toFixed(1)} ms: ratio ${(mp / ma).toFixed(2)}x ` +
    `(target <= 1.2x); float32 in JS ${mb.toFixed(1)} ms (threads: ${xtape.numThreads()})`,
);
