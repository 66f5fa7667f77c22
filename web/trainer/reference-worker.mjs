// The float64 reference of the page's recipe for settings without a shipped curve, in its own
// Worker (a full-batch step takes seconds): the same data, initial weights and batch order as the
// training worker (recipe.mjs); the math is reference-f64.mjs.
// In: start {config, dataUrl (null: the packaged subset)}, target {steps}.
// Out: loss {step, loss} per step, error {message}.
import { initialWeights, BatchOrder } from './recipe.mjs';
import { RecipeF64 } from './reference-f64.mjs';
import { yieldTask } from '../shared/yield.mjs';

let target = 0;
let wake = null; // resolves when the target grows

async function start({ config, dataUrl, steps }) {
  target = steps;
  globalThis.XTAPE_THREADS = false; // xtape here gives only its seeded random numbers and its loader
  const xtape = await import('../../js/index.mjs');
  const d = await xtape.loadFashionMnist(dataUrl ? { url: dataUrl } : { subset: true });
  const pixels = d.xTrain.data(),
    labels = d.yTrain.data();
  xtape.dispose(d);
  const gen = xtape.random.Generator.fromSeed(config.seed);
  const vars = initialWeights(xtape, gen, config.hidden);
  const weights = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.data()]));
  xtape.dispose(Object.values(vars));
  const order = new BatchOrder(xtape, gen, labels.length, config.batch);
  const recipe = new RecipeF64(pixels, labels, weights, config);
  for (let step = 1; ; step++) {
    while (step > target) await new Promise((resolve) => (wake = resolve));
    const loss = recipe.step(order.next());
    postMessage({ type: 'loss', step, loss });
    if (!Number.isFinite(loss)) return;
    await yieldTask(); // let a new target in
  }
}

onmessage = ({ data: msg }) => {
  if (msg.type === 'start')
    start(msg).catch((e) => postMessage({ type: 'error', message: e.message }));
  else if (msg.type === 'target') {
    target = Math.max(target, msg.steps);
    wake?.();
  }
};
