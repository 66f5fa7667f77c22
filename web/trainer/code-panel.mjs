// The tutorial's Python beside the equivalent xtape JavaScript; the phase the worker is in
// (forward, loss, gradient, update) is highlighted.
// Each line names the phases it belongs to: the training loop's (forward, loss, gradient, update)
// and Step through's finer ones (z1: x @ w1 + b1, relu, out).
const PY = [
  ['', 'for i in range(steps):'],
  ['forward z1', '    with tf.GradientTape() as tape:'],
  ['forward z1 relu', '        h1 = tf.nn.relu(x @ w1 + b1)'],
  ['forward out', '        out = h1 @ w2 + b2'],
  ['loss', '        loss = tf.reduce_mean(tf.square(y - out))'],
  ['gradient', '    grads = tape.gradient(loss, [w1, b1, w2, b2])'],
  ['update', '    w1.assign_sub(lr * grads[0])  # ... b1, w2, b2'],
  ['', '    print(loss.numpy())'],
];
const JS = [
  ['', 'for (let i = 0; i < steps; i++) xtape.tidy(() => {'],
  ['forward z1', '  const tape = new xtape.GradientTape();'],
  ['forward z1', '  const loss = tape.record(() => {'],
  ['forward z1 relu', '    const h1 = xtape.relu(x.matmul(w1).add(b1));'],
  ['forward out', '    const out = h1.matmul(w2).add(b2);'],
  ['loss', '    return xtape.reduceMean(xtape.square(y.sub(out)));'],
  ['', '  });'],
  ['gradient', '  const grads = tape.gradient(loss, [w1, b1, w2, b2]);'],
  ['update', '  w1.assignSub(grads[0].mul(lr));  // ... b1, w2, b2'],
  ['', '  console.log(loss.item());'],
  ['', '});'],
];
const LOSS_CE = {
  py: '        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(y, out))',
  js: '    return xtape.reduceMean(xtape.softmaxCrossEntropyWithLogits(y, out));',
};
const UPDATE_OPT = {
  py: '    optimizer.apply_gradients(zip(grads, [w1, b1, w2, b2]))',
  js: '  optimizer.applyGradients(xtape.zip(grads, [w1, b1, w2, b2]));',
};

export class CodePanel {
  constructor(pyEl, jsEl) {
    this.pre = { py: pyEl, js: jsEl };
  }
  show(config) {
    for (const [lang, lines] of [
      ['py', PY],
      ['js', JS],
    ]) {
      this.pre[lang].replaceChildren(
        ...lines.map(([phase, text]) => {
          if (phase === 'loss' && config.loss === 'ce') text = LOSS_CE[lang];
          if (phase === 'update' && config.update !== 'manual') text = UPDATE_OPT[lang];
          const span = document.createElement('span');
          span.dataset.phase = phase;
          span.textContent = `${text}\n`;
          return span;
        }),
      );
    }
  }
  highlight(phase) {
    for (const pre of Object.values(this.pre))
      for (const s of pre.children)
        s.classList.toggle('active', !!phase && s.dataset.phase.split(' ').includes(phase));
  }
}
