// The TF2 tutorial "forward propagation and gradient descent", line for line in JavaScript with
// xtape: the twin of forward_propagation.cpp, same options, same output lines.
//
//   npm run seed:js -- [--steps N] [--lr F] [--seed S] [--init DIR] [--save DIR] [--data DIR]
//                      [--update manual|sgd] [--rows N] [--threads N]
import { readFileSync, writeFileSync } from 'node:fs';
import * as xtape from '../js/index.mjs';

function parse(argv) {
  const o = {
    steps: 50,
    lr: 0.01,
    seed: 42,
    init: '',
    save: '',
    data: '/usr/share/datasets/fashion-mnist',
    update: 'manual',
    rows: 60000,
    threads: 0,
  };
  const usage = (why) => {
    console.error(
      `forward_propagation.mjs: ${why}\nusage: forward_propagation.mjs [--steps N] [--lr F] [--seed S] [--init DIR] [--save DIR] [--data DIR] [--update manual|sgd] [--rows N] [--threads N]`,
    );
    process.exit(2);
  };
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, ''),
      v = argv[i + 1];
    if (!(k in o)) usage(`unknown option ${argv[i]}`);
    if (v === undefined) usage(`option ${argv[i]} needs a value`);
    if (typeof o[k] === 'number') {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) usage(`bad value '${v}' for ${argv[i]}`);
      o[k] = n;
    } else o[k] = v;
  }
  if (o.update !== 'manual' && o.update !== 'sgd') usage('--update must be manual or sgd');
  if (
    !Number.isInteger(o.steps) ||
    o.steps < 0 ||
    !Number.isInteger(o.rows) ||
    o.rows <= 0 ||
    o.rows > 60000
  )
    usage('--steps >= 0 and 0 < --rows <= 60000');
  if (!Number.isInteger(o.threads) || o.threads < 0)
    usage('--threads must be >= 1 (or 0 for all cores)');
  return o;
}

// C's printf("%.9g"), so both examples print the same text for the same number.
function g9(v) {
  const e = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
  if (!Number.isFinite(v)) return String(v).toLowerCase().replace('infinity', 'inf');
  if (e < -4 || e >= 9) {
    const [m, x] = v.toExponential(8).split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    return `${mant}e${x[0]}${x.slice(1).padStart(2, '0')}`;
  }
  const s = v.toPrecision(9);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

// The first n rows of a uint8 tensor.
function firstRows(t, n) {
  if (n === t.shape[0]) return t;
  const per = t.size / t.shape[0];
  return xtape.constant(t.data().subarray(0, n * per), [n, ...t.shape.slice(1)], 'uint8');
}

const opt = parse(process.argv.slice(2));
try {
  if (opt.threads) xtape.setNumThreads(opt.threads);
  // (x, y), _ = keras.datasets.fashion_mnist.load_data()
  const data = await xtape.loadFashionMnist({ dir: opt.data });
  let x = firstRows(data.xTrain, opt.rows),
    y = firstRows(data.yTrain, opt.rows);
  xtape.dispose([data.xTest, data.yTest, ...(opt.rows < 60000 ? [data.xTrain, data.yTrain] : [])]);
  // x = tf.reshape(x, [-1, 28 * 28]); x = tf.cast(x, tf.float32); x = x / 255.
  x = xtape.tidy(() => xtape.cast(xtape.reshape(x, [-1, 28 * 28]), 'float32').div(255));
  // y = tf.one_hot(y, depth=10)
  y = xtape.oneHot(y, 10);

  // w1 = tf.Variable(tf.random.truncated_normal([784, 128], stddev=0.1)); b1 = tf.Variable(tf.zeros([128]))
  // w2 = tf.Variable(tf.random.truncated_normal([128, 10], stddev=0.1));  b2 = tf.Variable(tf.zeros([10]))
  const g = xtape.random.Generator.fromSeed(opt.seed);
  const init = (file, fresh) =>
    opt.init
      ? xtape.io.parseNpy(readFileSync(`${opt.init}/${file}`), `${opt.init}/${file}`)
      : fresh();
  const w1 = new xtape.Variable(
    init('w1.npy', () => g.truncatedNormal([784, 128], { stddev: 0.1 })),
    { name: 'w1' },
  );
  const b1 = new xtape.Variable(
    init('b1.npy', () => xtape.zeros([128])),
    { name: 'b1' },
  );
  const w2 = new xtape.Variable(
    init('w2.npy', () => g.truncatedNormal([128, 10], { stddev: 0.1 })),
    { name: 'w2' },
  );
  const b2 = new xtape.Variable(
    init('b2.npy', () => xtape.zeros([10])),
    { name: 'b2' },
  );
  const lr = opt.lr;
  // optimizer = keras.optimizers.SGD(learning_rate=lr)
  const optimizer = new xtape.optimizers.SGD({ learningRate: lr });

  const ms = [];
  for (let i = 0; i < opt.steps; i++) {
    // for i in range(50):
    const t0 = performance.now();
    const loss = xtape.tidy(() => {
      const tape = new xtape.GradientTape(); // with tf.GradientTape() as tape:
      const loss = tape.record(() => {
        const h1 = xtape.nn.relu(x.matmul(w1).add(b1)); // h1 = tf.nn.relu(x @ w1 + b1)
        const out = h1.matmul(w2).add(b2); // out = h1 @ w2 + b2
        return xtape.reduceMean(xtape.square(y.sub(out))); // loss = tf.reduce_mean(tf.square(y - out))
      });
      const grads = tape.gradient(loss, [w1, b1, w2, b2]); // grads = tape.gradient(loss, [w1, b1, w2, b2])
      if (opt.update === 'manual') {
        w1.assignSub(grads[0].mul(lr)); // w1.assign_sub(lr * grads[0])
        b1.assignSub(grads[1].mul(lr)); // b1.assign_sub(lr * grads[1])
        w2.assignSub(grads[2].mul(lr)); // w2.assign_sub(lr * grads[2])
        b2.assignSub(grads[3].mul(lr)); // b2.assign_sub(lr * grads[3])
      } else {
        optimizer.applyGradients(xtape.zip(grads, [w1, b1, w2, b2])); // optimizer.apply_gradients(zip(grads, [w1, b1, w2, b2]))
      }
      return loss.item();
    });
    ms.push(performance.now() - t0);
    console.log(`step ${i} loss ${g9(loss)}`); // print(loss.numpy())
  }
  if (ms.length) {
    ms.sort((a, b) => a - b);
    const median = ms[Math.floor(ms.length / 2)];
    const flops = 2 * opt.rows * (784 * 128 * 2 + 128 * 10 * 3);
    console.log(
      `median ${median.toFixed(1)} ms/step over ${ms.length} steps (${(flops / median / 1e6).toFixed(2)} GFLOP/s in the matmuls' share, ${xtape.numThreads()} threads)`,
    );
  }
  if (opt.save)
    for (const v of [w1, b1, w2, b2]) writeFileSync(`${opt.save}/${v.name}.npy`, xtape.io.toNpy(v));
} catch (e) {
  if (!(e instanceof xtape.XtapeError)) throw e;
  console.error(`forward_propagation.mjs: ${e.message}`);
  process.exit(1);
}
