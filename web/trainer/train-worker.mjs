// The training loop, in a module Worker so the page never blocks: the recipe (recipe.mjs) on
// xtape's WASM build. Its messages are protocol.mjs's TO_WORKER in, FROM_WORKER out.
// xtape is loaded on the first message (init), so that onmessage is set before the WASM module
// compiles (a message arriving during a static import's top-level await would be dropped). It
// picks its own build: threaded on a cross-origin isolated page, else one thread.
import * as recipe from './recipe.mjs';
import { FROM_WORKER, TO_WORKER, handle, send } from './protocol.mjs';
import { yieldTask } from '../shared/yield.mjs';

let xtape;
const WARM_UP_MS = 400; // the engine's optimizing tier gets the hot code while the data loads

const SAMPLES = 24; // test images shown with their predictions
let data = null; // {x, y, labels, xTest, yTest, testImages}; x, y, xTest as tensors, y one-hot
let model = null; // {cfg, w1, b1, w2, b2, optimizer, gen, order, step, firstLoss, dead}
let running = false;
let lastWeightsPost = 0;

const post = (type, fields, transfer) => send(globalThis, FROM_WORKER, type, fields, transfer);
const flops = (rows, hidden) =>
  2 * rows * (recipe.INPUTS * hidden * 2 + hidden * recipe.CLASSES * 3);

// url: the folder of the four files (data-url); without one, or when it cannot be loaded, the
// packaged subset, so that an embed always trains (the page labels it).
async function loadData(url, stallMs) {
  const onProgress = ({ loaded, total }) => post('progress', { loaded, total });
  let d;
  if (url) {
    try {
      d = await xtape.loadFashionMnist({ url, onProgress, stallMs });
    } catch (e) {
      post('subset', { reason: e.message });
    }
  } else {
    post('subset', { reason: null });
  }
  d ??= await xtape.loadFashionMnist({ subset: true, onProgress });
  // x / 255 as float32 in one pass (no second 188 MB float copy on the heap)
  const prep = (x) =>
    xtape.tidy(() => xtape.image.convertImageDtype(xtape.reshape(x, [-1, recipe.INPUTS])));
  const out = {
    x: prep(d.xTrain),
    labels: xtape.cast(d.yTrain, 'int32'),
    xTest: prep(d.xTest),
    yTest: d.yTest.data(),
    testImages: d.xTest.data().slice(0, SAMPLES * recipe.INPUTS),
  };
  out.y = xtape.oneHot(out.labels, recipe.CLASSES);
  xtape.dispose(d);
  return out;
}

function build(cfg) {
  if (model) xtape.dispose([model.w1, model.b1, model.w2, model.b2, model.optimizer, model.gen]);
  const gen = xtape.random.Generator.fromSeed(cfg.seed);
  const weights = recipe.initialWeights(xtape, gen, cfg.hidden);
  const optimizer = recipe.makeOptimizer(xtape, cfg);
  const order = new recipe.BatchOrder(xtape, gen, data.x.shape[0], cfg.batch);
  model = { cfg, ...weights, optimizer, gen, order, step: 0, firstLoss: null, dead: [] };
}

// The rows of the next batch: [x, y, rows] (the whole set for the full batch).
function nextBatch() {
  const idx = model.order.next();
  return idx
    ? [data.x.gather(idx), data.y.gather(idx), idx.length]
    : [data.x, data.y, data.x.shape[0]];
}

// The phase a step is in, for the code panel's marks: worth a message only when a step is slow
// enough for a reader to see it (a full batch); at ~1 ms per step it would only cost time.
const SHOW_PHASES_MS = 30;
let lastStepMs = Infinity;
const phase = (name) => lastStepMs >= SHOW_PHASES_MS && post('phase', { phase: name });

function trainStep() {
  dropInspected();
  const t0 = performance.now();
  const { loss, rows } = xtape.tidy(() => {
    const [x, y, rows] = nextBatch();
    const { value, h1 } = recipe.step(xtape, model, x, y, phase);
    model.dead = deadUnits(h1); // hidden units whose ReLU is 0 for every row of the batch
    return { loss: value, rows };
  });
  const ms = performance.now() - t0;
  lastStepMs = ms;
  model.step++;
  return { loss, ms, gflops: flops(rows, model.cfg.hidden) / ms / 1e6 };
}

// The hidden units (indices) whose ReLU output is 0 for every row of h1 [rows, hidden].
function deadUnits(h1) {
  const max = xtape.tidy(() => xtape.reduceMax(h1, 0).data());
  const dead = [];
  max.forEach((m, j) => {
    if (!(m > 0)) dead.push(j);
  });
  return dead;
}

function evaluate() {
  const preds = xtape.tidy(() =>
    recipe.forward(xtape, data.xTest, model).out.argMax(1, 'int32').data(),
  );
  const confusion = new Int32Array(recipe.CLASSES * recipe.CLASSES);
  let correct = 0;
  for (let i = 0; i < preds.length; i++) {
    confusion[data.yTest[i] * recipe.CLASSES + preds[i]]++;
    if (preds[i] === data.yTest[i]) correct++;
  }
  const samples = {
    images: data.testImages,
    labels: data.yTest.slice(0, SAMPLES),
    preds: preds.slice(0, SAMPLES),
  };
  post('eval', { step: model.step, accuracy: correct / preds.length, confusion, samples });
  postWeights(true);
}

function postWeights(force) {
  const now = performance.now();
  if (!force && now - lastWeightsPost < 1000) return;
  lastWeightsPost = now;
  const w = model.w1.data(); // [784, hidden]
  post('weights', { hidden: model.cfg.hidden, w }, [w.buffer]);
}

// Steps run back to back for up to SLICE_MS, then the worker yields a task, so that pause (and
// anything else) is handled within a slice (bench/README.md: a nested setTimeout(0) waited 4 ms
// per step).
const SLICE_MS = 12;
async function run(steps) {
  running = true;
  let slice = performance.now();
  let done = []; // the slice's steps, posted together (one message per step kept the page busy)
  const flush = () => {
    if (done.length) post('steps', { steps: done });
    done = [];
  };
  for (let i = 0; i < steps && running; i++) {
    const r = trainStep();
    model.firstLoss ??= r.loss;
    const exploding = r.loss > 1e3 * Math.max(model.firstLoss, 1e-3);
    if (!Number.isFinite(r.loss) || exploding) {
      flush();
      running = false;
      post('diverged', {
        step: model.step,
        loss: r.loss,
        reason: Number.isFinite(r.loss) ? 'exploding' : 'nan',
      });
      return;
    }
    done.push({
      step: model.step,
      epoch: model.order.epoch,
      loss: r.loss,
      ms: r.ms,
      gflops: r.gflops,
      dead: model.dead,
    });
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
  post('paused', { step: model.step });
}

// --- look inside a step ------------------------------------------------------------------------
// A step run phase by phase (the recipe's forward, loss and update, on the batch trainStep would
// take, so it ends with the same loss): each phase keeps its tensors for the inspector and posts
// their summaries, computed in the core; the values of one tensor cross over only when the
// reader opens it.
let inside = null; // {gen: phases(), keep: [...], tensors: Map name -> Tensor, t0}
let gradchecks = 0;

function* phases() {
  const { cfg, w1, b1, w2, b2, optimizer } = model;
  const vars = [w1, b1, w2, b2];
  const [x, y] = nextBatch();
  const tape = new xtape.GradientTape();
  const made = x === data.x ? [tape] : [x, y, tape];
  tape.startRecording();
  const forward = recipe.forwardPhases(xtape, x, model);
  let f;
  for (;;) {
    const r = forward.next();
    if (r.done) {
      f = r.value;
      break;
    }
    const [name, tensors] = r.value;
    // the phase's own tensors are kept for the inspector (never the data set's)
    const own = Object.values(tensors).filter(
      (t) => t instanceof xtape.Tensor && t !== data.x && t !== data.y,
    );
    yield [name, tensors, made.concat(own)];
  }
  const loss = recipe.loss(xtape, cfg, y, f.out);
  tape.stopRecording();
  yield ['loss', { y, out: f.out, loss }, [loss]];
  const grads = tape.gradient(loss, vars);
  yield [
    'gradient',
    { w1, 'grads[0]': grads[0], 'grads[1]': grads[1], 'grads[2]': grads[2], 'grads[3]': grads[3] },
    grads,
  ];
  const value = loss.item();
  const updates = grads.map((g) => g.mul(-cfg.lr)); // what assign_sub(lr * g) adds
  model.dead = deadUnits(f.h1);
  if (Number.isFinite(value)) recipe.update(xtape, cfg, optimizer, vars, grads);
  model.step++;
  yield [
    'update',
    { w1, '-lr * grads[0]': updates[0], '-lr * grads[1]': updates[1], b1, w2, b2 },
    updates,
  ];
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
  const [name, tensors, made] = r.value;
  for (const t of made) if (!inside.keep.includes(t)) inside.keep.push(t);
  for (const [k, v] of Object.entries(tensors)) inside.tensors.set(k, v); // earlier phases' stay reachable (a weight's gradient)
  const described = Object.entries(tensors).map(([k, v]) =>
    v instanceof xtape.Variable
      ? xtape.tidy(() => describeTensor(k, v.read()))
      : describeTensor(k, v),
  );
  post('inside', { phase: name, tensors: described });
  if (name === 'update') finishInside(inside.gen.next().value); // the step is complete
}

function finishInside(loss) {
  inspected = inside; // its tensors stay open to the inspector until the next step
  const ms = performance.now() - inside.t0;
  inside = null;
  post('step', {
    step: model.step,
    epoch: model.order.epoch,
    loss,
    ms,
    gflops: 0,
    dead: model.dead,
    inside: true,
  });
  postWeights(true);
  post('paused', { step: model.step });
}

// The values of one tensor of the current phase; a weight, its gradient and its update -lr * g
// come as a group (in that order), so that the page can show them side by side.
const GROUPS = { 0: 'w1', 1: 'b1', 2: 'w2', 3: 'b2' };
function inspect(name) {
  const tensors = (inside ?? inspected)?.tensors;
  const t = tensors?.get(name);
  if (!t) return post('inspected', { name, missing: true });
  const k = Object.keys(GROUPS).find((i) =>
    [GROUPS[i], `grads[${i}]`, `-lr * grads[${i}]`].includes(name),
  );
  const names = k === undefined ? [name] : [GROUPS[k], `grads[${k}]`, `-lr * grads[${k}]`];
  const list = xtape.tidy(() =>
    names
      .map((n) => {
        let v = tensors.get(n) ?? (n === GROUPS[k] ? model[n] : null);
        if (!v && n.startsWith('-lr') && tensors.get(`grads[${k}]`))
          v = tensors.get(`grads[${k}]`).mul(-model.cfg.lr);
        return v ? { name: n, shape: v.shape, values: v.data() } : null;
      })
      .filter(Boolean),
  );
  return post(
    'inspected',
    { name, tensors: list },
    list.map((m) => m.values.buffer),
  );
}

// Gradient check: tape.gradient against central differences (loss(w + e) - loss(w - e)) / 2e
// for a few random coordinates of w1, b1, w2, b2, on a small batch. perturb (tests only) scales
// the analytic gradient, so that the check must fail.
function gradcheck({ perturb = 1, rows = 64, per = 3 } = {}) {
  const { cfg, w1, b1, w2, b2 } = model;
  const vars = [w1, b1, w2, b2];
  const n = Math.min(rows, data.x.shape[0]);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  let state = 12345 + 7919 * gradchecks++; // coordinates from a seeded generator: reproducible
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const table = xtape.tidy(() => {
    const x = data.x.gather(idx),
      y = data.y.gather(idx);
    const lossOf = () => recipe.loss(xtape, cfg, y, recipe.forward(xtape, x, model).out);
    const lossAt = () => xtape.tidy(() => lossOf().item());
    const tape = new xtape.GradientTape();
    const loss = tape.record(lossOf);
    const grads = tape.gradient(loss, vars).map((g) => g.data());
    const out = [];
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
        const error =
          Math.abs(analytic - numeric) / Math.max(1e-6, Math.abs(analytic) + Math.abs(numeric));
        // A ReLU kink within +-eps makes the left and right slopes differ: no finite difference
        // is valid there, so that coordinate is reported and not judged.
        const [right, left] = [(up - mid) / eps, (mid - down) / eps];
        const kink =
          Math.abs(right - left) > 0.05 * Math.max(Math.abs(right), Math.abs(left)) + 1e-4;
        out.push({ variable: v.name, index: i, analytic, numeric, error, kink });
      }
    });
    return out;
  });
  // float32: the loss (~0.1) is rounded to ~7e-9, so a difference over 1e-2 is good to ~1e-6
  // absolute (4e-5 leaves room); relative errors below 2e-2 are what float32 allows here.
  const tolerance = 2e-2,
    absolute = 4e-5;
  for (const r of table)
    r.ok = r.kink || r.error <= tolerance || Math.abs(r.analytic - r.numeric) <= absolute;
  post('gradcheck', { rows: table, tolerance, absolute, pass: table.every((r) => r.ok) });
}

function exportFiles() {
  const files = {};
  for (const v of [model.w1, model.b1, model.w2, model.b2])
    files[`${v.name}.npy`] = xtape.io.toNpy(v);
  post('export', { files });
}

// The engine's optimizing tier gets the hot code while the data loads: the recipe's step on
// synthetic data of the configured size (batch 128 for the full batch: a full step is seconds).
async function warmUp(cfg) {
  const rows = cfg.batch === 'full' ? 128 : cfg.batch;
  const warm = recipe.warmUpModel(xtape, { rows, hidden: cfg.hidden, loss: cfg.loss });
  try {
    await xtape.warmUp(warm.step, { ms: WARM_UP_MS });
  } finally {
    warm.dispose();
  }
}

const handlers = {
  async init(msg) {
    const warming = warmUp(msg.config); // runs between the loader's awaits
    data = await loadData(msg.dataUrl, msg.stallMs);
    await warming;
    build(msg.config);
    post('ready', {
      env: xtape.env,
      threads: xtape.numThreads(),
      rows: data.x.shape[0],
      testRows: data.xTest.shape[0],
    });
    evaluate();
  },
  async run(msg) {
    if (!running) await run(msg.steps);
  },
  pause() {
    running = false;
  },
  reset(msg) {
    running = false;
    if (inside) {
      inside.gen.return();
      xtape.dispose(inside.keep);
      inside = null;
    }
    dropInspected();
    build(msg.config);
    post('ready', {});
    evaluate();
  },
  phase() {
    if (!running) nextPhase();
  },
  inspect(msg) {
    inspect(msg.name);
  },
  gradcheck(msg) {
    if (!running) gradcheck(msg);
  },
  export() {
    exportFiles();
  },
};
const dispatch = handle(TO_WORKER, handlers);

onmessage = async (e) => {
  try {
    xtape ??= await import('../../js/index.mjs');
    await dispatch(e);
  } catch (err) {
    running = false;
    post('error', { message: err.message });
  }
};
