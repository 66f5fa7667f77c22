#!/usr/bin/env node
// Run-time assets the package ships beside its WASM build (scripts/build.sh wasm calls this):
//   build/vendor/uplot/    uPlot's ES module, CSS and licence (MIT), so the element finds its charts
//                          relative to itself on any host, with no node_modules layout or bundler
//   build/vendor/codemirror.mjs  CodeMirror 6 with Python, bundled by esbuild, for the editor
//   build/vendor/pyodide/  Pyodide's core files (CPython for WASM), found beside the Python glue
//   build/data/fashion-mnist-subset/
//                          the first 2,000 training and 500 test images of Fashion-MNIST (MIT) as
//                          the same four gzip IDX files, so an embed with no data host still trains
// Idempotent: files are rewritten only when their source changed.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const newer = (src, dst) => !existsSync(dst) || statSync(src).mtimeMs > statSync(dst).mtimeMs;

// uPlot from the repository's node_modules (a devDependency), copied, not linked.
const uplotDir = dirname(createRequire(import.meta.url).resolve('uplot/package.json'));
const vendor = join(root, 'build/vendor/uplot');
mkdirSync(vendor, { recursive: true });
for (const [src, dst] of [
  ['dist/uPlot.esm.js', 'uPlot.esm.js'],
  ['dist/uPlot.min.css', 'uPlot.min.css'],
  ['LICENSE', 'LICENSE'],
])
  if (newer(join(uplotDir, src), join(vendor, dst)))
    copyFileSync(join(uplotDir, src), join(vendor, dst));

// Pyodide's core (CPython 3.14 for WASM, MIT/PSF), for the Python on the page and `npm run python`:
// the five files loadPyodide needs, beside the package's own.
const pyodideDir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
const pyVendor = join(root, 'build/vendor/pyodide');
mkdirSync(pyVendor, { recursive: true });
for (const f of [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
  'package.json',
])
  if (newer(join(pyodideDir, f), join(pyVendor, f)))
    copyFileSync(join(pyodideDir, f), join(pyVendor, f));

// CodeMirror 6 (MIT) with Python highlighting as one ES module, for the Python editor; the page
// imports it only when a reader opens the editor.
const cm = join(root, 'build/vendor/codemirror.mjs');
if (!existsSync(cm)) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    stdin: {
      contents:
        "export { EditorView, basicSetup } from 'codemirror';\nexport { python } from '@codemirror/lang-python';\nexport { EditorState, StateEffect, StateField } from '@codemirror/state';\nexport { Decoration } from '@codemirror/view';\n",
      resolveDir: root,
    },
    bundle: true,
    format: 'esm',
    minify: true,
    outfile: cm,
    legalComments: 'eof',
    logLevel: 'warning',
  });
}

// The Fashion-MNIST subset, cut from Debian's dataset-fashion-mnist.
const DATA = process.env.XTAPE_DATA_DIR ?? '/usr/share/datasets/fashion-mnist';
const subset = join(root, 'build/data/fashion-mnist-subset');
mkdirSync(subset, { recursive: true });
const ROWS = { train: 2000, t10k: 500 };
for (const split of ['train', 't10k']) {
  for (const kind of ['images-idx3', 'labels-idx1']) {
    const name = `${split}-${kind}-ubyte.gz`,
      src = join(DATA, name),
      dst = join(subset, name);
    if (!existsSync(src)) throw new Error(`${src}: missing; apt-get install dataset-fashion-mnist`);
    if (!newer(src, dst)) continue;
    const idx = gunzipSync(readFileSync(src));
    const ndim = idx[3],
      rows = ROWS[split];
    const rowBytes = ndim === 3 ? idx.readUInt32BE(8) * idx.readUInt32BE(12) : 1;
    const out = Buffer.from(idx.subarray(0, 4 + 4 * ndim + rows * rowBytes));
    out.writeUInt32BE(rows, 4); // the first dimension is the row count
    writeFileSync(dst, gzipSync(out, { level: 9 }));
  }
}
writeFileSync(
  join(subset, 'README.txt'),
  'The first 2,000 training and 500 test images of Fashion-MNIST (Zalando Research, MIT licence),\n' +
    "cut by xtape's scripts/assets.mjs; the full set: https://github.com/zalandoresearch/fashion-mnist\n",
);
