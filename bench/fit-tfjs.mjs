// Keras's fit against TF.js's: TF's beginner classification model (Flatten, Dense 128 relu, Dense
// 10, Adam, softmax cross-entropy on logits, accuracy), one epoch over the 60000 Fashion-MNIST
// training images at batch 32, in one Node process on the same data: TF.js 4.22 model.fit on its
// WASM backend (SIMD; one thread, as on 2 vCPUs) against xtape's Keras fit in Python on Pyodide
// (the traced train step, fit's default) and against xtape.keras's fit in JS. Not the page
// (Chromium) but the same engines.
//   node bench/fit-tfjs.mjs [--epochs 1] [--rows 60000]   (npm run bench; needs bench/node_modules)
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as xtape from '../js/index.mjs';
import { loadPython } from '../js/python.mjs';
import { kerasModel, pythonFit, tfjsModel } from './fit-models.mjs';

const arg = (name, d) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const epochs = arg('--epochs', 1);
const rows = arg('--rows', 60000);
const require = createRequire(new URL('./package.json', import.meta.url));
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
wasm.setWasmPaths(
  `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`,
);
await tf.setBackend('wasm');
await tf.ready();

const d = await xtape.loadFashionMnist();
const images = xtape.div(xtape.cast(d.xTrain, 'float32'), 255);
const x = tf.tensor3d(images.data().subarray(0, rows * 784), [rows, 28, 28]);
const labels = Int32Array.from(xtape.cast(d.yTrain, 'int32').data().subarray(0, rows));
const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat();
const model = tfjsModel(tf);
let t = performance.now();
const h = await model.fit(x, y, { batchSize: 32, epochs, shuffle: true, verbose: 0 });
const tfjsMs = (performance.now() - t) / epochs;
const tfjsAcc = h.history.acc.at(-1);

// xtape's Keras in JS on the same data (the traced step)
const jsModel = kerasModel(xtape.keras);
const jx = xtape.reshape(xtape.stridedSlice(images, [0, 0, 0], [rows, 28, 28], [1, 1, 1]), [
  rows,
  28,
  28,
]);
const jy = xtape.stridedSlice(d.yTrain, [0], [rows], [1]);
t = performance.now();
const jh = await jsModel.fit(jx, jy, { batchSize: 32, epochs });
const jsMs = (performance.now() - t) / epochs;
const jsAcc = jh.history.accuracy.at(-1);

const python = await loadPython({ stdout: () => {}, stderr: (l) => console.error(l) });
await python.loadData({ rows });
const xtapeMs = (await python.run(pythonFit(epochs))) * 1000;
const xtapeAcc = await python.run('ACC');
console.log(
  `fit, ${rows} rows, batch 32, per epoch: TF.js ${tf.version.tfjs} wasm (SIMD, ` +
    `${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'threads' : 'one thread'}) ` +
    `${(tfjsMs / 1000).toFixed(2)} s (accuracy ${tfjsAcc.toFixed(4)}), xtape Keras in Python ` +
    `${(xtapeMs / 1000).toFixed(2)} s (accuracy ${xtapeAcc.toFixed(4)}): ratio ` +
    `${(xtapeMs / tfjsMs).toFixed(3)}x (target <= 0.5x); xtape.keras in JS ${(jsMs / 1000).toFixed(2)} s ` +
    `(accuracy ${jsAcc.toFixed(4)}): Python / JS ${(xtapeMs / jsMs).toFixed(2)}x (target <= 1.1x) ` +
    `(xtape threads: ${xtape.numThreads()})`,
);
