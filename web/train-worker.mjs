// The training loop, in a module Worker so the page never blocks: the tutorial's recipe (or the
// settings' variant) on xtape's WASM build. Messages in: init, run, pause, reset, export.
// Messages out: progress, ready, phase, step, eval, weights, paused, diverged, export, error.
// Loaded on the first message (init), so that onmessage is set before the WASM module compiles (a
// message arriving during a static import's top-level await would be dropped) and so that the
// build can follow the settings: the threaded build (when the page is cross-origin isolated) pays
// off on large batches, but its per-op overhead makes small mini-batches slower than one thread
// (measured: full batch 1.6-1.9x faster, batch 128 about 1.4x slower).
let xtape;
const THREADS_FROM_BATCH = 4096;

const SAMPLES = 24; // test images shown with their predictions
let data = null; // {x, y, labels, xTest, yTest} as tensors; y one-hot
let model = null; // {w1, b1, w2, b2, optimizer, gen, perm, offset, step, epoch, firstLoss}
let running = false;
let lastWeightsPost = 0;

const post = (msg, transfer) => postMessage(msg, transfer ?? []);
const flops = (rows, hidden) => 2 * rows * (784 * hidden * 2 + hidden * 10 * 3);

// url: the folder of the four files (data-url); without one, or when it cannot be loaded, the
// packaged subset, so that an embed always trains (the page labels it).
async function loadData(url) {
  const onProgress = (p) => post({ type: 'progress', ...p });
  let d;
  if (url) {
    try {
      d = await xtape.loadFashionMnist({ url, onProgress });
    } catch (e) {
      post({ type: 'subset', reason: e.message });
    }
  } else {
    post({ type: 'subset', reason: null });
  }
  d ??= await xtape.loadFashionMnist({ subset: true, onProgress });
  // x / 255 as float32 in one pass (no second 188 MB float copy on the heap)
  const prep = (x) => xtape.tidy(() => xtape.image.convertImageDtype(xtape.reshape(x, [-1, 784])));
  const out = {
    x: prep(d.xTrain),
    labels: xtape.cast(d.yTrain, 'int32'),
    xTest: prep(d.xTest),
    yTest: d.yTest.data(),
    testImages: d.xTest.data().slice(0, SAMPLES * 784),
  };
  out.y = xtape.oneHot(out.labels, 10);
  xtape.dispose(d);
  return out;
}

function build(cfg) {
  if (model) xtape.dispose([model.w1, model.b1, model.w2, model.b2, model.optimizer, model.gen]);
  const gen = xtape.random.Generator.fromSeed(cfg.seed);
  const h = cfg.hidden;
  // w1 = tf.Variable(tf.random.truncated_normal([784, h], stddev=0.1)), b1 = tf.Variable(tf.zeros([h])) ...
  const w1 = new xtape.Variable(gen.truncatedNormal([784, h], { stddev: 0.1 }), { name: 'w1' });
  const b1 = new xtape.Variable(xtape.zeros([h]), { name: 'b1' });
  const w2 = new xtape.Variable(gen.truncatedNormal([h, 10], { stddev: 0.1 }), { name: 'w2' });
  const b2 = new xtape.Variable(xtape.zeros([10]), { name: 'b2' });
  const optimizer = {
    manual: null,
    sgd: () => new xtape.optimizers.SGD({ learningRate: cfg.lr }),
    momentum: () => new xtape.optimizers.SGD({ learningRate: cfg.lr, momentum: 0.9 }),
    adam: () => new xtape.optimizers.Adam({ learningRate: cfg.lr }),
  }[cfg.update]?.() ?? null;
  model = { cfg, w1, b1, w2, b2, optimizer, gen, perm: null, offset: 0, step: 0, epoch: 0, firstLoss: null };
}

// The rows of the next mini-batch, from a seeded shuffle per epoch (null: the full batch).
function nextBatch() {
  if (model.cfg.batch === 'full') return null;
  const n = data.x.shape[0], B = Math.min(model.cfg.batch, n); // the subset has 2,000 rows
  if (!model.perm || model.offset + B > model.perm.length) {
    model.perm = xtape.tidy(() => model.gen.permutation(n).data());
    if (model.offset) model.epoch++;
    model.offset = 0;
  }
  const idx = model.perm.subarray(model.offset, model.offset + B);
  model.offset += B;
  return idx;
}

function trainStep() {
  const { cfg, w1, b1, w2, b2, optimizer } = model;
  const t0 = performance.now();
  const idx = nextBatch();
  const loss = xtape.tidy(() => {
    const x = idx ? data.x.gather(idx) : data.x;
    const y = idx ? data.y.gather(idx) : data.y;
    const tape = new xtape.GradientTape(); // with tf.GradientTape() as tape:
    const loss = tape.record(() => {
      post({ type: 'phase', phase: 'forward' });
      const h1 = xtape.relu(x.matmul(w1).add(b1)); // h1 = tf.nn.relu(x @ w1 + b1)
      const out = h1.matmul(w2).add(b2); // out = h1 @ w2 + b2
      post({ type: 'phase', phase: 'loss' });
      return cfg.loss === 'ce'
        ? xtape.reduceMean(xtape.softmaxCrossEntropyWithLogits(y, out))
        : xtape.reduceMean(xtape.square(y.sub(out))); // loss = tf.reduce_mean(tf.square(y - out))
    });
    post({ type: 'phase', phase: 'gradient' });
    const grads = tape.gradient(loss, [w1, b1, w2, b2]); // grads = tape.gradient(loss, [w1, b1, w2, b2])
    post({ type: 'phase', phase: 'update' });
    const value = loss.item();
    if (!Number.isFinite(value)) return value; // never apply a NaN update
    if (optimizer) optimizer.applyGradients(xtape.zip(grads, [w1, b1, w2, b2]));
    else [w1, b1, w2, b2].forEach((v, i) => v.assignSub(grads[i].mul(cfg.lr))); // w.assign_sub(lr * g)
    return value;
  });
  const ms = performance.now() - t0;
  model.step++;
  const rows = idx ? idx.length : data.x.shape[0];
  return { loss, ms, gflops: flops(rows, cfg.hidden) / ms / 1e6 };
}

function evaluate() {
  const preds = xtape.tidy(() => data.xTest.matmul(model.w1).add(model.b1).relu().matmul(model.w2).add(model.b2).argMax(1).data());
  const confusion = new Int32Array(100);
  let correct = 0;
  for (let i = 0; i < preds.length; i++) {
    confusion[data.yTest[i] * 10 + preds[i]]++;
    if (preds[i] === data.yTest[i]) correct++;
  }
  post({ type: 'eval', step: model.step, accuracy: correct / preds.length, confusion,
    samples: { images: data.testImages, labels: data.yTest.slice(0, SAMPLES), preds: preds.slice(0, SAMPLES) } });
  postWeights(true);
}

function postWeights(force) {
  const now = performance.now();
  if (!force && now - lastWeightsPost < 1000) return;
  lastWeightsPost = now;
  const w = model.w1.data(); // [784, hidden]
  post({ type: 'weights', hidden: model.cfg.hidden, w }, [w.buffer]);
}

// One step per task, so that pause (and anything else) is handled between steps.
async function run(steps) {
  running = true;
  for (let i = 0; i < steps && running; i++) {
    const r = trainStep();
    model.firstLoss ??= r.loss;
    const exploding = r.loss > 1e3 * Math.max(model.firstLoss, 1e-3);
    if (!Number.isFinite(r.loss) || exploding) {
      running = false;
      post({ type: 'diverged', step: model.step, loss: r.loss, reason: Number.isFinite(r.loss) ? 'exploding' : 'nan' });
      return;
    }
    post({ type: 'step', step: model.step, epoch: model.epoch, loss: r.loss, ms: r.ms, gflops: r.gflops });
    if (model.step % model.cfg.evalEvery === 0) evaluate();
    else postWeights(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  running = false;
  post({ type: 'paused', step: model.step });
}

function exportFiles() {
  const files = {};
  for (const v of [model.w1, model.b1, model.w2, model.b2]) files[`${v.name}.npy`] = xtape.io.toNpy(v);
  post({ type: 'export', files });
}

onmessage = async ({ data: msg }) => {
  try {
    if (!xtape) {
      const batch = msg.config?.batch;
      globalThis.XTAPE_THREADS = batch === 'full' || batch >= THREADS_FROM_BATCH;
      xtape = await import('../js/index.mjs');
    }
    if (msg.type === 'init') {
      const t0 = performance.now();
      data = await loadData(msg.dataUrl);
      build(msg.config);
      post({ type: 'ready', loadMs: performance.now() - t0, memory: xtape.memory(), env: xtape.env, threads: xtape.numThreads(), rows: data.x.shape[0], testRows: data.xTest.shape[0] });
      evaluate();
    } else if (msg.type === 'run') {
      if (!running) await run(msg.steps);
    } else if (msg.type === 'pause') {
      running = false;
    } else if (msg.type === 'reset') {
      running = false;
      build(msg.config);
      post({ type: 'ready', memory: xtape.memory() });
      evaluate();
    } else if (msg.type === 'export') {
      exportFiles();
    }
  } catch (e) {
    running = false;
    post({ type: 'error', message: e.message, kind: e instanceof xtape.XtapeError ? 'xtape' : e.name });
  }
};
