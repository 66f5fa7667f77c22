// TF.js 4.22 model.fit of TF's beginner classification model (Flatten, Dense 128 relu, Dense 10,
// Adam, softmax cross-entropy on logits, accuracy) on its WASM backend (SIMD, one thread), one
// epoch over the 60000 Fashion-MNIST training images at batch 32, in a classic Worker of the
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
    const model = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [28, 28] }),
        tf.layers.dense({ units: 128, activation: 'relu' }),
        tf.layers.dense({ units: 10 }),
      ],
    });
    model.compile({
      optimizer: tf.train.adam(0.001),
      loss: (yt, yp) => tf.losses.softmaxCrossEntropy(yt, yp),
      metrics: ['accuracy'],
    });
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
