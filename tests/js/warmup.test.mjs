// xtape.warmUp(step): runs the caller's step for a while and leaves nothing behind; the page's
// warm-up model (web/trainer/recipe.mjs) draws no random numbers and changes no weights.
import test from 'node:test';
import { xtape, assert } from './helpers.mjs';
import { warmUpModel } from '../../web/trainer/recipe.mjs';

test('warmUp runs the recipe step for about its time and leaves memory and the random stream as they were', async () => {
  const before = xtape.memory();
  xtape.random.setSeed(5);
  const first = xtape.tidy(() => xtape.random.uniform([4]).data());
  xtape.random.setSeed(5);
  const model = warmUpModel(xtape, { rows: 16, hidden: 8 });
  const losses = [];
  const r = await xtape.warmUp(() => losses.push(model.step()), { ms: 150 });
  model.dispose();
  const after = xtape.tidy(() => xtape.random.uniform([4]).data());
  assert.deepEqual(after, first); // it draws no random numbers
  assert.ok(r.steps > 0 && r.ms >= 150 && r.ms < 5000, JSON.stringify(r));
  assert.equal(losses.length, r.steps);
  assert.ok(
    losses.every((l) => l === losses[0]),
    'a learning rate of 0 leaves the weights as they were',
  );
  const m = xtape.memory();
  for (const k of ['numTensors', 'numBytes', 'numVariables', 'numTapes', 'liveBytes'])
    assert.equal(m[k], before[k], k);
});

test('warmUp frees what each step makes, also when the step throws', async () => {
  const before = xtape.memory().numTensors;
  await assert.rejects(
    xtape.warmUp(
      () => {
        xtape.fill([3], 1);
        throw new Error('boom');
      },
      { ms: 20 },
    ),
    /boom/,
  );
  assert.equal(xtape.memory().numTensors, before);
});

test('warmUp refuses bad arguments with an XtapeError naming them', async () => {
  const step = () => {};
  for (const [args, name] of [
    [[step, { ms: 0 }], 'ms'],
    [[step, { ms: 1e9 }], 'ms'],
    [[step, { ms: 1.5 }], 'ms'],
    [[{ ms: 10 }], 'step'],
    [[], 'step'],
  ])
    await assert.rejects(
      xtape.warmUp(...args),
      (e) => e instanceof xtape.XtapeError && e.message.includes(`warmUp: ${name}`),
    );
});
