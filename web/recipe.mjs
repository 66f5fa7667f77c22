// The recipe's starting point and batch order, shared by the training worker and the float64
// reference worker, so that both start from the same weights and see the same rows.

/** w1 = tf.Variable(tf.random.truncated_normal([784, h], stddev=0.1)), b1 = zeros([h]), w2 [h, 10], b2 [10]. */
export function initialWeights(xtape, gen, hidden) {
  const w1 = new xtape.Variable(gen.truncatedNormal([784, hidden], { stddev: 0.1 }), { name: 'w1' });
  const b1 = new xtape.Variable(xtape.zeros([hidden]), { name: 'b1' });
  const w2 = new xtape.Variable(gen.truncatedNormal([hidden, 10], { stddev: 0.1 }), { name: 'w2' });
  const b2 = new xtape.Variable(xtape.zeros([10]), { name: 'b2' });
  return { w1, b1, w2, b2 };
}

/** The rows of each mini-batch, from a seeded shuffle per epoch; next() is null for the full batch. */
export class BatchOrder {
  constructor(xtape, gen, rows, batch) {
    Object.assign(this, { xtape, gen, rows, batch, perm: null, offset: 0, epoch: 0 });
  }
  next() {
    if (this.batch === 'full') return null;
    const B = Math.min(this.batch, this.rows); // the subset has 2,000 rows
    if (!this.perm || this.offset + B > this.perm.length) {
      this.perm = this.xtape.tidy(() => this.gen.permutation(this.rows).data());
      if (this.offset) this.epoch++;
      this.offset = 0;
    }
    const idx = this.perm.subarray(this.offset, this.offset + B);
    this.offset += B;
    return idx;
  }
}
