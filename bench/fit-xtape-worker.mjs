// xtape's Keras fit of TF's beginner classification model in a module Worker of the bench page
// (bench/fit-page.mjs): ?engine=python runs the Keras program in Python on Pyodide (the page's
// Python engine, js/python.mjs), ?engine=js the same model through xtape.keras in JS. One epoch
// over the 60000 Fashion-MNIST training images at batch 32, the traced train step (fit's
// default). Posts {done, seconds, accuracy, engine}.
import { kerasModel, pythonFit } from './fit-models.mjs';

const engine = new URL(self.location.href).searchParams.get('engine');
const data = new URL('/data/', self.location.href).href;

async function python(epochs, rows) {
  const { loadPython } = await import('../js/python.mjs');
  const py = await loadPython({ stdout: () => {}, stderr: () => {} });
  await py.loadData({ url: data, rows });
  const seconds = await py.run(pythonFit(epochs));
  return { seconds, accuracy: await py.run('ACC'), engine: 'xtape Keras in Python (Pyodide)' };
}

async function js(epochs, rows) {
  const xtape = await import('../js/index.mjs');
  const d = await xtape.loadFashionMnist({ url: data });
  const x = xtape.tidy(() =>
    xtape.div(
      xtape.cast(xtape.stridedSlice(d.xTrain, [0, 0, 0], [rows, 28, 28], [1, 1, 1]), 'float32'),
      255,
    ),
  );
  const y = xtape.stridedSlice(d.yTrain, [0], [rows], [1]);
  const model = kerasModel(xtape.keras);
  const t = performance.now();
  const h = await model.fit(x, y, { batchSize: 32, epochs });
  return {
    seconds: (performance.now() - t) / 1000 / epochs,
    accuracy: h.history.accuracy.at(-1),
    engine: `xtape.keras in JS (${xtape.numThreads()} threads)`,
  };
}

onmessage = async ({ data: { epochs, rows } }) => {
  try {
    const r = await (engine === 'python' ? python : js)(epochs, rows);
    postMessage({ done: true, ...r });
  } catch (e) {
    postMessage({ error: String(e?.stack ?? e) });
  }
};
