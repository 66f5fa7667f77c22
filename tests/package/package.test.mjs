// A tutorial author's three ways in, from the packed tarball installed into an empty project:
// a plain static host (no COOP/COEP) with only the documented <script> and <xtape-trainer> tags,
// a Vite build of a one-file app that imports the API, and Node. Nothing here reads the
// repository's own js/ or web/: only what `npm pack` put in the tarball.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { launch, open, waitState, runSteps, root } from '../browser/harness.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'xtape-package-'));
const app = join(tmp, 'app');
let browser, tarball, packedInfo;
const servers = [];

// A plain static server: the right MIME types and nothing else (no COOP/COEP/CORP headers).
function staticHost(dir) {
  const types = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.mjs': 'text/javascript',
    '.css': 'text/css',
    '.wasm': 'application/wasm',
  };
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    try {
      if (!file.startsWith(dir) || !statSync(file).isFile()) throw new Error();
      res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  servers.push(server);
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${server.address().port}/`)),
  );
}

before(async () => {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  tarball = join(tmp, packed[0].filename);
  packedInfo = packed[0];
  console.log(
    `# ${packed[0].filename}: ${(packed[0].size / 1e6).toFixed(2)} MB packed, ${(packed[0].unpackedSize / 1e6).toFixed(2)} MB unpacked, ${packed[0].files.length} files`,
  );
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'tutorial', private: true, type: 'module' }),
  );
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--offline', tarball],
    { cwd: app, stdio: 'pipe' },
  );
  browser = await launch();
});
after(async () => {
  await browser?.close();
  servers.forEach((s) => s.close());
  rmSync(tmp, { recursive: true, force: true });
});

// The README's figures are what npm pack produces (within 10%).
test("the README's package sizes match the packed tarball", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const m = /about ([\d.]+) MB packed and ([\d.]+) MB\s+unpacked/.exec(readme);
  assert.ok(m, 'README: no "about N MB packed and M MB unpacked"');
  const near = (said, bytes, what) =>
    assert.ok(
      Math.abs(Number(said) * 1e6 - bytes) <= 0.1 * bytes,
      `README says ${said} MB ${what}; npm pack gives ${(bytes / 1e6).toFixed(2)} MB`,
    );
  near(m[1], packedInfo.size, 'packed');
  near(m[2], packedInfo.unpackedSize, 'unpacked');
});

test('the tarball holds the run-time files and nothing else', () => {
  const files = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }),
  )[0].files.map((f) => f.path);
  for (const f of [
    'js/index.mjs',
    'js/index.d.ts',
    'js/ops.d.ts',
    'js/python.mjs',
    'web/xtape-trainer.mjs',
    'web/trainer/train-worker.mjs',
    'web/trainer/protocol.mjs',
    'web/trainer/trainer.css',
    'web/trainer/reference/default.json',
    'web/shared/chart.mjs',
    'web/xtape-python.mjs',
    'web/python/worker.mjs',
    'python/tensorflow/framework/tensor.py',
    'python/tensorflow/__init__.py',
    'build/vendor/pyodide/pyodide.asm.wasm',
    'build/vendor/codemirror.mjs',
    'build/wasm/xtape.wasm',
    'build/wasm/xtape.mt.wasm',
    'build/wasm/xtape.mt.worker.js',
    'build/wasm/xtape.node.cjs',
    'build/vendor/uplot/uPlot.esm.js',
    'build/data/fashion-mnist-subset/train-images-idx3-ubyte.gz',
  ])
    assert.ok(files.includes(f), `${f} missing from the tarball`);
  for (const f of files)
    assert.doesNotMatch(
      f,
      /^(tests|core|wasm|scripts|bench|examples)\/|\.cpp$|\.hpp$|CMake|index\.html|embed\.html|__pycache__|\.pyc$/,
      `${f} should not be packed`,
    );
});

test('plain static host: only the documented tags, the element trains on one thread, no console errors', async () => {
  const site = join(app, 'site.html');
  writeFileSync(
    site,
    `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="./node_modules/xtape/web/xtape-trainer.mjs"></script>
<xtape-trainer batch="500" lr="0.1" update="momentum"></xtape-trainer>`,
  );
  const url = await staticHost(app);
  const page = await open(browser, `${url}site.html`);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  await waitState(page, 'ready');
  assert.match(await page.locator('xtape-trainer .subset').innerText(), /subset of Fashion-MNIST/);
  const losses = await runSteps(page, 8);
  assert.equal(losses.length, 8);
  const mean = (a) => a.reduce((p, q) => p + q) / a.length;
  assert.ok(
    losses.every(Number.isFinite) && mean(losses.slice(-3)) < mean(losses.slice(0, 3)),
    `losses ${losses}`,
  );
  assert.equal(await page.evaluate(() => document.querySelector('xtape-trainer').engine[0]), 1); // single-thread build
  await page.screenshot({ path: `${root}build/artifacts/package-static.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('plain static host: a Python cell from xtape/python runs TF2 code, with no console errors', async () => {
  writeFileSync(
    join(app, 'cells.html'),
    `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="./node_modules/xtape/web/xtape-python.mjs"></script>
<xtape-python id="a">import tensorflow as tf
x = tf.Variable(3.0)</xtape-python>
<xtape-python id="b">with tf.GradientTape() as tape:
    y = x * x
print(tape.gradient(y, x))</xtape-python>`,
  );
  const url = await staticHost(app);
  const page = await open(browser, `${url}cells.html`);
  await page.waitForFunction(() => document.querySelector('#b')?.shadowRoot, null, {
    timeout: 30000,
  });
  await page.locator('#b').getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(() => document.querySelector('#b').output.length > 0, null, {
    timeout: 120000,
  });
  assert.deepEqual(await page.evaluate(() => document.querySelector('#b').output), [
    'tf.Tensor(6.0, shape=(), dtype=float32)',
  ]);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Vite: a one-file app importing the API builds, the WASM files land in the output and train', async () => {
  const src = join(app, 'bundled');
  mkdirSync(src);
  writeFileSync(
    join(src, 'index.html'),
    '<!doctype html><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>',
  );
  writeFileSync(
    join(src, 'main.js'),
    `import * as xtape from 'xtape';
const d = await xtape.loadFashionMnist();
const x = xtape.tidy(() => xtape.convertImageDtype(d.xTrain).reshape([-1, 784]));
const y = xtape.oneHot(d.yTrain, 10);
const g = xtape.random.Generator.fromSeed(1);
const w1 = new xtape.Variable(g.truncatedNormal([784, 32], { stddev: 0.1 })), b1 = new xtape.Variable(xtape.zeros([32]));
const w2 = new xtape.Variable(g.truncatedNormal([32, 10], { stddev: 0.1 })), b2 = new xtape.Variable(xtape.zeros([10]));
const opt = new xtape.optimizers.SGD({ learningRate: 0.5 });
const losses = [];
for (let i = 0; i < 5; i++) losses.push(xtape.tidy(() => {
  const tape = new xtape.GradientTape();
  const loss = tape.record(() => xtape.reduceMean(xtape.square(y.sub(x.matmul(w1).add(b1).relu().matmul(w2).add(b2)))));
  opt.applyGradients(xtape.zip(tape.gradient(loss, [w1, b1, w2, b2]), [w1, b1, w2, b2]));
  return loss.item();
}));
window.__result = { losses, subset: d.subset, threads: xtape.numThreads() };
`,
  );
  // The one setting an author adds: xtape's module uses top-level await (ES2022).
  writeFileSync(join(src, 'vite.config.js'), "export default { build: { target: 'es2022' } };\n");
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: src, stdio: 'pipe' },
  );
  const out = readdirSync(join(src, 'dist/assets'));
  assert.ok(
    out.some((f) => /^xtape-.*\.wasm$/.test(f)),
    `no xtape .wasm in ${out}`,
  );
  assert.ok(
    out.some((f) => /\.gz$/.test(f)),
    `no data subset in ${out}`,
  );
  const url = await staticHost(join(src, 'dist'));
  const page = await open(browser, url);
  await page.waitForFunction(() => window.__result, null, { timeout: 60000 });
  const r = await page.evaluate(() => window.__result);
  assert.equal(r.subset, true);
  assert.equal(r.losses.length, 5);
  assert.ok(r.losses.every(Number.isFinite) && r.losses[4] < r.losses[0], `losses ${r.losses}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('Node: import * as xtape from "xtape" in the installed package trains a few steps', () => {
  const script = `import * as xtape from 'xtape';
const d = await xtape.loadFashionMnist({ subset: true });
const x = xtape.tidy(() => xtape.convertImageDtype(d.xTrain).reshape([-1, 784])), y = xtape.oneHot(d.yTrain, 10);
const w = new xtape.Variable(xtape.zeros([784, 10])), opt = new xtape.optimizers.SGD({ learningRate: 0.01 });
for (let i = 0; i < 3; i++) console.log(xtape.tidy(() => {
  const tape = new xtape.GradientTape();
  const loss = tape.record(() => xtape.reduceMean(xtape.square(y.sub(x.matmul(w)))));
  opt.applyGradients(xtape.zip(tape.gradient(loss, [w]), [w]));
  return loss.item();
}));`;
  const lines = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: app,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map(Number);
  assert.equal(lines.length, 3);
  assert.ok(Math.abs(lines[0] - 0.1) < 1e-6, `first loss ${lines[0]}`); // zero weights: mean of y^2 = 1/10
  assert.ok(lines[2] < lines[0], `losses ${lines}`);
});
