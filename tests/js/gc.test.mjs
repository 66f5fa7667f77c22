// The FinalizationRegistry safety net: a tensor nobody disposes is freed once it is garbage, both
// when made outside tidy() and when returned from it; tensors tidy() disposes never join the
// registry, and a kept one does.
import test from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { xtape, assert } from './helpers.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
async function collect(until) {
  for (let i = 0; i < 50 && !until(); i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return until();
}

test('dropped tensors are freed by the garbage collector, made outside tidy or returned from it', async () => {
  const base = xtape.memory().numTensors;
  (() => {
    xtape.ones([1000]); // outside tidy, never disposed
    xtape.tidy(() => xtape.ones([1000]).add(1)); // returned from tidy, never disposed
    const kept = xtape.tidy(() => xtape.keep(xtape.ones([10])));
    assert.equal(kept.shape[0], 10);
  })();
  assert.equal(xtape.memory().numTensors, base + 3);
  assert.ok(
    await collect(() => xtape.memory().numTensors === base),
    `still ${xtape.memory().numTensors - base} live`,
  );
});

test('a tensor disposed by hand is not released a second time by the collector', async () => {
  const base = xtape.memory().numTensors;
  (() => {
    const t = xtape.tidy(() => xtape.ones([3]));
    t.dispose();
  })();
  const survivor = xtape.zeros([5]); // may reuse the freed handle id: it must survive the collector
  await collect(() => false);
  assert.equal(xtape.memory().numTensors, base + 1);
  assert.deepEqual(Array.from(survivor.data()), [0, 0, 0, 0, 0]);
  survivor.dispose();
});
