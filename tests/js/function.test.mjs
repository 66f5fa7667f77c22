// xtape.function (TF: tf.function): traced once per signature, replayed in the core with the
// eager numbers bit for bit; retraced on new shapes; refused (kept eager) when it reads values.
import { test } from 'node:test';
import { xtape, assert } from './helpers.mjs';

// loss = mean((relu(x @ w + b) - y)^2), its gradients by a tape, an SGD update.
function model(seed) {
  const g = new xtape.random.Generator(seed);
  return {
    w: new xtape.Variable(g.normal([4, 3]), { name: 'w' }),
    b: new xtape.Variable(xtape.zeros([3]), { name: 'b' }),
    opt: new xtape.optimizers.SGD({ learningRate: 0.1 }),
  };
}
function makeStep(m) {
  return (x, y) => {
    const tape = new xtape.GradientTape();
    const loss = tape.record(() => x.matmul(m.w).add(m.b).relu().sub(y).square().mean());
    const grads = tape.gradient(loss, [m.w, m.b]);
    m.opt.applyGradients(xtape.zip(grads, [m.w, m.b]));
    xtape.dispose([grads, tape]);
    return { loss };
  };
}
const batch = (g, n) => [g.normal([n, 4]), g.uniform([n, 3])];
const bits = (t) => Array.from(new Uint32Array(t.data().buffer));

test('a traced train step gives the eager losses and weights bit for bit', () =>
  xtape.tidy(() => {
    const eager = model(1);
    const traced = model(1);
    const eagerStep = makeStep(eager);
    const step = xtape.function(makeStep(traced));
    const g = new xtape.random.Generator(9);
    for (let i = 0; i < 6; i++) {
      const [x, y] = batch(g, 8);
      const a = eagerStep(x, y).loss;
      const b = step(x, y).loss;
      assert.deepEqual(bits(b), bits(a), `step ${i}`);
    }
    assert.deepEqual(bits(traced.w.read()), bits(eager.w.read()));
    assert.deepEqual(bits(traced.b.read()), bits(eager.b.read()));
    assert.equal(step.tracingCount, 1);
    assert.equal(step.refusal, undefined);
    step.dispose();
  }));

test('new shapes trace again; a replay leaves no tensor behind', () =>
  xtape.tidy(() => {
    const m = model(2);
    const step = xtape.function(makeStep(m));
    const g = new xtape.random.Generator(3);
    step(...batch(g, 8));
    step(...batch(g, 5));
    assert.equal(step.tracingCount, 2);
    const [x, y] = batch(g, 8);
    const before = xtape.memory();
    const { loss } = step(x, y);
    loss.dispose();
    const after = xtape.memory();
    assert.equal(after.numTensors, before.numTensors);
    assert.equal(after.liveBytes, before.liveBytes);
    assert.equal(step.tracingCount, 2);
    step.dispose();
  }));

test('a function that reads a value it computed keeps running eagerly, each call', () =>
  xtape.tidy(() => {
    let calls = 0;
    const f = xtape.function((x) => {
      calls++;
      const s = x.sum();
      return s.item() > 0 ? x.mul(2) : x.mul(-1);
    });
    assert.deepEqual(Array.from(f(xtape.constant([1, 2])).data()), [2, 4]);
    assert.deepEqual(Array.from(f(xtape.constant([-1, -2])).data()), [1, 2]);
    assert.equal(calls, 2);
    assert.match(f.refusal, /reads a value it computed/);
  }));

test('a function that creates variables traces again on its next call, then replays', () =>
  xtape.tidy(() => {
    let v = null;
    let calls = 0;
    const f = xtape.function((x) => {
      calls++;
      v ??= new xtape.Variable(xtape.ones([2]));
      return x.mul(v);
    });
    f(xtape.constant([1, 2]));
    f(xtape.constant([3, 4]));
    const out = f(xtape.constant([5, 6]));
    assert.deepEqual(Array.from(out.data()), [5, 6]);
    assert.equal(calls, 2); // the third call was a replay
    assert.equal(f.tracingCount, 2);
  }));

test('a replay on inputs of the wrong dtype is refused by the core, by name', () =>
  xtape.tidy(() => {
    const f = xtape.function((x) => x.add(1));
    f(xtape.constant([1, 2]));
    const p = [...f.traced.traces.values()][0].program;
    assert.throws(
      () => p.run([xtape.constant([1, 2], undefined, 'float64')]),
      /input 0 is float64 \[2\], it was traced for float32 \[2\]/,
    );
    assert.throws(() => xtape.trace.end([]), /no function is being traced/);
  }));
