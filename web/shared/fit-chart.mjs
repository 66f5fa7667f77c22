// Keras fit's live chart (the events js/python.mjs's onFit gives): loss and each metric per step
// (Keras's running means, as its progress line shows them) and, dashed, the validation values at
// each epoch's end; the trainer's chart look (shared/chart.mjs), its colours for loss and accuracy.
import { LineChart } from './chart.mjs';

const COLORS = { loss: '#c0392b', accuracy: '#1e8c3c' };
const PALETTE = ['#2c6fbb', '#8e44ad', '#d68910', '#16a085', '#7f8c8d'];
const TITLE = {
  en: 'fit: loss and metrics per step (dashed: validation, per epoch)',
  zh: 'fit：每步的损失与指标（虚线：每轮的验证集）',
};
// Metrics in [0, 1] share the right axis with accuracy; the rest (losses, errors) the left one.
const unitScale = (name) => /acc|auc|precision|recall/.test(name);

export class FitChart {
  constructor(el, lang = 'en') {
    this.el = el;
    this.lang = TITLE[lang] ? lang : 'en';
    this.clear();
  }
  clear() {
    this.rows = []; // [x, ...values]: one per step shown, val_* at epochs' ends
    this.names = null;
    this.steps = 1;
    if (this.chart) this.chart.clear();
  }
  /** One event of onFit. */
  event(e) {
    if (e.event === 'begin') {
      this.steps = Math.max(1, e.steps ?? 1);
      return;
    }
    const logs = e.logs ?? {};
    const x = e.event === 'batch' ? e.epoch * this.steps + e.step + 1 : (e.epoch + 1) * this.steps;
    if (!this.names) this.#make(Object.keys(logs).filter((k) => !k.startsWith('val_')));
    const values = this.series.map((s) => (Number.isFinite(logs[s.key]) ? logs[s.key] : null));
    const last = this.rows.at(-1);
    if (last && last[0] === x)
      values.forEach((v, i) => {
        if (v !== null) last[i + 1] = v;
      });
    else this.rows.push([x, ...values]);
    this.chart.set([0, ...this.series.map((_, i) => i + 1)].map((c) => this.rows.map((r) => r[c])));
  }
  #make(names) {
    this.names = ['loss', ...names.filter((n) => n !== 'loss').sort()];
    this.series = [];
    this.names.forEach((n, i) => {
      const color = COLORS[n] ?? PALETTE[i % PALETTE.length];
      const scale = unitScale(n) ? 'y2' : 'y';
      this.series.push({ key: n, label: n, color, scale });
      this.series.push({
        key: `val_${n}`,
        label: `val_${n}`,
        color,
        scale,
        dash: [6, 4],
        spanGaps: true,
      });
    });
    this.el.hidden = false;
    this.chart ??= new LineChart(this.el, {
      label: TITLE[this.lang],
      series: this.series,
      y2Range: [0, 1],
    });
  }
  get points() {
    return this.rows.length;
  }
  get dirty() {
    return this.chart?.dirty;
  }
  redraw() {
    this.chart?.redraw();
  }
}
