// A live line chart (uPlot), shared by <xtape-trainer> and <xtape-python>. Updates are batched
// to one per animation frame by the caller.
import uPlot from '../../build/vendor/uplot/uPlot.esm.js'; // copied by scripts/assets.mjs

// A value axis as wide as its longest tick label ("200,000" is cut to "0,000" at uPlot's 50 px).
const fit = (_u, values) =>
  Math.max(40, 16 + 7 * Math.max(0, ...(values ?? []).map((v) => String(v).length)));

/**
 * A live line chart. uPlot: small (~50 KB), fast on thousands of points, MIT, actively kept;
 * enough for "a value per step" without Chart.js's weight or a canvas plot of our own.
 */
export class LineChart {
  constructor(el, { series, yRange, y2Range, label }) {
    this.el = el;
    this.data = [[], ...series.map(() => [])];
    const width = Math.max(240, el.clientWidth || 320);
    this.plot = new uPlot(
      {
        width,
        height: 180,
        title: label,
        scales: {
          x: { time: false },
          y: yRange ? { range: yRange } : {},
          y2: y2Range ? { range: y2Range } : {},
        },
        axes: [
          { label: 'step' },
          { scale: 'y', size: fit },
          ...(series.some((s) => s.scale === 'y2')
            ? [{ scale: 'y2', side: 1, grid: { show: false }, size: fit }]
            : []),
        ],
        series: [
          { label: 'step' },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: s.width ?? 2,
            dash: s.dash,
            scale: s.scale ?? 'y',
            spanGaps: !!s.spanGaps, // a series with a value only now and then (per epoch)
            points: { show: !!s.spanGaps },
          })),
        ],
        legend: { live: false },
      },
      this.data,
      el,
    );
    new ResizeObserver(() =>
      this.plot.setSize({ width: Math.max(240, el.clientWidth), height: 180 }),
    ).observe(el);
  }
  push(x, ...ys) {
    this.data[0].push(x);
    ys.forEach((y, i) => this.data[i + 1].push(y));
    this.dirty = true;
  }
  clear() {
    this.data.forEach((a) => (a.length = 0));
    this.dirty = true;
    this.redraw();
  }
  /** Replaces every series at once: data = [xs, ys0, ys1, ...] (null where a series has no point). */
  set(data) {
    this.data = data;
    this.dirty = true;
  }
  /** Draws what changed since the last call (the caller calls it once per animation frame). */
  redraw() {
    if (!this.dirty) return;
    this.dirty = false;
    this.plot.setData(this.data);
  }
  setTitle(label) {
    const t = this.el.querySelector('.u-title');
    if (t) t.textContent = label;
  }
  get points() {
    return this.data[0].length;
  }
}
