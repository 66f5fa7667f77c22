// xtape.warmUp(): runs the tutorial's step for a while and leaves nothing behind: no tensors,
// variables or tapes, the same global random stream, bad options refused.
import test from 'node:test';
import { xtape, assert } from './helpers.mjs';

test('warmUp runs steps for about its time and leaves memory and the random stream as they were', async () => {
  const before = xtape.memory();
  xtape.random.setSeed(5);
  const first = xtape.tidy(() => xtape.random.uniform([4]).data());
  xtape.random.setSeed(5);
  const r = await xtape.warmUp({ ms: 150, rows: 16, hidden: 8 });
  const after = xtape.tidy(() => xtape.random.uniform([4]).data());
  assert.deepEqual(after, first); // it draws no random numbers
  assert.ok(r.steps > 0 && r.ms >= 150 && r.ms < 5000, JSON.stringify(r));
  const m = xtape.memory();
  for (const k of ['numTensors', 'numBytes', 'numVariables', 'numTapes', 'liveBytes']) assert.equal(m[k], before[k], k);
});

test('warmUp refuses bad options with an XtapeError naming them', async () => {
  for (const [opts, name] of [[{ ms: 0 }, 'ms'], [{ rows: 1.5 }, 'rows'], [{ hidden: 'x' }, 'hidden'], [{ ms: 1e9 }, 'ms']])
    await assert.rejects(xtape.warmUp(opts), (e) => e instanceof xtape.XtapeError && e.message.includes(`warmUp: ${name}`));
});
