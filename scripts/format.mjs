#!/usr/bin/env node
// Formats and lints the JS and the Python: node scripts/format.mjs (rewrite) or --check (fail on
// a difference or a finding). scripts/format.sh runs it after clang-format.
//   JS (.mjs .js .d.ts .css): prettier (.prettierrc.json: 100 columns), then ESLint
//     (eslint.config.mjs);
//   Python (python/, tests/, examples/): ruff's formatter and linter (the npm package of ruff's
//     WebAssembly build: the same rules as the ruff command, nothing to install from PyPI).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { ESLint } from 'eslint';
import ruff from '@astral-sh/ruff-wasm-nodejs';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const files = (...globs) =>
  execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', ...globs], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
let problems = 0;
const report = (msg) => {
  problems++;
  console.error(msg);
};

// --- JS: prettier, then ESLint ------------------------------------------------------------------
const js = files('*.mjs', '*.js', '*.d.ts', '*.css');
const options = JSON.parse(readFileSync(`${root}.prettierrc.json`, 'utf8'));
const ignored = new Set(
  readFileSync(`${root}.prettierignore`, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#')),
);
for (const file of js) {
  if (ignored.has(file) || [...ignored].some((d) => d.endsWith('/') && file.startsWith(d)))
    continue;
  const text = readFileSync(root + file, 'utf8');
  const pretty = await prettier.format(text, { ...options, filepath: file });
  if (pretty === text) continue;
  if (check) report(`format: ${file} is not formatted (npm run format)`);
  else writeFileSync(root + file, pretty);
}
const eslint = new ESLint({ cwd: root, fix: !check });
const results = await eslint.lintFiles(js.filter((f) => /\.(m?js)$/.test(f)));
if (!check) await ESLint.outputFixes(results);
for (const r of results)
  for (const m of r.messages)
    report(
      `eslint: ${r.filePath.slice(root.length)}:${m.line}:${m.column} ${m.message} (${m.ruleId})`,
    );

// --- Python: ruff --------------------------------------------------------------------------------
// pycodestyle, pyflakes, pyupgrade-free defaults of ruff (E4, E7, E9, F) plus import order (I) and
// bugbear (B); 120 columns (the package's lines of op plumbing are long).
const settings = {
  'line-length': 120,
  lint: {
    select: ['E4', 'E7', 'E9', 'F', 'I', 'B'],
    'per-file-ignores': { '__init__.py': ['F401'] },
  }, // re-exports
};
const ws = new ruff.Workspace(settings, ruff.PositionEncoding.Utf16);
// ruff check --fix: applies one finding's edits at a time (rows and columns are 1-based, in
// UTF-16 units), then checks again.
function fixed(text) {
  for (let round = 0; round < 20; round++) {
    const d = ws.check(text).find((x) => x.fix?.edits?.length);
    if (!d) return text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    const at = ({ row, column }) => (starts[row - 1] ?? text.length) + column - 1;
    const edits = [...d.fix.edits].sort((a, b) => at(b.location) - at(a.location));
    for (const e of edits)
      text = text.slice(0, at(e.location)) + (e.content ?? '') + text.slice(at(e.end_location));
  }
  return text;
}
for (const file of files('python/*.py', 'tests/*.py', 'examples/*.py', 'scripts/*.py')) {
  const text = readFileSync(root + file, 'utf8');
  const pretty = check ? ws.format(text) : ws.format(fixed(ws.format(text)));
  if (pretty !== text) {
    if (check) report(`format: ${file} is not formatted (npm run format)`);
    else writeFileSync(root + file, pretty);
  }
  for (const d of ws.check(pretty))
    report(
      `ruff: ${file}:${d.start_location.row}:${d.start_location.column} ${d.code} ${d.message}`,
    );
}

if (problems) {
  console.error(`format: ${problems} problem(s)`);
  process.exit(1);
}
console.log(`format: ${js.length} JS and CSS files, Python under ruff: clean`);
