// What the page draws: uPlot line charts, the test-image grid, the confusion matrix and the
// first-layer weights. Updates are batched to one per animation frame by the caller.
import uPlot from '../build/vendor/uplot/uPlot.esm.js'; // copied by scripts/assets.mjs

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
      series: [{ label: 'step' }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: s.width ?? 2, dash: s.dash, scale: s.scale ?? 'y', points: { show: false } }))],
      legend: { live: false },
    }, this.data, el);
    new ResizeObserver(() => this.plot.setSize({ width: Math.max(240, el.clientWidth), height: 180 })).observe(el);
  }
  push(x, ...ys) {
    this.data[0].push(x);
    ys.forEach((y, i) => this.data[i + 1].push(y));
    this.dirty = true;
  }
  clear() { this.data.forEach((a) => (a.length = 0)); this.dirty = true; this.redraw(); }
  /** Replaces every series at once: data = [xs, ys0, ys1, ...] (null where a series has no point). */
  set(data) { this.data = data; this.dirty = true; }
  /** Draws what changed since the last call (the caller calls it once per animation frame). */
  redraw() {
    if (!this.dirty) return;
    this.dirty = false;
    this.plot.setData(this.data);
  }
  setTitle(label) { const t = this.el.querySelector('.u-title'); if (t) t.textContent = label; }
  get points() { return this.data[0].length; }
}

/** Test images with predicted (true) labels; mistakes marked. Figures are made once, then reused. */
export function drawSamples(container, { images, labels, preds }, names, mistakeText) {
  while (container.children.length < labels.length) {
    const fig = document.createElement('figure');
    const c = Object.assign(document.createElement('canvas'), { width: 28, height: 28 });
    c.setAttribute('role', 'img');
    fig.append(c, document.createElement('figcaption'));
    container.append(fig);
  }
  for (let i = 0; i < labels.length; i++) {
    const fig = container.children[i];
    const [c, cap] = fig.children;
    if (c.dataset.drawn !== '1') { // the images never change, only the predictions
      const ctx = c.getContext('2d');
      const img = ctx.createImageData(28, 28);
      const px = new Uint32Array(img.data.buffer);
      for (let p = 0; p < 784; p++) {
        const v = 255 - images[i * 784 + p];
        px[p] = 0xff000000 | (v << 16) | (v << 8) | v;
      }
      ctx.putImageData(img, 0, 0);
      c.dataset.drawn = '1';
    }
    const ok = preds[i] === labels[i];
    const text = `${names[preds[i]]} (${names[labels[i]]})`;
    fig.className = ok ? 'ok' : 'wrong';
    cap.textContent = ok ? text : `✗ ${text}`;
    c.setAttribute('aria-label', ok ? text : `${text}, ${mistakeText}`);
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
export function drawWeights(canvas, w, hidden, dead = []) {
  const isDead = new Uint8Array(hidden);
  for (const j of dead) isDead[j] = 1; // dead ReLU units: greyed out
  const shown = Math.min(hidden, 128);
  const cols = 16, rows = Math.ceil(shown / cols), cell = 29;
  if (canvas.width !== cols * cell || canvas.height !== rows * cell) {
    canvas.width = cols * cell;
    canvas.height = rows * cell;
  }
  const scale = new Float32Array(shown).fill(1e-8); // per-unit max |w|, one row-major pass
  for (let p = 0; p < 784; p++)
    for (let j = 0; j < shown; j++) scale[j] = Math.max(scale[j], Math.abs(w[p * hidden + j]));
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(canvas.width, canvas.height);
  const px = new Uint32Array(img.data.buffer).fill(0xffffffff);
  for (let p = 0; p < 784; p++) {
    const y = Math.floor(p / 28), x = p % 28;
    for (let j = 0; j < shown; j++) {
      const v = w[p * hidden + j] / scale[j];
      const s = Math.round(255 * (1 - Math.abs(v)));
      let r = v > 0 ? 255 : s, g = s, b = v < 0 ? 255 : s; // red +, blue -
      if (isDead[j]) r = g = b = 170 + Math.round(s / 4); // grey
      px[(Math.floor(j / cols) * cell + y) * canvas.width + (j % cols) * cell + x] = 0xff000000 | (b << 16) | (g << 8) | r;
    }
  }
  ctx.putImageData(img, 0, 0);
}
