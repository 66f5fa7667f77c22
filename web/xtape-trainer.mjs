// <xtape-trainer>: the demo as a custom element. One <script type="module"> loads it; each
// instance trains in its own module Worker and needs no cross-origin isolation.
//
// Attributes (all optional; bad values are reported and replaced by defaults):
//   lr hidden batch ("full" or rows) loss (mse|ce) update (manual|sgd|momentum|adam) seed
//   steps (for Run) eval-every lang (en|zh) data-url
//   panels   comma list of: stats,loss,accuracy,speed,samples,confusion,weights,code,inspector,
//            gradcheck,export
//   controls comma list of: step,inside (step through, phase by phase),run,pause,reset,settings,lang
import { TEXT, CLASS_NAMES } from './i18n.mjs';
import { parseSettings, toQuery } from './settings.mjs';
import { LineChart, drawSamples, drawConfusion, drawWeights } from './views.mjs';
import { CodePanel } from './code-panel.mjs';
import { download, lossCsv, tf2Script } from './export.mjs';
import { renderTensorTable, renderTensors, renderGradcheck } from './inspector.mjs';
import { moduleWorker } from './worker.mjs';

const ALL_PANELS = ['stats', 'loss', 'accuracy', 'speed', 'samples', 'confusion', 'weights', 'code', 'inspector', 'gradcheck', 'export'];
const ALL_CONTROLS = ['step', 'inside', 'run', 'pause', 'reset', 'settings', 'lang'];
const TRAINING_FRAME_MS = 50; // the page redraws at most 20 times a second while training
const REFERENCE_AHEAD = 20; // float64 steps computed in the page before the run gets there
const SETTING_ATTRS = ['lr', 'hidden', 'batch', 'loss', 'update', 'seed', 'steps', 'eval-every', 'lang'];

const TEMPLATE = `
<link rel="stylesheet" href="${new URL('../build/vendor/uplot/uPlot.min.css', import.meta.url)}">
<link rel="stylesheet" href="${new URL('./xtape-trainer.css', import.meta.url)}">
<div class="xt">
  <header><div><h2 data-t="title"></h2><p class="sub" data-t="subtitle"></p></div>
    <button type="button" class="lang" data-c="lang"></button></header>
  <div class="message" role="alert" hidden></div>
  <p class="status" role="status" aria-live="polite"></p>
  <p class="subset" hidden></p>
  <progress max="1" value="0"></progress>
  <div class="controls">
    <button type="button" data-c="step" data-t="step" disabled></button>
    <button type="button" data-c="inside" class="inside" disabled></button>
    <span data-c="run" class="run"><button type="button" data-t="run" disabled></button>
      <input type="number" min="1" max="100000" inputmode="numeric">
      <select class="unit"><option value="steps" data-t="steps"></option><option value="epochs" data-t="epochs"></option></select></span>
    <button type="button" data-c="pause" data-t="pause" disabled></button>
    <button type="button" data-c="reset" data-t="reset" disabled></button>
  </div>
  <details data-c="settings"><summary data-t="settings"></summary><form class="settings">
    <label><span data-t="lr"></span><input name="lr" type="number" step="any" min="0" required></label>
    <label><span data-t="hidden"></span><input name="hidden" type="number" min="1" max="1024" required></label>
    <label><span data-t="batch"></span><select name="batch"><option value="full" data-t="full"></option>
      <option value="32">32</option><option value="128">128</option><option value="512">512</option><option value="2048">2048</option></select></label>
    <label><span data-t="loss"></span><select name="loss"><option value="mse" data-t="mse"></option><option value="ce" data-t="ce"></option></select></label>
    <label><span data-t="update"></span><select name="update"><option value="manual" data-t="manual"></option>
      <option value="sgd" data-t="sgd"></option><option value="momentum" data-t="momentum"></option><option value="adam" data-t="adam"></option></select></label>
    <label><span data-t="seed"></span><input name="seed" type="number" min="0" required></label>
    <label><span data-t="evalEvery"></span><input name="evalEvery" type="number" min="1" required></label>
    <button type="submit" data-t="apply"></button></form></details>
  <dl class="stats" data-p="stats"></dl>
  <div class="panels">
    <figure data-p="loss"><div class="chart"></div>
      <p class="reference"><button type="button" class="reference-run" data-t="referenceRun" hidden></button>
      <span class="reference-note" role="status"></span></p></figure>
    <figure data-p="accuracy"><div class="chart"></div></figure>
    <figure data-p="speed"><div class="chart"></div></figure>
    <figure data-p="samples"><figcaption data-t="samples"></figcaption><div class="samples"></div></figure>
    <figure data-p="confusion"><figcaption data-t="confusion"></figcaption><table class="confusion"></table></figure>
    <figure data-p="weights"><figcaption data-t="weights"></figcaption><canvas class="weights" role="img"></canvas></figure>
    <figure data-p="code" class="code"><figcaption data-t="code"></figcaption>
      <div class="code-cols"><div><h3 data-t="python"></h3><pre class="py"></pre></div><div><h3 data-t="js"></h3><pre class="js"></pre></div></div></figure>
    <section data-p="inspector" class="inspector"><h3 data-t="inspector"></h3>
      <p class="hint" data-t="inspectorHint"></p><table class="tensors"></table>
      <label class="row-label" hidden><span data-t="rowLabel"></span> <input class="row" type="number" min="0" value="0"></label>
      <p class="scales"></p><div class="views"></div></section>
    <section data-p="gradcheck" class="gradcheck"><h3 data-t="gradcheck"></h3>
      <button type="button" class="gradcheck-run" data-t="gradcheckRun" disabled></button>
      <p class="verdict" role="status"></p><table></table></section>
    <section data-p="export" class="export"><h3 data-t="exportTitle"></h3>
      <button type="button" data-x="npy" data-t="exportWeights" disabled></button>
      <button type="button" data-x="csv" data-t="exportCsv" disabled></button>
      <button type="button" data-x="py" data-t="exportPy" disabled></button></section>
  </div>
</div>`;

export class XtapeTrainer extends HTMLElement {
  static get observedAttributes() { return ['lang']; }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = TEMPLATE;
    this.$ = (s) => root.querySelector(s);
    this.$$ = (s) => [...root.querySelectorAll(s)];
    const entries = SETTING_ATTRS.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a)]);
    const { config, errors } = parseSettings(entries);
    this.config = config;
    this.language = config.lang;
    this.badSettings = errors;
    this.panels = this.#list('panels', ALL_PANELS);
    this.controls = this.#list('controls', ALL_CONTROLS);
    this.log = [];
    this.stats = {};
    this.state = 'loading';
    this.#layout();
    this.#wire();
    this.#translate();
    this.#startWorker();
  }

  disconnectedCallback() {
    this.worker?.terminate();
    this.worker = null;
    this.#stopReference();
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'lang' && this.shadowRoot && (value === 'en' || value === 'zh')) {
      this.language = value;
      this.#translate();
    }
  }

  // --- public API for pages that drive the element from JS ---------------------------------------
  step() { this.run(1); }
  run(n = this.config.steps) {
    if (this.state !== 'ready') return;
    this.inside = null;
    this.#setState('training');
    this.worker.postMessage({ type: 'run', steps: n });
  }
  pause() { this.worker?.postMessage({ type: 'pause' }); }
  /** One phase of a step (forward, loss, gradient, update) per call; the step ends after update. */
  stepThrough() {
    if (this.state !== 'ready' && this.state !== 'inside') return;
    this.#setState('inside');
    this.worker.postMessage({ type: 'phase' });
  }
  /** Checks tape.gradient against finite differences; `perturb` (tests only) scales the gradient. */
  gradcheck(perturb = 1) {
    if (this.state !== 'ready') return;
    this.worker.postMessage({ type: 'gradcheck', perturb });
  }
  reset(config = this.config) {
    if (this.state === 'loading' || this.state === 'failed') return;
    this.config = config;
    if (this.log.length) this.previous = this.log.map((r) => r.loss); // drawn beside the next run
    this.log = [];
    this.stats = {};
    this.coached = false;
    this.inside = null;
    for (const c of Object.values(this.charts)) c.clear();
    this.#reference();
    this.code.show(config);
    this.#setState('resetting');
    this.worker.postMessage({ type: 'reset', config });
  }
  get losses() { return this.log.map((r) => r.loss); }
  /**
   * For settings without a shipped float64 curve: computes it in the page, in its own worker (a
   * full-batch step takes seconds there), step by step behind the run; Reset keeps it on.
   */
  computeReference() {
    this.referenceWanted = true;
    if (this.ref) return;
    this.#stopReference();
    this.ref = { losses: [], inPage: true };
    this.refWorker = moduleWorker(new URL('./reference-worker.mjs', import.meta.url));
    this.refWorker.onmessage = ({ data: m }) => {
      if (m.type === 'error') return this.#message(TEXT[this.language].error(m.message));
      this.ref.losses[m.step - 1] = m.loss;
      this.#lossCurves();
      this.#schedule();
      this.dispatchEvent(new CustomEvent('reference', { detail: m }));
    };
    const dataUrl = this.subset === undefined ? this.dataUrl : null; // the rows the trainer has
    this.refWorker.postMessage({ type: 'start', config: this.config, dataUrl, steps: Math.max(REFERENCE_AHEAD, this.log.length) });
    this.$('.reference-run').hidden = true;
    this.#lossCurves();
  }

  // --- internals ---------------------------------------------------------------------------------
  #list(attr, all) {
    if (!this.hasAttribute(attr)) return new Set(all);
    const items = this.getAttribute(attr).split(',').map((s) => s.trim()).filter(Boolean);
    const bad = items.filter((i) => !all.includes(i));
    if (bad.length) this.badSettings.push({ key: attr, value: bad.join(','), fallback: all.join(',') });
    return new Set(items.filter((i) => all.includes(i)));
  }

  #layout() {
    this.$$('[data-p]').forEach((el) => (el.hidden = !this.panels.has(el.dataset.p)));
    this.$$('[data-c]').forEach((el) => (el.hidden = !this.controls.has(el.dataset.c)));
    const t = () => TEXT[this.language];
    this.charts = {
      loss: new LineChart(this.$('[data-p=loss] .chart'), { label: t().lossChart, series: [{ label: 'loss', color: '#c0392b' },
        { label: t().reference, color: '#222', width: 1, dash: [4, 3] }, { label: t().previous, color: '#9aa5b1', width: 1.5 },
        { label: t().tutorial, color: '#d68910', width: 1.5, dash: [2, 3] }] }),
      accuracy: new LineChart(this.$('[data-p=accuracy] .chart'), { label: t().accuracyChart(), yRange: [0, 1], series: [{ label: 'accuracy', color: '#1e8c3c' }] }),
      speed: new LineChart(this.$('[data-p=speed] .chart'), { label: t().speedChart, series: [{ label: 'ms/step', color: '#2c6fbb' }, { label: 'GFLOP/s', color: '#8e44ad', scale: 'y2' }] }),
    };
    this.code = new CodePanel(this.$('pre.py'), this.$('pre.js'));
    this.code.show(this.config);
    this.$('.run input').value = this.config.steps;
  }

  #wire() {
    this.$('[data-c=step]').addEventListener('click', () => this.step());
    this.$('.run button').addEventListener('click', () => {
      const n = Number(this.$('.run input').value);
      if (!Number.isInteger(n) || n < 1 || n > 100000) return this.#message(TEXT[this.language].badParam('steps', this.$('.run input').value, this.config.steps));
      // an epoch is one pass over the training images (60000, or the subset's 2000)
      const rows = this.rows ?? 60000;
      const perEpoch = this.config.batch === 'full' ? 1 : Math.max(1, Math.floor(rows / this.config.batch));
      this.run(this.$('.run select').value === 'epochs' ? n * perEpoch : n);
    });
    this.$('[data-c=pause]').addEventListener('click', () => this.pause());
    this.$('[data-c=inside]').addEventListener('click', () => this.stepThrough());
    this.$('.gradcheck-run').addEventListener('click', () => this.gradcheck());
    this.$('.reference-run').addEventListener('click', () => this.computeReference());
    this.$('.inspector input.row').addEventListener('change', () => this.opened && this.#open(this.opened));
    this.$('[data-c=reset]').addEventListener('click', () => this.reset());
    this.$('.lang').addEventListener('click', () => this.setAttribute('lang', this.language === 'en' ? 'zh' : 'en'));
    const form = this.$('form.settings');
    for (const [k, v] of Object.entries(this.config)) if (form.elements[k]) form.elements[k].value = String(v);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const { config, errors } = parseSettings([...new FormData(form)].concat([['steps', String(this.config.steps)], ['lang', this.language]]));
      this.#message(errors.map((x) => TEXT[this.language].badParam(x.key, x.value, x.fallback)).join(' '));
      this.reset(config);
      this.dispatchEvent(new CustomEvent('settings', { detail: { config, query: toQuery(config) } }));
    });
    this.$$('[data-x]').forEach((b) => b.addEventListener('click', () => this.#export(b.dataset.x)));
  }

  #translate() {
    const t = TEXT[this.language];
    this.$('.xt').lang = this.language === 'zh' ? 'zh-CN' : 'en';
    this.$$('[data-t]').forEach((el) => (el.textContent = t[el.dataset.t]));
    this.$('.lang').textContent = t.language;
    this.$('[data-c=inside]').textContent = this.inside && !this.inside.done ? t.continue : t.inside;
    this.$('.lang').setAttribute('aria-label', t.languageLabel);
    this.$('.run input').setAttribute('aria-label', t.runLabel);
    this.$('.run select').setAttribute('aria-label', t.runUnit);
    this.$('canvas.weights').setAttribute('aria-label', t.weights);
    if (this.charts) {
      this.charts.loss.setTitle(t.lossChart);
      this.charts.accuracy.setTitle(t.accuracyChart(this.testRows));
      this.charts.speed.setTitle(this.engine ? `${t.speedChart} (${t.engine(...this.engine)})` : t.speedChart);
    }
    if (this.badSettings.length)
      this.#message(this.badSettings.map((x) => t.badParam(x.key, x.value, x.fallback)).join(' '));
    this.#renderStats();
    if (this.lastEval) this.#renderEval(this.lastEval);
    this.#status(this.statusArgs);
  }

  #startWorker() {
    this.#reference();
    this.worker = moduleWorker(new URL('./train-worker.mjs', import.meta.url));
    this.worker.onmessage = ({ data }) => this.#onMessage(data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.#fail(e.message || 'the training worker failed to start');
    };
    const attr = this.getAttribute('data-url');
    const dataUrl = attr ? new URL(attr, location.href).href : null; // none: the packaged subset
    this.dataUrl = dataUrl;
    this.t0 = performance.now();
    this.#status(['loading', 0, 0]);
    this.worker.postMessage({ type: 'init', config: this.config, dataUrl });
  }

  #onMessage(m) {
    const t = TEXT[this.language];
    switch (m.type) {
      case 'progress':
        this.$('progress').value = m.total ? m.loaded / m.total : 0;
        this.#status(m.loaded >= m.total ? ['preparing'] : ['loading', (m.loaded / 1e6).toFixed(1), (m.total / 1e6).toFixed(1)]);
        break;
      case 'ready': {
        this.$('progress').hidden = true;
        if (m.env) {
          this.engine = [m.threads, m.env.relaxedSimd];
          this.charts.speed.setTitle(`${t.speedChart} (${t.engine(...this.engine)})`);
        }
        const first = this.state === 'loading';
        if (m.rows) {
          this.rows = m.rows;
          this.testRows = m.testRows;
          this.charts.accuracy.setTitle(t.accuracyChart(m.testRows));
        }
        this.readyMs = first ? performance.now() - this.t0 : this.readyMs;
        this.#setState('ready');
        this.#status(first ? ['ready', (this.readyMs / 1000).toFixed(1)] : ['resetDone']);
        this.dispatchEvent(new CustomEvent('ready', { detail: { ms: this.readyMs } }));
        break;
      }
      case 'phase':
        this.phase = m.phase;
        this.#schedule();
        break;
      case 'inside': // a phase of Step through is done: its tensors can be inspected
        this.phase = m.phase;
        this.inside = m;
        this.code.highlight(m.phase);
        this.$('.inspector .hint').hidden = true;
        renderTensorTable(this.$('table.tensors'), m.tensors, t, (name) => this.#open(name));
        this.$('.inspector .views').replaceChildren();
        this.$('.inspector .scales').textContent = '';
        this.opened = null;
        this.$('[data-c=inside]').textContent = t.continue;
        this.$('.status').textContent = t.insideStatus(t.phases[m.phase]);
        this.dispatchEvent(new CustomEvent('phase', { detail: m }));
        break;
      case 'inspected':
        if (!m.missing) {
          this.$('.row-label').hidden = false;
          renderTensors(this.$('.inspector .views'), this.$('.inspector .scales'), m.tensors, t, Number(this.$('.inspector input.row').value));
          this.dispatchEvent(new CustomEvent('inspected', { detail: m }));
        }
        break;
      case 'gradcheck':
        renderGradcheck(this.$('.gradcheck'), m, t);
        this.dispatchEvent(new CustomEvent('gradcheck', { detail: m }));
        break;
      case 'steps': // the steps of one slice of a run
        for (const step of m.steps) this.#step(step, t);
        this.#advanceReference();
        break;
      case 'step':
        this.#step(m, t);
        this.#advanceReference();
        break;
      case 'eval':
        this.stats.accuracy = m.accuracy;
        if (m.step > 0 || !this.charts.accuracy.points) this.charts.accuracy.push(m.step, m.accuracy);
        this.lastEval = m;
        this.#schedule();
        break;
      case 'weights':
        this.weights = m;
        this.#schedule();
        break;
      case 'paused':
        this.#lossCurves(); // the stats and curves are up to date when the element is ready again
        this.#renderStats();
        this.phase = this.inside?.done ? 'update' : null; // after Step through, the update stays marked
        this.code.highlight(this.phase);
        this.#setState('ready');
        this.#status(['paused', m.step]);
        this.#schedule();
        this.dispatchEvent(new CustomEvent('paused', { detail: m }));
        break;
      case 'diverged': {
        this.#lossCurves();
        this.#renderStats();
        this.phase = null;
        this.#setState('ready');
        const loss = Number.isFinite(m.loss) ? m.loss.toExponential(2) : String(m.loss);
        this.#message(t.diverged(m.step, loss));
        this.#status(['paused', m.step]);
        this.dispatchEvent(new CustomEvent('diverged', { detail: m }));
        break;
      }
      case 'export':
        for (const [name, bytes] of Object.entries(m.files)) download(name, bytes);
        break;
      case 'subset': // training on the packaged subset: say so, and why
        this.subset = m.reason ?? '';
        this.$('.subset').textContent = m.reason ? `${t.subset} ${t.subsetWhy(m.reason)}` : t.subset;
        this.$('.subset').hidden = false;
        break;
      case 'error':
        if (this.state === 'loading') this.#fail(/Fashion-MNIST|dataset/.test(m.message) ? `${t.dataMissing} (${m.message})` : m.message);
        else {
          this.#message(t.error(m.message));
          this.#setState('ready');
        }
        break;
    }
  }

  // One step done: the log, the stats, the coach; drawing waits for the next frame.
  #step(m, t) {
    this.log.push(m);
    if (m.inside) { // Step through ended with the update: its tensors stay inspectable
      if (this.inside) this.inside.done = true;
      this.phase = 'update';
      this.$('[data-c=inside]').textContent = t.inside;
    }
    if (m.dead) this.#coach(m.dead);
    Object.assign(this.stats, { step: m.step, epoch: m.epoch, loss: m.loss, ms: m.inside ? undefined : m.ms, gflops: m.inside ? undefined : m.gflops });
    this.curvesStale = true; // rebuilt once per frame, not per step (a step can take 1 ms)
    if (!m.inside) this.charts.speed.push(m.step, m.ms, m.gflops); // a stepped-through step waited for the reader
    this.statusArgs = ['training', m.step];
    this.#schedule();
    this.dispatchEvent(new CustomEvent('step', { detail: m }));
  }

  // The float64 reference computed in the page keeps REFERENCE_AHEAD steps ahead of the run.
  #advanceReference() {
    this.refWorker?.postMessage({ type: 'target', steps: Math.max(REFERENCE_AHEAD, this.log.length) });
  }

  // Draw at most once per frame, whatever the worker's message rate.
  // While training, at most every TRAINING_FRAME_MS: the page shares the cores with the training
  // worker (and its threads), and drawing every frame took half of a core at batch 128.
  #schedule() {
    if (this.frame) return;
    const wait = this.state === 'training' ? (this.drawnAt ?? 0) + TRAINING_FRAME_MS - performance.now() : 0;
    this.frame = wait > 0 ? setTimeout(() => requestAnimationFrame(() => this.#draw()), wait)
      : requestAnimationFrame(() => this.#draw());
  }
  #draw() {
    this.frame = 0;
    this.drawnAt = performance.now();
    if (this.curvesStale) this.#lossCurves();
    for (const c of Object.values(this.charts)) c.redraw();
    this.#renderStats();
    this.code.highlight(this.phase);
    if (this.lastEval && this.lastEval !== this.drawnEval) {
      this.#renderEval(this.lastEval);
      if (this.weights !== this.drawnWeights) this.#schedule(); // weights in the next frame
    } else if (this.weights && this.weights !== this.drawnWeights && this.panels.has('weights')) {
      drawWeights(this.$('canvas.weights'), this.weights.w, this.weights.hidden, this.dead);
      this.drawnWeights = this.weights;
    }
    if (this.state === 'training' && this.statusArgs) this.#status(this.statusArgs);
  }


  #renderEval(m) {
    const names = CLASS_NAMES[this.language];
    if (this.panels.has('samples')) drawSamples(this.$('.samples'), m.samples, names, TEXT[this.language].mistake);
    if (this.panels.has('confusion')) drawConfusion(this.$('table.confusion'), m.confusion, names);
    this.drawnEval = m;
  }

  // The stats row: rebuilt when its keys or language change, otherwise only the changed values
  // (it is redrawn every frame while training; replacing its HTML each time cost a layout).
  #renderStats() {
    const t = TEXT[this.language].stat, s = this.stats;
    const fmt = { step: (v) => v, epoch: (v) => v, loss: (v) => v.toPrecision(6), accuracy: (v) => `${(v * 100).toFixed(2)}%`, ms: (v) => v.toFixed(1), gflops: (v) => v.toFixed(2), dead: (v) => v, reference: (v) => v.toExponential(1) };
    const keys = Object.keys(fmt).filter((k) => k !== 'reference' || this.ref);
    const layout = `${this.language}:${keys}`;
    const dl = this.$('dl.stats');
    if (dl.dataset.layout !== layout) {
      dl.innerHTML = keys.map((k) => `<div class="stat-${k}"><dt>${t[k]}</dt><dd data-stat="${k}"></dd></div>`).join('');
      dl.dataset.layout = layout;
    }
    for (const dd of dl.querySelectorAll('dd')) {
      const k = dd.dataset.stat, text = s[k] === undefined ? '–' : String(fmt[k](s[k]));
      if (dd.textContent !== text) dd.textContent = text;
    }
  }

  // The loss chart: this run; the float64 reference of the same recipe from the same start
  // (shipped for the default settings, or computed in the page on request); the previous run of
  // this page (before Reset); the losses the tutorial printed (its own random start).
  #lossCurves() {
    const losses = this.log.map((r) => r.loss), ref = this.ref?.losses ?? [], prev = this.previous ?? [];
    const tut = this.tutorial ?? [];
    const ahead = (a) => Math.min(a.length, Math.max(losses.length, 1) + 10);
    const n = Math.max(losses.length, prev.length, ahead(ref), ahead(tut));
    const at = (a, i) => (i < a.length && Number.isFinite(a[i]) ? a[i] : null);
    const xs = Array.from({ length: n }, (_, i) => i + 1);
    this.curvesStale = false;
    this.charts.loss.set([xs, xs.map((_, i) => at(losses, i)), xs.map((_, i) => at(ref, i)), xs.map((_, i) => at(prev, i)), xs.map((_, i) => at(tut, i))]);
    if (!this.ref) return;
    let worst = 0, compared = 0;
    losses.forEach((l, i) => {
      if (i >= ref.length) return;
      worst = Math.max(worst, Math.abs(l - ref[i]) / ref[i]);
      compared++;
    });
    this.refDiff = compared ? worst : undefined;
    this.stats.reference = compared ? worst : undefined;
    const t = TEXT[this.language];
    this.$('.reference-note').textContent = this.ref.inPage ? t.referenceInPage(ref.length, compared) : '';
  }

  // The curves beside this run's: the shipped float64 reference applies to the default recipe
  // only (web/reference/default.json); other settings offer to compute one in the page. The
  // tutorial's printed losses apply to its recipe (full batch, lr 0.01, MSE, 128 hidden units).
  async #reference() {
    this.ref = null;
    this.refDiff = undefined;
    this.tutorial = null;
    this.#stopReference();
    delete this.stats.reference;
    this.$('.reference-note').textContent = '';
    const load = (name) => fetch(new URL(`./reference/${name}.json`, import.meta.url)).then((r) => r.json()).catch(() => null);
    const files = (this.constructor.referenceFiles ??= Promise.all([load('default'), load('tutorial')]));
    const [want, tutorial] = await files;
    const c = this.config, fits = (f) => f && Object.entries(f.settings).every(([k, v]) => String(c[k]) === String(v));
    if (fits(want)) this.ref = want;
    if (fits(tutorial) && tutorial.updates.includes(c.update)) this.tutorial = tutorial.losses;
    this.$('.reference-run').hidden = !!this.ref;
    if (!this.ref && this.referenceWanted) this.computeReference();
    this.#lossCurves();
    this.#schedule();
  }

  #stopReference() {
    this.refWorker?.terminate();
    this.refWorker = null;
  }

  // Dead-ReLU coach: grey the dead units out in the weights panel, and explain past a threshold.
  #coach(dead) {
    const t = TEXT[this.language];
    this.dead = dead;
    const h = this.config.hidden, share = (100 * dead.length) / h;
    this.stats.dead = `${dead.length} / ${h}`;
    if (share >= 25 && !this.coached) {
      this.coached = true;
      this.#message(t.dead(dead.length, h, share.toFixed(0)));
      this.dispatchEvent(new CustomEvent('coach', { detail: { dead: dead.length, hidden: h } }));
    }
  }

  #open(name) {
    this.opened = name;
    this.worker.postMessage({ type: 'inspect', name });
  }

  #setState(state) {
    this.state = state;
    const busy = state !== 'ready';
    this.$('[data-c=step]').disabled = busy;
    this.$('[data-c=inside]').disabled = busy && state !== 'inside';
    this.$('.gradcheck-run').disabled = busy;
    this.$('.run button').disabled = busy;
    this.$('[data-c=reset]').disabled = state === 'loading' || state === 'failed' || state === 'resetting';
    this.$('[data-c=pause]').disabled = state !== 'training';
    this.$$('[data-x]').forEach((b) => (b.disabled = busy || (b.dataset.x !== 'py' && !this.log.length && b.dataset.x === 'csv')));
    this.$('form.settings button').disabled = state === 'loading' || state === 'failed';
  }

  #status(args) {
    if (!args) return;
    this.statusArgs = args;
    const [key, ...rest] = args;
    const v = TEXT[this.language][key];
    this.$('.status').textContent = typeof v === 'function' ? v(...rest) : v;
  }

  #message(text) {
    const el = this.$('.message');
    el.textContent = text;
    el.hidden = !text;
  }

  #fail(text) {
    this.#setState('failed');
    this.$('progress').hidden = true;
    this.#message(text);
    this.$('.status').textContent = '';
  }

  #export(kind) {
    if (kind === 'npy') this.worker.postMessage({ type: 'export' });
    else if (kind === 'csv') download('xtape_loss.csv', lossCsv(this.log), 'text/csv');
    else download('continue_training.py', tf2Script(this.config, this.stats.step ?? 0), 'text/x-python');
  }
}

customElements.define('xtape-trainer', XtapeTrainer);
