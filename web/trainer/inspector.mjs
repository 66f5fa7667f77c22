// Looking inside a step: the tensor table of the phase just run (statistics computed in the core),
// one opened tensor (histogram, heatmap, 28x28 images where that is what it is, the values of one
// row, a gradient beside its weight on the same scale), and the gradient-check table.

const fmt = (v) =>
  v === 0 ? '0' : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(4);
const pct = (n, d) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;

/** The table of the phase's tensors; rows are buttons that open a tensor. */
export function renderTensorTable(table, tensors, t, onOpen) {
  const head = `<thead><tr>${[t.name, t.shape, 'dtype', 'min', 'max', t.mean, 'std', t.zeros, 'NaN/Inf'].map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>`;
  table.innerHTML = head;
  const body = document.createElement('tbody');
  for (const s of tensors) {
    const tr = document.createElement('tr');
    const name = document.createElement('th');
    name.scope = 'row';
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'open';
    b.textContent = s.name;
    b.addEventListener('click', () => onOpen(s.name));
    name.append(b);
    tr.append(name);
    for (const v of [
      `[${s.shape}]`,
      s.dtype,
      fmt(s.min),
      fmt(s.max),
      fmt(s.mean),
      fmt(s.std),
      pct(s.zeros, s.count),
      pct(s.nonfinite, s.count),
    ]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
}

function histogram(canvas, values, lo, hi) {
  const bins = 40,
    counts = new Array(bins).fill(0);
  const w = hi > lo ? (hi - lo) / bins : 1;
  for (const v of values)
    if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / w)))]++;
  canvas.width = 320;
  canvas.height = 90;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 320, 90);
  const max = Math.max(1, ...counts);
  ctx.fillStyle = '#2a6ebb';
  counts.forEach((c, i) => ctx.fillRect(i * 8, 90 - (80 * c) / max, 7, (80 * c) / max));
}

// A 2-D tensor as a heatmap (red +, blue -, white 0), at most 256 x 256 cells (strided).
function heatmap(canvas, values, [rows, cols], scale) {
  const h = Math.min(rows, 256),
    w = Math.min(cols, 256);
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(w, h);
  const px = new Uint32Array(img.data.buffer);
  for (let r = 0; r < h; r++) {
    const rr = Math.floor((r * rows) / h);
    for (let c = 0; c < w; c++) {
      const v = values[rr * cols + Math.floor((c * cols) / w)] / scale;
      const s = Math.round(255 * (1 - Math.min(1, Math.abs(v))));
      px[r * w + c] = 0xff000000 | ((v < 0 ? 255 : s) << 16) | (s << 8) | (v > 0 ? 255 : s);
    }
  }
  ctx.putImageData(img, 0, 0);
}

// 28x28 images: the first 16 rows of x [N, 784], or the first 16 columns of w1 or its gradient
// [784, H]; each image scaled by `scale` (the same for a weight and its gradient's pair view).
function images(canvas, values, [rows, cols], byColumn, scale, signed) {
  const n = Math.min(16, byColumn ? cols : rows),
    cell = 29;
  canvas.width = 8 * cell;
  canvas.height = Math.ceil(n / 8) * cell;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(canvas.width, canvas.height);
  const px = new Uint32Array(img.data.buffer).fill(0xffffffff);
  for (let k = 0; k < n; k++)
    for (let p = 0; p < 784; p++) {
      const v = (byColumn ? values[p * cols + k] : values[k * cols + p]) / scale;
      const s = Math.round(255 * (1 - Math.min(1, Math.abs(v))));
      const color = signed
        ? 0xff000000 | ((v < 0 ? 255 : s) << 16) | (s << 8) | (v > 0 ? 255 : s)
        : 0xff000000 | (s << 16) | (s << 8) | s;
      px[
        (Math.floor(k / 8) * cell + Math.floor(p / 28)) * canvas.width + (k % 8) * cell + (p % 28)
      ] = color;
    }
  ctx.putImageData(img, 0, 0);
}

const maxAbs = (values) =>
  values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 1e-12);

/**
 * Draws opened tensors side by side into `container`: for each, its histogram, a heatmap if 2-D,
 * 28x28 images where its rows (x) or columns (w1 and its gradient) are images, and the values of
 * row `row`. A weight, its gradient and the update -lr * grad come together, on the weight's
 * colour scale (so the update's size is seen against the weight), their max |v| written above.
 */
export function renderTensors(container, scalesEl, list, t, row) {
  const scale = maxAbs(list[0].values);
  container.replaceChildren(
    ...list.map((m) => {
      const view = document.createElement('div');
      view.className = 'tensor-view';
      view.innerHTML = `<h4></h4><canvas class="hist" role="img"></canvas><canvas class="heat" role="img"></canvas>
      <canvas class="images" role="img"></canvas><pre class="row-values"></pre>`;
      view.querySelector('canvas.hist').setAttribute('aria-label', `${m.name}: histogram`);
      view.querySelector('canvas.heat').setAttribute('aria-label', `${m.name}: heatmap`);
      view.querySelector('canvas.images').setAttribute('aria-label', `${m.name}: 28x28 images`);
      drawTensor(view, m, t, row, list.length > 1 ? scale : maxAbs(m.values));
      return view;
    }),
  );
  scalesEl.textContent = list.map((m) => `max |${m.name}| = ${fmt(maxAbs(m.values))}`).join('   ');
}

function drawTensor(view, m, t, row, s) {
  const values = m.values;
  view.querySelector('h4').textContent = `${m.name} [${m.shape}]`;
  let lo = Infinity,
    hi = -Infinity;
  for (const v of values)
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  histogram(view.querySelector('canvas.hist'), values, lo, hi);
  const two = m.shape.length === 2;
  const heat = view.querySelector('canvas.heat');
  heat.hidden = !two;
  if (two) heatmap(heat, values, m.shape, s);
  const img = view.querySelector('canvas.images');
  const isX = m.name === 'x';
  const isW1 = two && m.shape[0] === 784 && !isX;
  img.hidden = !(isX || isW1);
  if (isX) images(img, values, m.shape, false, 1, false);
  else if (isW1) images(img, values, m.shape, true, s, true);
  const cols = m.shape.length ? m.shape.at(-1) : 1;
  const rows = values.length / Math.max(1, cols);
  const r = Math.min(Math.max(0, row | 0), Math.max(0, rows - 1));
  const shown = Array.from(values.subarray(r * cols, r * cols + Math.min(cols, 40)), fmt).join(' ');
  view.querySelector('.row-values').textContent = `${t.row} ${r}: ${shown}${cols > 40 ? ' …' : ''}`;
}

/** The gradient check's table and verdict. */
export function renderGradcheck(el, m, t) {
  const table = el.querySelector('table');
  table.innerHTML = `<thead><tr>${[t.variable, t.index, t.analytic, t.numeric, t.relError].map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>`;
  const body = document.createElement('tbody');
  for (const r of m.rows) {
    const tr = document.createElement('tr');
    if (!r.ok) tr.className = 'bad';
    for (const v of [
      r.variable,
      r.index,
      r.analytic.toExponential(4),
      r.numeric.toExponential(4),
      r.kink ? `${r.error.toExponential(2)} (${t.kink})` : r.error.toExponential(2),
    ]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  const verdict = el.querySelector('.verdict');
  verdict.textContent = m.pass ? t.gradPass(m.tolerance) : t.gradFail(m.tolerance);
  verdict.className = `verdict ${m.pass ? 'pass' : 'fail'}`;
}
