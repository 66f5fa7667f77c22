// The page's recipe in float64, with plain loops and hand-derived gradients (no xtape ops, no
// tape): the yardstick for xtape's float32 losses under any settings. The same math as
// tests/reference/recipe_f64.hpp (which made the shipped default curve), plus cross-entropy,
// mini-batches and the Keras optimizers, one row at a time (memory O(hidden)):
//   x [B,784] = float32(pixel / 255); z1 = x w1 + b1 [B,h]; h1 = relu(z1); out = h1 w2 + b2 [B,10]
//   mse: loss = mean((out - y)^2)             dout = 2 (out - y) / (B*10)
//   ce:  loss = mean(logsumexp(out) - out_y)  dout = (softmax(out) - y) / B
//   dw2 = h1^T dout; db2 = sum_rows dout; dz1 = (dout w2^T) * (z1 > 0); dw1 = x^T dz1; db1 = sum_rows dz1
import { INPUTS as I, CLASSES as C } from './recipe.mjs';

const PIXEL = Float64Array.from({ length: 256 }, (_, p) => Math.fround(p / 255));

export class RecipeF64 {
  /**
   * pixels: Uint8Array [rows*784]; labels: integer array [rows]; weights: {w1, b1, w2, b2} as
   * float arrays (copied); config: {hidden, lr, loss: 'mse'|'ce', update: 'manual'|'sgd'|'momentum'|'adam'}.
   */
  constructor(pixels, labels, weights, config) {
    this.pixels = pixels;
    this.labels = labels;
    this.h = config.hidden;
    this.config = config;
    this.w = ['w1', 'b1', 'w2', 'b2'].map((k) => Float64Array.from(weights[k]));
    this.g = this.w.map((w) => new Float64Array(w.length));
    this.slots = this.w.map((w) => [new Float64Array(w.length), new Float64Array(w.length)]); // Keras m, v
    this.t = 0;
  }

  /** One step on the given rows (all rows when null); returns the loss before the update. */
  step(rows) {
    const { h, pixels, labels } = this,
      [w1, b1, w2, b2] = this.w,
      [g1, gb1, g2, gb2] = this.g;
    const n = rows ? rows.length : labels.length,
      ce = this.config.loss === 'ce';
    for (const g of this.g) g.fill(0);
    const z = new Float64Array(h),
      dz = new Float64Array(h),
      out = new Float64Array(C),
      x = new Float64Array(I);
    let loss = 0;
    for (let r = 0; r < n; r++) {
      const row = rows ? rows[r] : r,
        label = labels[row];
      for (let k = 0; k < I; k++) x[k] = PIXEL[pixels[row * I + k]];
      z.set(b1); // z1 = x w1 + b1, skipping the zero pixels
      for (let k = 0; k < I; k++) {
        const xv = x[k];
        if (xv === 0) continue;
        for (let j = 0, o = k * h; j < h; j++) z[j] += xv * w1[o + j];
      }
      for (let c = 0; c < C; c++) {
        // out = relu(z1) w2 + b2
        let s = b2[c];
        for (let j = 0; j < h; j++) if (z[j] > 0) s += z[j] * w2[j * C + c];
        out[c] = s;
      }
      if (ce) {
        // softmax cross-entropy, stable: lse = m + log(sum exp(out - m))
        let m = -Infinity,
          sum = 0;
        for (let c = 0; c < C; c++) m = Math.max(m, out[c]);
        for (let c = 0; c < C; c++) sum += Math.exp(out[c] - m);
        loss += m + Math.log(sum) - out[label];
        for (let c = 0; c < C; c++)
          out[c] = (Math.exp(out[c] - m) / sum - (c === label ? 1 : 0)) / n;
      } else {
        for (let c = 0; c < C; c++) {
          const d = out[c] - (c === label ? 1 : 0);
          loss += d * d;
          out[c] = (2 * d) / (n * C);
        }
      }
      // out now holds dout for this row
      for (let c = 0; c < C; c++) gb2[c] += out[c];
      for (let j = 0; j < h; j++) {
        if (!(z[j] > 0)) {
          dz[j] = 0;
          continue;
        }
        let s = 0;
        for (let c = 0; c < C; c++) {
          g2[j * C + c] += z[j] * out[c];
          s += out[c] * w2[j * C + c];
        }
        dz[j] = s;
        gb1[j] += s;
      }
      for (let k = 0; k < I; k++) {
        const xv = x[k];
        if (xv === 0) continue;
        for (let j = 0, o = k * h; j < h; j++) g1[o + j] += xv * dz[j];
      }
    }
    this.#update();
    return ce ? loss / n : loss / (n * C);
  }

  // manual and SGD: w -= lr g; momentum (0.9): m = 0.9 m - lr g, w += m;
  // Adam (Keras defaults): m += (g - m)(1 - b1), v += (g^2 - v)(1 - b2), w -= a m / (sqrt(v) + eps)
  // with a = lr sqrt(1 - b2^t) / (1 - b1^t)
  #update() {
    const { lr, update } = this.config;
    this.t++;
    const [b1, b2, eps] = [0.9, 0.999, 1e-7];
    const a = (lr * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t);
    this.w.forEach((w, i) => {
      const g = this.g[i],
        [m, v] = this.slots[i];
      for (let k = 0; k < w.length; k++) {
        if (update === 'momentum') {
          m[k] = 0.9 * m[k] - lr * g[k];
          w[k] += m[k];
        } else if (update === 'adam') {
          m[k] += (g[k] - m[k]) * (1 - b1);
          v[k] += (g[k] * g[k] - v[k]) * (1 - b2);
          w[k] -= (a * m[k]) / (Math.sqrt(v[k]) + eps);
        } else {
          w[k] -= lr * g[k];
        }
      }
    });
  }
}
