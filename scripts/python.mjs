#!/usr/bin/env node
// npm run python -- FILE.py [--rows N] [--data DIR] [--mnist DIR] [--numpy xtape|pyodide]: runs a TF2 Python program on
// xtape under Node through Pyodide; the program's stdout is the output. --rows N: load_data()
// gives the first N training rows (the test rows whole); --data DIR: where the four Fashion-MNIST
// files are (default: Debian's dataset-fashion-mnist); --mnist DIR: the four MNIST files, for
// keras.datasets.mnist; --numpy pyodide: Pyodide's own NumPy instead of xtape's subset (needs
// Pyodide's package index). A Python exception prints its traceback to stderr and exits 1.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadPython, PythonError, PythonFatalError } from '../js/python.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const rows = opt('rows'),
  dir = opt('data'),
  mnistDir = opt('mnist'),
  numpy = opt('numpy') ?? 'xtape';
const file = args[0];
if (
  !file ||
  args.length > 1 ||
  (rows !== undefined && !/^\d+$/.test(rows)) ||
  !['xtape', 'pyodide'].includes(numpy)
) {
  console.error(
    'usage: npm run python -- FILE.py [--rows N] [--data DIR] [--mnist DIR] [--numpy xtape|pyodide]',
  );
  process.exit(2);
}
let code;
try {
  // npm runs scripts in the package's folder; a relative FILE is the caller's (INIT_CWD)
  code = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8');
} catch (e) {
  console.error(`python: ${file}: ${e.message}`);
  process.exit(2);
}
let python;
try {
  python = await loadPython({
    numpy,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    onProgress: ({ loaded, total, file: f }) =>
      process.stderr.write(
        `\rFashion-MNIST: ${(loaded / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB (${f})   `,
      ),
  });
} catch (e) {
  if (e.name !== 'NumPyUnavailableError') throw e;
  console.error(`python: ${e.message}`);
  process.exit(1);
}
const cwd = process.env.INIT_CWD ?? process.cwd();
if (mnistDir && /mnist\.load_data\s*\(/.test(code)) {
  await python.loadData({ mnist: { dir: resolve(cwd, mnistDir) } });
  process.stderr.write('\n');
}
// Fashion-MNIST for any load_data() but MNIST's alone
if (/load_data\s*\(/.test(code) && (/fashion/.test(code) || !/\bmnist\b/.test(code))) {
  await python.loadData({ dir, rows: rows === undefined ? undefined : Number(rows) });
  process.stderr.write('\n');
}
try {
  await python.run(code, file);
} catch (e) {
  if (e instanceof PythonFatalError) {
    process.stderr.write(`${file}: ${e.message}\n`);
    process.exit(1);
  }
  if (!(e instanceof PythonError)) throw e;
  process.stderr.write(e.traceback.endsWith('\n') ? e.traceback : `${e.traceback}\n`);
  process.exit(1);
}
