// What the page draws: uPlot line charts, the test-image grid, the confusion matrix and the
// first-layer weights. Updates are batched to one per animation frame by the caller.
import uPlot from '../node_modules/uplot/dist/uPlot.esm.js';

/**
 * A live line chart. uPlot: small (~50 KB), fast on thousands of points, MIT, actively kept;
 * enough for "a value per step" without Chart.js's weight or a canvas plot of our own.
 */
export class LineChart {
  constructor(el, { series, yRange, label }) {
    this.el = el;
    this.data = [[], ...series.map(() => [])];
    const width = Math.max(240, el.clientWidth || 320);
    this.plot = new uPlot({
      width, height: 180,
      title: label,
      scales: { x: { time: false }, y: yRange ? { range: yRange } : {}, y2: {} },
      axes: [{ label: 'step' }, { scale: 'y' }, ...(series.some((s) => s.scale === 'y2') ? [{ scale: 'y2', side: 1, grid: { show: false } }] : [])],
      series: [{ label: 'step' }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, scale: s.scale ?? 'y', points: { show: false } }))],
      legend: { live: false },
    }, this.data, el);
    new ResizeObserver(() => this.plot.setSize({ width: Math.max(240, el.clientWidth), height: 180 })).observe(el);
  }
  push(x, ...ys) {
    this.data[0].push(x);
    ys.forEach((y, i) => this.data[i + 1].push(y));
  }
  clear() { this.data.forEach((a) => (a.length = 0)); this.redraw(); }
  redraw() { this.plot.setData(this.data); }
  setTitle(label) { const t = this.el.querySelector('.u-title'); if (t) t.textContent = label; }
  get points() { return this.data[0].length; }
}

/** Test images with predicted (true) labels; mistakes marked. */
export function drawSamples(container, { images, labels, preds }, names, mistakeText) {
  container.replaceChildren();
  for (let i = 0; i < labels.length; i++) {
    const fig = document.createElement('figure');
    const c = document.createElement('canvas');
    c.width = c.height = 28;
    const ctx = c.getContext('2d');
    const img = ctx.createImageData(28, 28);
    for (let p = 0; p < 784; p++) {
      const v = 255 - images[i * 784 + p];
      img.data.set([v, v, v, 255], p * 4);
    }
    ctx.putImageData(img, 0, 0);
    const ok = preds[i] === labels[i];
    fig.className = ok ? 'ok' : 'wrong';
    const cap = document.createElement('figcaption');
    cap.textContent = `${names[preds[i]]} (${names[labels[i]]})`;
    c.setAttribute('role', 'img');
    c.setAttribute('aria-label', ok ? cap.textContent : `${cap.textContent}, ${mistakeText}`);
    if (!ok) cap.textContent = `✗ ${cap.textContent}`;
    fig.append(c, cap);
    container.append(fig);
  }
}

/** A 10x10 table; cell shade grows with the count. */
export function drawConfusion(table, confusion, names) {
  const max = Math.max(1, ...confusion);
  const rows = [`<tr><th></th>${names.map((n) => `<th scope="col" title="${n}">${n.slice(0, 4)}</th>`).join('')}</tr>`];
  for (let t = 0; t < 10; t++) {
    const cells = [];
    for (let p = 0; p < 10; p++) {
      const v = confusion[t * 10 + p];
      const a = (v / max).toFixed(3);
      const bg = t === p ? `rgba(30,140,60,${a})` : `rgba(200,40,40,${a})`;
      cells.push(`<td style="background:${bg};color:${v / max > 0.5 ? '#fff' : 'inherit'}">${v}</td>`);
    }
    rows.push(`<tr><th scope="row" title="${names[t]}">${names[t]}</th>${cells.join('')}</tr>`);
  }
  table.innerHTML = rows.join('');
}

/** w [784, hidden] row-major: column j is hidden unit j's 28x28 filter. */
export function drawWeights(canvas, w, hidden) {
  const shown = Math.min(hidden, 128);
  const cols = 16, rows = Math.ceil(shown / cols), cell = 29;
  canvas.width = cols * cell;
  canvas.height = rows * cell;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(canvas.width, canvas.height);
  img.data.fill(255);
  for (let j = 0; j < shown; j++) {
    let m = 1e-8;
    for (let p = 0; p < 784; p++) m = Math.max(m, Math.abs(w[p * hidden + j]));
    const ox = (j % cols) * cell, oy = Math.floor(j / cols) * cell;
    for (let p = 0; p < 784; p++) {
      const v = w[p * hidden + j] / m;
      const o = ((oy + Math.floor(p / 28)) * canvas.width + ox + (p % 28)) * 4;
      const s = Math.round(255 * (1 - Math.abs(v)));
      img.data[o] = v > 0 ? 255 : s;
      img.data[o + 1] = s;
      img.data[o + 2] = v < 0 ? 255 : s;
    }
  }
  ctx.putImageData(img, 0, 0);
}
