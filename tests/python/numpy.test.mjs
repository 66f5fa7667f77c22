// xtape's NumPy subset against NumPy itself: each program of tests/python/numpy/ (NumPy's
// documented examples) runs as a user runs it (npm run python -- FILE, on the subset) and under
// Debian's python3-numpy (the oracle only: never the implementation); the outputs must be the same,
// character for character.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${root}tests/python/numpy/`;
const programs = readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .sort();

for (const file of programs) {
  test(`numpy subset: ${file} prints what NumPy prints`, () => {
    const want = spawnSync('/usr/bin/python3', ['-B', `${dir}${file}`], { encoding: 'utf8' });
    assert.equal(want.status, 0, want.stderr);
    const got = spawnSync('npm', ['run', '--silent', 'python', '--', `${dir}${file}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 300000,
    });
    assert.equal(got.status, 0, got.stderr);
    assert.equal(got.stdout, want.stdout);
  });
}
