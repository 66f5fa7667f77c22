// TF.js 4.22 model.fit of TF's beginner classification model (bench/fit-models.mjs) on its WASM
// backend (SIMD, one thread), one epoch over the 60000 Fashion-MNIST training images at batch 32, in a classic Worker of the
// bench page (bench/fit-page.mjs). Posts {done, seconds, accuracy, engine}.
importScripts(
  './node_modules/@tensorflow/tfjs/dist/tf.min.js',
  './node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js',
);
tf.wasm.setWasmPaths(
  new URL('./node_modules/@tensorflow/tfjs-backend-wasm/dist/', self.location.href).href,
);
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

onmessage = async ({ data: { epochs, rows } }) => {
  try {
    const { fetchIdx } = await import('./tasks.mjs');
    const { tfjsModel } = await import('./fit-models.mjs');
    await tf.setBackend('wasm');
    await tf.ready();
    const [xb, yb] = await Promise.all([
      fetchIdx('train-images-idx3-ubyte.gz'),
      fetchIdx('train-labels-idx1-ubyte.gz'),
    ]);
    const x = tf.tidy(() =>
      tf
        .tensor3d(xb.subarray(0, rows * 784), [rows, 28, 28], 'int32')
        .toFloat()
        .div(255),
    );
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(yb.subarray(0, rows), 'int32'), 10).toFloat());
    const model = tfjsModel(tf);
    const t = performance.now();
    const h = await model.fit(x, y, { batchSize: 32, epochs, shuffle: true, verbose: 0 });
    postMessage({
      done: true,
      engine: `TF.js ${tf.version.tfjs} wasm (SIMD, one thread)`,
      seconds: (performance.now() - t) / 1000 / epochs,
      accuracy: h.history.acc.at(-1),
    });
  } catch (e) {
    postMessage({ error: String(e?.stack ?? e) });
  }
};
