// What <xtape-trainer> shows: its template, and every write to its DOM (stats, charts, samples,
// the confusion matrix, weights, status and messages, the buttons' states, the language). The
// element (../xtape-trainer.mjs) decides what to show and when; this draws it.
import { TEXT, CLASS_NAMES } from './i18n.mjs';
import { formFields } from './settings.mjs';
import { LineChart } from '../shared/chart.mjs';
import { drawSamples, drawConfusion, drawWeights } from './drawings.mjs';
import { CodePanel } from './code-panel.mjs';
import { renderTensorTable, renderTensors, renderGradcheck } from './inspector.mjs';

export const PANELS = [
  'stats',
  'loss',
  'accuracy',
  'speed',
  'samples',
  'confusion',
  'weights',
  'code',
  'inspector',
  'gradcheck',
  'export',
];
export const CONTROLS = ['step', 'inside', 'run', 'pause', 'reset', 'settings', 'lang'];

const TEMPLATE = `
<link rel="stylesheet" href="${new URL('../../build/vendor/uplot/uPlot.min.css', import.meta.url)}">
<link rel="stylesheet" href="${new URL('./trainer.css', import.meta.url)}">
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
    ${formFields()}
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

const STAT_FORMAT = {
  step: (v) => v,
  epoch: (v) => v,
  loss: (v) => v.toPrecision(6),
  accuracy: (v) => `${(v * 100).toFixed(2)}%`,
  ms: (v) => v.toFixed(1),
  gflops: (v) => v.toFixed(2),
  dead: (v) => v,
  reference: (v) => v.toExponential(1),
};

export class TrainerView {
  /** root: the element's shadow root; panels, controls: Sets of the names shown. */
  constructor(root, { panels, controls, language, config }) {
    root.innerHTML = TEMPLATE;
    this.$ = (s) => root.querySelector(s);
    this.$$ = (s) => [...root.querySelectorAll(s)];
    this.panels = panels;
    this.language = language;
    this.$$('[data-p]').forEach((el) => (el.hidden = !panels.has(el.dataset.p)));
    this.$$('[data-c]').forEach((el) => (el.hidden = !controls.has(el.dataset.c)));
    const t = this.t;
    this.charts = {
      loss: new LineChart(this.$('[data-p=loss] .chart'), {
        label: t.lossChart,
        series: [
          { label: 'loss', color: '#c0392b' },
          { label: t.reference, color: '#222', width: 1, dash: [4, 3] },
          { label: t.previous, color: '#9aa5b1', width: 1.5 },
          { label: t.tutorial, color: '#d68910', width: 1.5, dash: [2, 3] },
        ],
      }),
      accuracy: new LineChart(this.$('[data-p=accuracy] .chart'), {
        label: t.accuracyChart(),
        yRange: [0, 1],
        series: [{ label: 'accuracy', color: '#1e8c3c' }],
      }),
      speed: new LineChart(this.$('[data-p=speed] .chart'), {
        label: t.speedChart,
        series: [
          { label: 'ms/step', color: '#2c6fbb' },
          { label: 'GFLOP/s', color: '#8e44ad', scale: 'y2' },
        ],
      }),
    };
    this.code = new CodePanel(this.$('pre.py'), this.$('pre.js'));
    this.showConfig(config);
  }

  get t() {
    return TEXT[this.language];
  }

  /** The code panel, the Run box and the settings form show `config`. */
  showConfig(config) {
    this.code.show(config);
    this.$('.run input').value = config.steps;
    const form = this.$('form.settings');
    for (const [k, v] of Object.entries(config))
      if (form.elements[k]) form.elements[k].value = String(v);
  }

  /** Every text in `language`; engine: [threads, relaxedSimd] once known; testRows likewise. */
  translate(language, { engine, testRows, insideOpen }) {
    this.language = language;
    const t = this.t;
    this.$('.xt').lang = language === 'zh' ? 'zh-CN' : 'en';
    this.$$('[data-t]').forEach((el) => (el.textContent = t[el.dataset.t]));
    this.$('.lang').textContent = t.language;
    this.$('[data-c=inside]').textContent = insideOpen ? t.continue : t.inside;
    this.$('.lang').setAttribute('aria-label', t.languageLabel);
    this.$('.run input').setAttribute('aria-label', t.runLabel);
    this.$('.run select').setAttribute('aria-label', t.runUnit);
    this.$('canvas.weights').setAttribute('aria-label', t.weights);
    this.chartTitles({ engine, testRows });
  }

  /** The charts' titles, with the build (engine: [threads, relaxedSimd]) and test rows once known. */
  chartTitles({ engine, testRows }) {
    const t = this.t;
    this.charts.loss.setTitle(t.lossChart);
    this.charts.accuracy.setTitle(t.accuracyChart(testRows));
    this.charts.speed.setTitle(engine ? `${t.speedChart} (${t.engine(...engine)})` : t.speedChart);
  }

  /** The buttons that the element's state allows. */
  setState(state, hasLog) {
    const busy = state !== 'ready';
    this.$('[data-c=step]').disabled = busy;
    this.$('[data-c=inside]').disabled = busy && state !== 'inside';
    this.$('.gradcheck-run').disabled = busy;
    this.$('.run button').disabled = busy;
    this.$('[data-c=reset]').disabled =
      state === 'loading' || state === 'failed' || state === 'resetting';
    this.$('[data-c=pause]').disabled = state !== 'training';
    this.$$('[data-x]').forEach((b) => (b.disabled = busy || (b.dataset.x === 'csv' && !hasLog)));
    this.$('form.settings button').disabled = state === 'loading' || state === 'failed';
  }

  /** args: [key of TEXT, ...its arguments]. */
  status(args) {
    if (!args) return;
    const [key, ...rest] = args;
    const v = this.t[key];
    this.$('.status').textContent = typeof v === 'function' ? v(...rest) : v;
  }

  statusText(text) {
    this.$('.status').textContent = text;
  }

  message(text) {
    const el = this.$('.message');
    el.textContent = text;
    el.hidden = !text;
  }

  /** Bad settings as one message: [{key, value, fallback}]. */
  badSettings(errors) {
    this.message(
      errors.map((x) => this.t.badParam(x.key, x.value, x.fallback ?? this.t.theDefault)).join(' '),
    );
  }

  fail(text) {
    this.$('progress').hidden = true;
    this.message(text);
    this.statusText('');
  }

  progress(fraction) {
    this.$('progress').value = fraction;
  }

  loaded() {
    this.$('progress').hidden = true;
  }

  loading() {
    this.$('progress').value = 0;
    this.$('progress').hidden = false;
  }

  subset(reason) {
    const t = this.t;
    this.$('.subset').textContent = reason ? `${t.subset} ${t.subsetWhy(reason)}` : t.subset;
    this.$('.subset').hidden = false;
  }

  /** The stats row: rebuilt when its keys or language change, else only the changed values. */
  renderStats(stats, withReference) {
    const t = this.t.stat;
    const keys = Object.keys(STAT_FORMAT).filter((k) => k !== 'reference' || withReference);
    const layout = `${this.language}:${keys}`;
    const dl = this.$('dl.stats');
    if (dl.dataset.layout !== layout) {
      dl.innerHTML = keys
        .map((k) => `<div class="stat-${k}"><dt>${t[k]}</dt><dd data-stat="${k}"></dd></div>`)
        .join('');
      dl.dataset.layout = layout;
    }
    for (const dd of dl.querySelectorAll('dd')) {
      const k = dd.dataset.stat,
        text = stats[k] === undefined ? '–' : String(STAT_FORMAT[k](stats[k]));
      if (dd.textContent !== text) dd.textContent = text;
    }
  }

  /** The test images with their predictions, and the confusion matrix. */
  renderEval(m) {
    const names = CLASS_NAMES[this.language];
    if (this.panels.has('samples'))
      drawSamples(this.$('.samples'), m.samples, names, this.t.mistake);
    if (this.panels.has('confusion')) drawConfusion(this.$('table.confusion'), m.confusion, names);
  }

  renderWeights(weights, dead) {
    if (this.panels.has('weights'))
      drawWeights(this.$('canvas.weights'), weights.w, weights.hidden, dead);
  }

  /** The loss chart's four curves (this run, reference, previous run, tutorial), step by step. */
  lossCurves(losses, ref, prev, tut, referenceNote) {
    const ahead = (a) => Math.min(a.length, Math.max(losses.length, 1) + 10);
    const n = Math.max(losses.length, prev.length, ahead(ref), ahead(tut));
    const at = (a, i) => (i < a.length && Number.isFinite(a[i]) ? a[i] : null);
    const xs = Array.from({ length: n }, (_, i) => i + 1);
    this.charts.loss.set([xs, ...[losses, ref, prev, tut].map((a) => xs.map((_, i) => at(a, i)))]);
    this.$('.reference-note').textContent = referenceNote;
  }

  /** The reference button: offered where no float64 curve is shown. */
  offerReference(on) {
    this.$('.reference-run').hidden = !on;
  }

  redrawCharts() {
    for (const c of Object.values(this.charts)) c.redraw();
  }

  clearCharts() {
    for (const c of Object.values(this.charts)) c.clear();
  }

  /** A phase of Step through is done: its tensors' summaries, each opened by onOpen(name). */
  showPhase(m, onOpen) {
    const t = this.t;
    this.code.highlight(m.phase);
    this.$('.inspector .hint').hidden = true;
    renderTensorTable(this.$('table.tensors'), m.tensors, t, onOpen);
    this.$('.inspector .views').replaceChildren();
    this.$('.inspector .scales').textContent = '';
    this.insideButton(true);
    this.statusText(t.insideStatus(t.phases[m.phase]));
  }

  /** The values of the opened tensors (a weight, its gradient and its update side by side). */
  showInspected(m) {
    this.$('.row-label').hidden = false;
    renderTensors(
      this.$('.inspector .views'),
      this.$('.inspector .scales'),
      m.tensors,
      this.t,
      this.inspectorRow(),
    );
  }

  showGradcheck(m) {
    renderGradcheck(this.$('.gradcheck'), m, this.t);
  }

  insideButton(open) {
    this.$('[data-c=inside]').textContent = open ? this.t.continue : this.t.inside;
  }

  /** The value typed in the Run box and its unit ('steps' or 'epochs'). */
  runRequest() {
    return { text: this.$('.run input').value, unit: this.$('.run select').value };
  }

  /** The settings form's entries, as [name, string] pairs. */
  formEntries() {
    return [...new FormData(this.$('form.settings'))];
  }

  inspectorRow() {
    return Number(this.$('.inspector input.row').value);
  }

  /** Wires the controls to the element's handlers. */
  wire(on) {
    const click = (sel, f) => this.$(sel).addEventListener('click', f);
    click('[data-c=step]', on.step);
    click('.run button', on.run);
    click('[data-c=pause]', on.pause);
    click('[data-c=inside]', on.inside);
    click('.gradcheck-run', on.gradcheck);
    click('.reference-run', on.reference);
    click('[data-c=reset]', on.reset);
    click('.lang', on.lang);
    this.$('.inspector input.row').addEventListener('change', on.row);
    this.$('form.settings').addEventListener('submit', (e) => {
      e.preventDefault();
      on.settings();
    });
    this.$$('[data-x]').forEach((b) => b.addEventListener('click', () => on.export(b.dataset.x)));
  }
}
