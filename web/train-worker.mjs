// The training loop, in a module Worker so the page never blocks: the tutorial's recipe (or the
// settings' variant) on xtape's WASM build. Messages in: init, run, pause, reset, export.
// Messages out: progress, ready, phase, steps (those of a slice), step (after Step through), eval,
// weights, paused, diverged, export, error.
// xtape is loaded on the first message (init), so that onmessage is set before the WASM module
// compiles (a message arriving during a static import's top-level await would be dropped). It
// picks its own build: threaded on a cross-origin isolated page, for every batch size
// (bench/page-epoch.mjs, batch 128: steps 0.88x and wall 0.84x of one thread's), else one thread.
import { initialWeights, BatchOrder } from './recipe.mjs';
import { yieldTask } from './yield.mjs';

let xtape;
const WARM_UP_MS = 400; // the engine's optimizing tier gets the hot code while the data loads

const SAMPLES = 24; // test images shown with their predictions
let data = null; // {x, y, labels, xTest, yTest} as tensors; y one-hot
let model = null; // {cfg, w1, b1, w2, b2, optimizer, gen, order, step, firstLoss}
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
  const { w1, b1, w2, b2 } = initialWeights(xtape, gen, cfg.hidden);
  const optimizer = {
    manual: null,
    sgd: () => new xtape.optimizers.SGD({ learningRate: cfg.lr }),
    momentum: () => new xtape.optimizers.SGD({ learningRate: cfg.lr, momentum: 0.9 }),
    adam: () => new xtape.optimizers.Adam({ learningRate: cfg.lr }),
  }[cfg.update]?.() ?? null;
  const order = new BatchOrder(xtape, gen, data.x.shape[0], cfg.batch);
  model = { cfg, w1, b1, w2, b2, optimizer, gen, order, step: 0, firstLoss: null };
}

// The recipe's loss: mean squared error, or softmax cross-entropy (the `loss` setting).
const lossOf = (cfg, y, out) => (cfg.loss === 'ce'
  ? xtape.reduceMean(xtape.softmaxCrossEntropyWithLogits(y, out))
  : xtape.reduceMean(xtape.square(y.sub(out))));

// The phase a step is in, for the code panel's marks: worth a message only when a step is slow
// enough for a reader to see it (a full batch); at ~1 ms per step it would only cost time.
const SHOW_PHASES_MS = 30;
let lastStepMs = Infinity;
const phase = (name) => lastStepMs >= SHOW_PHASES_MS && post({ type: 'phase', phase: name });

function trainStep() {
  dropInspected();
  const { cfg, w1, b1, w2, b2, optimizer } = model;
  const t0 = performance.now();
  const idx = model.order.next();
  const loss = xtape.tidy(() => {
    const x = idx ? data.x.gather(idx) : data.x;
    const y = idx ? data.y.gather(idx) : data.y;
    const tape = new xtape.GradientTape(); // with tf.GradientTape() as tape:
    let h1;
    const loss = tape.record(() => {
      phase('forward');
      h1 = xtape.relu(x.matmul(w1).add(b1)); // h1 = tf.nn.relu(x @ w1 + b1)
      const out = h1.matmul(w2).add(b2); // out = h1 @ w2 + b2
      phase('loss');
      return lossOf(cfg, y, out); // loss = tf.reduce_mean(tf.square(y - out))
    });
    phase('gradient');
    const grads = tape.gradient(loss, [w1, b1, w2, b2]); // grads = tape.gradient(loss, [w1, b1, w2, b2])
    phase('update');
    model.dead = deadUnits(h1); // hidden units whose ReLU is 0 for every row of the batch
    const value = loss.item();
    if (!Number.isFinite(value)) return value; // never apply a NaN update
    if (optimizer) optimizer.applyGradients(xtape.zip(grads, [w1, b1, w2, b2]));
    else [w1, b1, w2, b2].forEach((v, i) => v.assignSub(grads[i].mul(cfg.lr))); // w.assign_sub(lr * g)
    return value;
  });
  const ms = performance.now() - t0;
  lastStepMs = ms;
  model.step++;
  const rows = idx ? idx.length : data.x.shape[0];
  return { loss, ms, gflops: flops(rows, cfg.hidden) / ms / 1e6 };
}

// The hidden units (indices) whose ReLU output is 0 for every row of h1 [rows, hidden].
function deadUnits(h1) {
  const max = xtape.tidy(() => xtape.reduceMax(h1, 0).data());
  const dead = [];
  max.forEach((m, j) => { if (!(m > 0)) dead.push(j); });
  return dead;
}

function evaluate() {
  let testDead;
  const preds = xtape.tidy(() => {
    const h1 = data.xTest.matmul(model.w1).add(model.b1).relu();
    testDead = deadUnits(h1); // never active on the test set
    return h1.matmul(model.w2).add(model.b2).argMax(1).data();
  });
  const confusion = new Int32Array(100);
  let correct = 0;
  for (let i = 0; i < preds.length; i++) {
    confusion[data.yTest[i] * 10 + preds[i]]++;
    if (preds[i] === data.yTest[i]) correct++;
  }
  post({ type: 'eval', step: model.step, accuracy: correct / preds.length, confusion, testDead,
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

// Steps run back to back for up to SLICE_MS, then the worker yields a task, so that pause (and
// anything else) is handled within a slice (a nested setTimeout(0) waited 4 ms per step: at batch
// 128, where a step takes about 1 ms, that tripled an epoch's time).
const SLICE_MS = 12;
async function run(steps) {
  running = true;
  let slice = performance.now();
  let done = []; // the slice's steps, posted together (one message per step kept the page busy)
  const flush = () => {
    if (done.length) post({ type: 'steps', steps: done });
    done = [];
  };
  for (let i = 0; i < steps && running; i++) {
    const r = trainStep();
    model.firstLoss ??= r.loss;
    const exploding = r.loss > 1e3 * Math.max(model.firstLoss, 1e-3);
    if (!Number.isFinite(r.loss) || exploding) {
      flush();
      running = false;
      post({ type: 'diverged', step: model.step, loss: r.loss, reason: Number.isFinite(r.loss) ? 'exploding' : 'nan' });
      return;
    }
    done.push({ step: model.step, epoch: model.order.epoch, loss: r.loss, ms: r.ms, gflops: r.gflops, dead: model.dead });
    if (model.step % model.cfg.evalEvery === 0) {
      flush();
      evaluate();
    } else postWeights(false);
    if (performance.now() - slice >= SLICE_MS) {
      flush();
      await yieldTask();
      slice = performance.now();
    }
  }
  flush();
  running = false;
  post({ type: 'paused', step: model.step });
}

// --- look inside a step ------------------------------------------------------------------------
// A step run phase by phase (the same ops, batch and order as trainStep, so it ends with the
// same loss): each phase keeps its tensors for the inspector and posts their summaries, computed
// in the core; the values of one tensor cross over only when the reader opens it.
let inside = null;
let gradchecks = 0; // {phases: generator, tensors: Map name -> Tensor, keep: [...]}

function* phases() {
  const { cfg, w1, b1, w2, b2, optimizer } = model;
  const idx = model.order.next();
  const x = idx ? data.x.gather(idx) : data.x, y = idx ? data.y.gather(idx) : data.y;
  const made = idx ? [x, y] : [];
  const tape = new xtape.GradientTape();
  tape.startRecording();
  const z1 = x.matmul(w1).add(b1);
  yield ['z1', { x, w1, b1, 'x @ w1 + b1': z1 }, made.concat([z1, tape])];
  const h1 = xtape.relu(z1);
  yield ['relu', { h1 }, [h1]];
  const out = h1.matmul(w2).add(b2);
  yield ['out', { h1, w2, b2, out }, [out]];
  const loss = lossOf(cfg, y, out);
  tape.stopRecording();
  yield ['loss', { y, out, loss }, [loss]];
  const grads = tape.gradient(loss, [w1, b1, w2, b2]);
  yield ['gradient', { w1, 'grads[0]': grads[0], 'grads[1]': grads[1], 'grads[2]': grads[2], 'grads[3]': grads[3] }, grads];
  const value = loss.item();
  const updates = grads.map((g) => g.mul(-cfg.lr)); // what assign_sub(lr * g) adds
  model.dead = deadUnits(h1);
  if (Number.isFinite(value)) {
    if (optimizer) optimizer.applyGradients(xtape.zip(grads, [w1, b1, w2, b2]));
    else [w1, b1, w2, b2].forEach((v, i) => v.assignSub(grads[i].mul(cfg.lr)));
  }
  model.step++;
  yield ['update', { w1, '-lr * grads[0]': updates[0], '-lr * grads[1]': updates[1], b1, w2, b2 }, updates];
  return value;
}

const describeTensor = (name, t) => ({ name, shape: t.shape, dtype: t.dtype, ...xtape.summary(t) });

let inspected = null; // the last phase's tensors, kept for the inspector until the next step
function dropInspected() {
  if (inspected) xtape.dispose(inspected.keep);
  inspected = null;
}

function nextPhase() {
  if (!inside) {
    dropInspected();
    inside = { gen: phases(), keep: [], tensors: new Map(), t0: performance.now() };
  }
  const r = inside.gen.next();
  const [phase, tensors, made] = r.value;
  inside.keep.push(...made);
  for (const [k, v] of Object.entries(tensors)) inside.tensors.set(k, v); // earlier phases' stay reachable (a weight's gradient)
  post({ type: 'inside', phase, tensors: Object.entries(tensors).map(([k, v]) => (v instanceof xtape.Variable
    ? xtape.tidy(() => describeTensor(k, v.read())) : describeTensor(k, v))) });
  if (phase === 'update') finishInside(inside.gen.next().value); // the step is complete
}

function finishInside(loss) {
  inspected = inside; // its tensors stay open to the inspector until the next step
  const ms = performance.now() - inside.t0;
  inside = null;
  post({ type: 'step', step: model.step, epoch: model.order.epoch, loss, ms, gflops: 0, dead: model.dead, inside: true });
  postWeights(true);
  post({ type: 'paused', step: model.step });
}

// The values of one tensor of the current phase; a weight, its gradient and its update -lr * g
// come as a group (in that order), so that the page can show them side by side.
const GROUPS = { 0: 'w1', 1: 'b1', 2: 'w2', 3: 'b2' };
function inspect(name) {
  const tensors = (inside ?? inspected)?.tensors;
  const t = tensors?.get(name);
  if (!t) return post({ type: 'inspected', name, missing: true });
  const k = Object.keys(GROUPS).find((i) => [GROUPS[i], `grads[${i}]`, `-lr * grads[${i}]`].includes(name));
  const names = k === undefined ? [name] : [GROUPS[k], `grads[${k}]`, `-lr * grads[${k}]`];
  const list = xtape.tidy(() => names.map((n) => {
    let v = tensors.get(n) ?? (n === GROUPS[k] ? model[n] : null);
    if (!v && n.startsWith('-lr') && tensors.get(`grads[${k}]`)) v = tensors.get(`grads[${k}]`).mul(-model.cfg.lr);
    return v ? { name: n, shape: v.shape, values: v.data() } : null;
  }).filter(Boolean));
  post({ type: 'inspected', name, tensors: list }, list.map((m) => m.values.buffer));
}

// Gradient check: tape.gradient against central differences (loss(w + e) - loss(w - e)) / 2e
// for a few random coordinates of w1, b1, w2, b2, on a small batch. perturb (tests only) scales
// the analytic gradient, so that the check must fail.
function gradcheck({ perturb = 1, rows = 64, per = 3 } = {}) {
  const { cfg, w1, b1, w2, b2 } = model;
  const vars = [w1, b1, w2, b2];
  const n = Math.min(rows, data.x.shape[0]);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  let state = 12345 + 7919 * (gradchecks++); // coordinates from a seeded generator: reproducible
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const table = xtape.tidy(() => {
    const x = data.x.gather(idx), y = data.y.gather(idx);
    const forward = () => lossOf(cfg, y, xtape.relu(x.matmul(w1).add(b1)).matmul(w2).add(b2));
    const lossAt = () => xtape.tidy(() => forward().item());
    const tape = new xtape.GradientTape();
    const loss = tape.record(forward);
    const grads = tape.gradient(loss, vars).map((g) => g.data());
    const rows = [];
    vars.forEach((v, k) => {
      const base = v.data();
      for (let r = 0; r < per; r++) {
        const i = Math.floor(random() * base.length);
        const eps = 5e-3 * Math.max(1, Math.abs(base[i]));
        const at = (d) => {
          const w = base.slice();
          w[i] += d;
          v.assign(xtape.constant(w, v.shape));
          return lossAt();
        };
        const [up, mid, down] = [at(eps), at(0), at(-eps)];
        const numeric = (up - down) / (2 * eps);
        v.assign(xtape.constant(base, v.shape));
        const analytic = grads[k][i] * perturb;
        const error = Math.abs(analytic - numeric) / Math.max(1e-6, Math.abs(analytic) + Math.abs(numeric));
        // A ReLU kink within +-eps makes the left and right slopes differ: no finite difference
        // is valid there, so that coordinate is reported and not judged.
        const [right, left] = [(up - mid) / eps, (mid - down) / eps];
        const kink = Math.abs(right - left) > 0.05 * Math.max(Math.abs(right), Math.abs(left)) + 1e-4;
        rows.push({ variable: v.name, index: i, analytic, numeric, error, kink });
      }
    });
    return rows;
  });
  // float32: the loss (~0.1) is rounded to ~7e-9, so a difference over 1e-2 is good to ~1e-6
  // absolute (4e-5 leaves room); relative errors below 2e-2 are what float32 allows here.
  const tolerance = 2e-2, absolute = 4e-5;
  for (const r of table) r.ok = r.kink || r.error <= tolerance || Math.abs(r.analytic - r.numeric) <= absolute;
  post({ type: 'gradcheck', rows: table, tolerance, absolute, pass: table.every((r) => r.ok) });
}

function exportFiles() {
  const files = {};
  for (const v of [model.w1, model.b1, model.w2, model.b2]) files[`${v.name}.npy`] = xtape.io.toNpy(v);
  post({ type: 'export', files });
}

onmessage = async ({ data: msg }) => {
  try {
    xtape ??= await import('../js/index.mjs');
    if (msg.type === 'init') {
      const t0 = performance.now();
      const warming = xtape.warmUp({ ms: WARM_UP_MS }); // runs between the loader's awaits
      data = await loadData(msg.dataUrl);
      await warming;
      build(msg.config);
      post({ type: 'ready', loadMs: performance.now() - t0, memory: xtape.memory(), env: xtape.env, threads: xtape.numThreads(), rows: data.x.shape[0], testRows: data.xTest.shape[0] });
      evaluate();
    } else if (msg.type === 'run') {
      if (!running) await run(msg.steps);
    } else if (msg.type === 'pause') {
      running = false;
    } else if (msg.type === 'reset') {
      running = false;
      if (inside) {
        inside.gen.return();
        xtape.dispose(inside.keep);
        inside = null;
      }
      dropInspected();
      build(msg.config);
      post({ type: 'ready', memory: xtape.memory() });
      evaluate();
    } else if (msg.type === 'export') {
      exportFiles();
    } else if (msg.type === 'phase') {
      if (!running) nextPhase();
    } else if (msg.type === 'inspect') {
      inspect(msg.name);
    } else if (msg.type === 'gradcheck') {
      if (!running) gradcheck(msg);
    }
  } catch (e) {
    running = false;
    post({ type: 'error', message: e.message, kind: e instanceof xtape.XtapeError ? 'xtape' : e.name });
  }
};
