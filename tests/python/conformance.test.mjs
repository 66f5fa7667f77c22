// Programs in the style of TF's guides (tensors, variables, autodiff, advanced autodiff, modules,
// training loops, tf.function, tf.data, devices), each with its output as TF 2.x prints it
// (from the guides, or worked out by hand: never from xtape's own output), run as a user runs
// them: npm run python -- FILE. The TF differences xtape keeps are left out (README).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${root}tests/python/conformance/`;
const programs = readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .sort();

test('the conformance suite has at least 15 programs', () =>
  assert.ok(programs.length >= 15, `${programs.length}`));

for (const file of programs) {
  test(`conformance: ${file} prints what TF prints`, () => {
    const r = spawnSync('npm', ['run', '--silent', 'python', '--', `${dir}${file}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 300000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, readFileSync(`${dir}${file.replace(/\.py$/, '.expected')}`, 'utf8'));
  });
}
