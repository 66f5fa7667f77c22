// Every npm command the README documents exists, and the cheap ones run as a user types them.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const scripts = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts;

// The code of the README: fenced blocks and `inline spans`, where commands are written.
const code = [...readme.matchAll(/```[a-z]*\n([\s\S]*?)```|`([^`\n]+)`/g)].map((m) => m[1] ?? m[2]);
// npm's own commands that the README may name; every other `npm X` must be a script.
const BUILTIN = new Set(['install', 'pack', 'ci', 'publish']);
const commands = [];
for (const text of code) {
  for (const m of text.matchAll(/\bnpm (run(?: --silent)? ([\w:.-]+)|[a-z]+)/g)) {
    commands.push(m[2] ? { script: m[2], text: m[0] } : { script: m[1], text: m[0] });
  }
}

test('the README names its commands (the extraction finds them)', () => {
  const names = new Set(commands.map((c) => c.script));
  for (const s of ['start', 'test', 'python', 'seed', 'seed:js', 'bench', 'format', 'gen', 'fuzz'])
    assert.ok(
      names.has(s),
      `README: no \`npm ${s === 'start' || s === 'test' ? s : `run ${s}`}\` found`,
    );
});

test('every npm command in the README is a script of package.json', () => {
  for (const { script, text } of commands) {
    if (BUILTIN.has(script)) continue;
    assert.ok(
      Object.hasOwn(scripts, script),
      `README documents \`${text}\`, but package.json has no script "${script}"`,
    );
  }
});

const npm = (...args) =>
  spawnSync('npm', ['run', '--silent', ...args], { cwd: root, encoding: 'utf8', timeout: 600000 });

test('npm run python -- examples/forward_propagation.py --rows 500: the tutorial runs and its loss falls', () => {
  const r = npm('python', '--', 'examples/forward_propagation.py', '--rows', '500');
  assert.equal(r.status, 0, r.stderr);
  const losses = r.stdout
    .split('\n')
    .filter((l) => /^\d\.\d+$/.test(l))
    .map(Number);
  assert.equal(losses.length, 50);
  assert.ok(losses[49] < losses[0], `loss ${losses[0]} -> ${losses[49]}`);
});

test("npm run python -- FILE --numpy xtape|pyodide: the subset by default; Pyodide's NumPy needs its index", () => {
  const file = 'tests/python/numpy/creation.py';
  const sub = npm('python', '--', file, '--numpy', 'xtape');
  assert.equal(sub.status, 0, sub.stderr);
  assert.match(sub.stdout, /^\[1 2 3\]\n/);
  // these machines cannot reach Pyodide's package index: a clear error, exit 1, no traceback
  const real = npm('python', '--', file, '--numpy', 'pyodide');
  assert.equal(real.status, 1);
  assert.match(
    real.stderr,
    /Pyodide could not load its NumPy package .*its package index must be reachable/,
  );
  assert.equal(npm('python', '--', file, '--numpy', 'scipy').status, 2);
});

test('npm run python from another folder reads FILE relative to where it was typed', () => {
  const r = spawnSync(
    'npm',
    ['run', '--silent', 'python', '--', 'forward_propagation.py', '--rows', '200'],
    { cwd: `${root}examples`, encoding: 'utf8', timeout: 600000 },
  );
  assert.equal(r.status, 0, r.stderr);
});

test('npm run seed and seed:js -- --steps 2 --rows 500 print the same losses', () => {
  const cpp = npm('seed', '--', '--steps', '2', '--rows', '500');
  const js = npm('seed:js', '--', '--steps', '2', '--rows', '500');
  assert.equal(cpp.status, 0, cpp.stderr);
  assert.equal(js.status, 0, js.stderr);
  const loss = (out) => out.split('\n').filter((l) => /loss/i.test(l));
  assert.equal(loss(cpp.stdout).length, 2, cpp.stdout);
  assert.deepEqual(loss(js.stdout), loss(cpp.stdout));
});
