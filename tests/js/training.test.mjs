// The tutorial program in JS on real rows: the loss falls, and native and WASM print the same.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert } from './helpers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8' });
const losses = (text) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('step '))
    .map((l) => l.split(' ')[3]);

test('the tutorial program in JS on 1000 real rows: the loss falls', () => {
  const out = run('node', [
    'examples/forward_propagation.mjs',
    '--rows',
    '1000',
    '--steps',
    '30',
    '--seed',
    '3',
  ]);
  const l = losses(out).map(Number);
  assert.equal(l.length, 30);
  assert.ok(l[0] > 0.2 && l.at(-1) < 0.8 * l[0], `losses ${l[0]} -> ${l.at(-1)}`);
  for (let i = 1; i < l.length; i++) assert.ok(l[i] < l[i - 1]);
  assert.match(out, /median [\d.]+ ms\/step over 30 steps/);
});

test(
  'native and WASM give identical losses for the same seed, both update forms',
  { skip: !existsSync(`${root}build/native/forward_propagation`) },
  () => {
    for (const update of ['manual', 'sgd']) {
      const args = ['--rows', '1000', '--steps', '10', '--seed', '5', '--update', update];
      const native = losses(run(`${root}build/native/forward_propagation`, args));
      const wasm = losses(run('node', ['examples/forward_propagation.mjs', ...args]));
      assert.equal(native.length, 10);
      assert.deepEqual(wasm, native);
    }
  },
);
