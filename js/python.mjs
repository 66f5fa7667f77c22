// Python on xtape: Pyodide (CPython compiled to WASM) with the `tensorflow` package of python/,
// which calls this JS API. Used by `npm run python` under Node and by the page's worker.
//
//   const python = await loadPython({ stdout: (line) => ..., stderr: (line) => ... });
//   await python.loadData({ rows: 1000 });                 // for keras.datasets...load_data()
//   await python.run('import tensorflow as tf\nprint(tf.constant(1.))');
//
// Pyodide's core files are found beside this module (build/vendor/pyodide, copied by
// scripts/assets.mjs from the npm package `pyodide`); nothing is fetched from elsewhere.
import * as xtape from './index.mjs';
import { inNode, nodeModule } from './module.mjs';

// The package's files (python/), installed into Pyodide's file system at /xtape (a page cannot
// list a folder; tests/python checks this list against python/).
export const PYTHON_FILES = [
  '_npformat.py',
  '_typed.py',
  'numpy/__init__.py',
  'numpy/_array.py',
  'numpy/_dtypes.py',
  'numpy/_functions.py',
  'numpy/_generator.py',
  'numpy/_ziggurat.py',
  'numpy/_io.py',
  'numpy/_manipulation.py',
  'numpy/_statistics.py',
  'numpy/linalg.py',
  'numpy/random.py',
  'tensorflow/__init__.py',
  'tensorflow/config/__init__.py',
  'tensorflow/data/__init__.py',
  'tensorflow/data/dataset.py',
  'tensorflow/eager/__init__.py',
  'tensorflow/eager/backprop.py',
  'tensorflow/eager/def_function.py',
  'tensorflow/errors.py',
  'tensorflow/framework/__init__.py',
  'tensorflow/framework/bridge.py',
  'tensorflow/framework/constant_op.py',
  'tensorflow/framework/dtypes.py',
  'tensorflow/framework/nested.py',
  'tensorflow/framework/npz.py',
  'tensorflow/framework/tensor.py',
  'tensorflow/framework/tensor_shape.py',
  'tensorflow/keras/__init__.py',
  'tensorflow/keras/activations.py',
  'tensorflow/keras/backend.py',
  'tensorflow/keras/callbacks.py',
  'tensorflow/keras/constraints.py',
  'tensorflow/keras/datasets/__init__.py',
  'tensorflow/keras/datasets/fashion_mnist.py',
  'tensorflow/keras/datasets/mnist.py',
  'tensorflow/keras/initializers.py',
  'tensorflow/keras/layers.py',
  'tensorflow/keras/losses.py',
  'tensorflow/keras/metrics.py',
  'tensorflow/keras/models.py',
  'tensorflow/keras/more_layers.py',
  'tensorflow/keras/optimizers.py',
  'tensorflow/keras/preprocessing/__init__.py',
  'tensorflow/keras/preprocessing/sequence.py',
  'tensorflow/keras/recurrent.py',
  'tensorflow/keras/regularizers.py',
  'tensorflow/keras/saving.py',
  'tensorflow/keras/schedules.py',
  'tensorflow/keras/serialization.py',
  'tensorflow/keras/small_layers.py',
  'tensorflow/keras/summary.py',
  'tensorflow/keras/utils.py',
  'tensorflow/module/__init__.py',
  'tensorflow/module/module.py',
  'tensorflow/ops/__init__.py',
  'tensorflow/ops/array_ops.py',
  'tensorflow/ops/clip_ops.py',
  'tensorflow/ops/composite_ops.py',
  'tensorflow/ops/custom_gradient.py',
  'tensorflow/ops/gen_ops.py',
  'tensorflow/ops/image_ops.py',
  'tensorflow/ops/logging_ops.py',
  'tensorflow/ops/nn_ops.py',
  'tensorflow/ops/random_ops.py',
  'tensorflow/ops/special_math_ops.py',
  'tensorflow/ops/tensor_operators.py',
  'tensorflow/ops/variables.py',
  'tensorflow/saved_model/__init__.py',
  'tensorflow/summary/__init__.py',
  'tensorflow/summary/event_file.py',
  'tensorflow/training/__init__.py',
  'tensorflow/training/checkpoint.py',
  'tensorflow/util/__init__.py',
  'tensorflow/util/nest.py',
];
const PYODIDE = new URL('../build/vendor/pyodide/', import.meta.url);

async function readText(url) {
  if (inNode) return (await nodeModule('fs')).readFileSync(url, 'utf8');
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

// Pyodide's own frames (the code runner) lead every traceback; Python alone would not show them.
function withoutHostFrames(traceback) {
  const lines = traceback.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^ {2}File "\/lib\/python\d+\.zip\/_pyodide\//.test(lines[i])) {
      while (i + 1 < lines.length && /^ {4}/.test(lines[i + 1])) i++;
      continue;
    }
    out.push(lines[i]);
  }
  return out.join('\n');
}

/** A Python error: `traceback` is Python's text, `line` the line of the program it points at. */
export class PythonError extends Error {
  constructor(traceback, filename) {
    traceback = withoutHostFrames(traceback);
    super(traceback.trim().split('\n').at(-1));
    this.name = 'PythonError';
    this.traceback = traceback;
    const lines = [
      ...traceback.matchAll(
        new RegExp(`File "${filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}", line (\\d+)`, 'g'),
      ),
    ];
    this.line = lines.length ? Number(lines.at(-1)[1]) : null;
  }
}

/** The interpreter failed as a whole (Pyodide's fatal error, e.g. its stack overflowed): it can
 * no longer be used, and a new one must be loaded. */
export class PythonFatalError extends Error {
  constructor(cause) {
    super(
      `the Python interpreter failed fatally (${cause?.name ?? 'Error'}: ${cause?.message}) and ` +
        'can no longer be used; a structure nested too deeply to free or print is a common cause',
      { cause },
    );
    this.name = 'PythonFatalError';
  }
}

// After a fatal error Pyodide's own promise of the run rejects with it too, unhandled: the run
// has already failed with a PythonFatalError, so that rejection is consumed (only that one).
let quieted = false;
function quietFatal() {
  if (quieted) return;
  quieted = true;
  if (inNode)
    process.on('unhandledRejection', (reason) => {
      if (!reason?.pyodide_fatal_error) throw reason; // any other: as Node would
    });
  else
    globalThis.addEventListener('unhandledrejection', (ev) => {
      if (ev.reason?.pyodide_fatal_error) ev.preventDefault();
    });
}

/**
 * loadPython({stdout, stderr, onProgress, onFit, interruptBuffer, numpy}) -> {run, loadData, pyodide}
 * stdout/stderr(line): each printed line; onFit(event): what keras fit reports as it trains, for a
 * live chart ({event: 'begin', epochs, steps}, {event: 'batch', epoch, step, logs}, {event:
 * 'epoch', epoch, logs}; logs: {loss, accuracy, val_loss, ...}); interruptBuffer: an Int32Array on a SharedArrayBuffer
 * whose element 0 set to 2 interrupts the running program (KeyboardInterrupt). numpy: 'xtape'
 * (the default: xtape's NumPy subset, python/numpy) or 'pyodide' (Pyodide's own NumPy package,
 * loaded from its package index: a page online; fails with a NumPyUnavailableError offline).
 */
export async function loadPython({
  stdout = console.log,
  stderr = console.error,
  onProgress,
  onFit,
  interruptBuffer,
  numpy = 'xtape',
} = {}) {
  if (numpy !== 'xtape' && numpy !== 'pyodide')
    throw new TypeError(`loadPython: numpy must be 'xtape' or 'pyodide', got ${String(numpy)}`);
  const { loadPyodide } = await import(/* @vite-ignore */ new URL('pyodide.mjs', PYODIDE).href);
  const indexURL = inNode ? (await nodeModule('url')).fileURLToPath(PYODIDE) : PYODIDE.href;
  const pyodide = await loadPyodide({ indexURL, fullStdLib: false });
  pyodide.setStdout({ batched: stdout });
  pyodide.setStderr({ batched: stderr });
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
  if (numpy === 'pyodide') {
    const errors = [];
    try {
      await pyodide.loadPackage('numpy', {
        messageCallback: () => {},
        errorCallback: (m) => errors.push(m),
      });
      pyodide.runPython('import numpy');
    } catch (e) {
      // Pyodide reports a failed download as a heading line and the cause apart
      const why = errors.join(' ').replace(/\s+/g, ' ').replace(/:$/, '').trim() || e.message;
      const err = new Error(
        `loadPython({numpy: 'pyodide'}): Pyodide could not load its NumPy package (${why}: not in the local files); ` +
          "its package index must be reachable. numpy: 'xtape' (the default) needs nothing",
        { cause: e },
      );
      err.name = 'NumPyUnavailableError';
      throw err;
    }
  }
  for (const file of PYTHON_FILES) {
    if (numpy === 'pyodide' && file.startsWith('numpy/')) continue; // the real one is imported
    const path = `/xtape/${file}`;
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    pyodide.FS.writeFile(path, await readText(new URL(`../python/${file}`, import.meta.url)));
  }
  pyodide.runPython("import sys\nsys.path.insert(0, '/xtape')\nsys.dont_write_bytecode = True");
  let data = null;
  let mnist = null;
  // Pyodide's fatal error (its stack overflowed, say): the pinned Pyodide's hook (pyodide.d.ts,
  // API.on_fatal) is the one place that sees it; tests/python checks that it still does.
  let fatal = null;
  let onFatal = null;
  pyodide._api.on_fatal = (e) => {
    fatal = e;
    quietFatal();
    onFatal?.(e);
  };
  // Fresh handles on the loaded tensors (same buffers): Python frees its own when it drops them.
  const handles = (d) =>
    Object.fromEntries(
      Object.entries(d)
        .filter(([, t]) => t instanceof xtape.Tensor)
        .map(([k, t]) => [k, xtape.reshape(t, t.shape)]),
    );
  pyodide.registerJsModule('xtape_js', xtape);
  pyodide.registerJsModule('xtape_host', {
    ...(onFit && { fit: (json) => onFit(JSON.parse(json)) }),
    fashionMnist() {
      if (!data)
        throw new xtape.XtapeError(
          'keras.datasets.fashion_mnist.load_data(): the host did not load Fashion-MNIST',
          'NotFoundError',
        );
      return handles(data);
    },
    mnist() {
      if (!mnist)
        throw new xtape.XtapeError(
          'keras.datasets.mnist.load_data(): MNIST is not loaded. Put the four files ' +
            '(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, ' +
            't10k-labels-idx1-ubyte.gz, from https://yann.lecun.com/exdb/mnist/) in a folder and run ' +
            'npm run python -- FILE --mnist DIR (a page: <xtape-python mnist-url>, JS: loadData({mnist: {url}}))',
          'NotFoundError',
        );
      return handles(mnist);
    },
  });
  return {
    pyodide,
    /** Loads Fashion-MNIST for load_data(): loadFashionMnist's options, and rows: the first N training rows. */
    async loadData({ rows, mnist: mnistFrom, ...options } = {}) {
      if (mnistFrom) {
        // MNIST: the same four IDX files as Fashion-MNIST, from {dir} or {url}
        if (mnist) xtape.dispose(mnist);
        mnist = await xtape.loadFashionMnist({ onProgress, ...mnistFrom });
        if (!Object.keys(options).length && rows === undefined) return mnist;
      }
      if (data) xtape.dispose(data);
      data = await xtape.loadFashionMnist({ onProgress, ...options });
      if (rows !== undefined && rows < data.xTrain.shape[0]) {
        const idx = xtape.constant(Int32Array.from({ length: rows }, (_, i) => i));
        const [x, y] = [xtape.gather(data.xTrain, idx), xtape.gather(data.yTrain, idx)];
        xtape.dispose([idx, data.xTrain, data.yTrain]);
        Object.assign(data, { xTrain: x, yTrain: y });
      }
      return data;
    },
    /**
     * Runs a program (or a cell: all runs share one interpreter); rejects with a PythonError, or a
     * PythonFatalError after which this interpreter refuses to run.
     */
    async run(code, filename = '<exec>') {
      if (fatal) throw new PythonFatalError(fatal);
      try {
        // a fatal error leaves runPythonAsync's promise pending: on_fatal ends the run instead
        return await new Promise((resolve, reject) => {
          onFatal = reject;
          pyodide.runPythonAsync(code, { filename }).then(resolve, reject);
        });
      } catch (e) {
        if (fatal) throw new PythonFatalError(fatal);
        if (e?.type || e?.constructor?.name === 'PythonError')
          throw new PythonError(e.message, filename);
        throw e;
      } finally {
        onFatal = null;
      }
    },
  };
}
