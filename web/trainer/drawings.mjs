// What the trainer draws besides its charts: the test-image grid, the confusion matrix and the
// first-layer weights. Updates are batched to one per animation frame by the caller.

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
    if (c.dataset.drawn !== '1') {
      // the images never change, only the predictions
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
  const rows = [
    `<tr><th></th>${names.map((n) => `<th scope="col" title="${n}">${n.slice(0, 4)}</th>`).join('')}</tr>`,
  ];
  for (let t = 0; t < 10; t++) {
    const cells = [];
    for (let p = 0; p < 10; p++) {
      const v = confusion[t * 10 + p];
      const a = (v / max).toFixed(3);
      const bg = t === p ? `rgba(30,140,60,${a})` : `rgba(200,40,40,${a})`;
      cells.push(
        `<td style="background:${bg};color:${v / max > 0.5 ? '#fff' : 'inherit'}">${v}</td>`,
      );
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
  const cols = 16,
    rows = Math.ceil(shown / cols),
    cell = 29;
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
    const y = Math.floor(p / 28),
      x = p % 28;
    for (let j = 0; j < shown; j++) {
      const v = w[p * hidden + j] / scale[j];
      const s = Math.round(255 * (1 - Math.abs(v)));
      let r = v > 0 ? 255 : s,
        g = s,
        b = v < 0 ? 255 : s; // red +, blue -
      if (isDead[j]) r = g = b = 170 + Math.round(s / 4); // grey
      px[(Math.floor(j / cols) * cell + y) * canvas.width + (j % cols) * cell + x] =
        0xff000000 | (b << 16) | (g << 8) | r;
    }
  }
  ctx.putImageData(img, 0, 0);
}
