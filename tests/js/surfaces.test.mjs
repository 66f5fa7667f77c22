// The op table drives every surface: each op is a JS function (and a method of Tensor and
// Variable where chainable), is declared in the TypeScript files, and no surface has an op that
// the table lacks. The generated files must match the table (npm run gen).
import test from 'node:test';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { xtape, assert, sample } from './helpers.mjs';

const root = new URL('../../', import.meta.url);
const dts =
  readFileSync(new URL('js/ops.d.ts', root), 'utf8') +
  readFileSync(new URL('js/index.d.ts', root), 'utf8');
// Exports that are API, not ops of the table.
const NOT_OPS = new Set([
  'XtapeError',
  'tidy',
  'keep',
  'memory',
  'resetPeakMemory',
  'dispose',
  'Tensor',
  'constant',
  'tensor',
  'scalar',
  'opTable',
  'op',
  'Variable',
  'GradientTape',
  'customGradient',
  'customGradientOf',
  'keras',
  'function',
  'trace',
  'runFunctionsEagerly',
  'functionsRunEagerly',
  'zip',
  'optimizerDefaults',
  'optimizers',
  'random',
  'io',
  'env',
  'numThreads',
  'setNumThreads',
  'warmUp',
  'loadFashionMnist',
  'summary',
]);

test('the generated JS and TypeScript files match the op table', () => {
  execFileSync(process.execPath, ['scripts/gen.mjs', '--check'], { cwd: root });
});

test('every op of the table is callable as a function, and as a method where chainable', () => {
  assert.ok(xtape.opTable.length >= 35);
  for (const def of xtape.opTable) {
    for (const name of def.js) {
      const [space, short] = name.includes('.') ? name.split('.') : [null, name];
      const f = space ? xtape[space][short] : xtape[name];
      assert.equal(typeof f, 'function', `${name} is not exported`);
      xtape.tidy(() => assert.ok(f(...sample(def)) instanceof xtape.Tensor, `${name}() failed`));
      if (def.method && !space) {
        const args = sample(def);
        xtape.tidy(() =>
          assert.ok(
            args[0][name](...args.slice(1)) instanceof xtape.Tensor,
            `Tensor.${name} failed`,
          ),
        );
        const v = new xtape.Variable(args[0]);
        xtape.tidy(() =>
          assert.ok(v[name](...args.slice(1)) instanceof xtape.Tensor, `Variable.${name} failed`),
        );
        v.dispose();
      }
    }
  }
});

test('every op of the table is declared in the .d.ts, methods in OpMethods', () => {
  const methods = dts.slice(dts.indexOf('export interface OpMethods'));
  for (const def of xtape.opTable) {
    for (const name of def.js.filter((n) => !n.includes('.'))) {
      assert.match(
        dts,
        new RegExp(`export (function ${name}\\(|const ${name}: )`),
        `${name} not declared`,
      );
      if (def.method)
        assert.match(methods, new RegExp(`\\n  ${name}\\(`), `method ${name} not declared`);
    }
  }
});

test('no surface exposes an op that the table lacks', () => {
  const ops = new Set(xtape.opTable.flatMap((d) => d.js));
  // the namespaces the table's names make (nn.relu, image.convertImageDtype, linalg.solve)
  const spaces = new Set([...ops].filter((n) => n.includes('.')).map((n) => n.split('.')[0]));
  for (const [name, v] of Object.entries(xtape)) {
    if (NOT_OPS.has(name)) continue;
    if (typeof v === 'function') assert.ok(ops.has(name), `export ${name} is not in the op table`);
    else
      for (const k of Object.keys(v))
        assert.ok(ops.has(`${name}.${k}`), `${name}.${k} is not in the op table`);
  }
  const chained = new Set(xtape.opTable.filter((d) => d.method).flatMap((d) => d.js));
  const own = new Set([
    'constructor',
    'shape',
    'dtype',
    'rank',
    'size',
    'data',
    'dataSync',
    'item',
    'array',
    'toString',
  ]);
  for (const name of Object.getOwnPropertyNames(xtape.Tensor.prototype))
    if (!own.has(name))
      assert.ok(chained.has(name), `Tensor.${name} is not a chainable op of the table`);
  for (const m of dts.matchAll(/export (?:function|const) (\w+)/g))
    assert.ok(
      ops.has(m[1]) || NOT_OPS.has(m[1]) || spaces.has(m[1]),
      `${m[1]} declared but not in the table`,
    );
});

test('softplus comes from the table with its gradient: sigmoid(x)', () =>
  xtape.tidy(() => {
    const x = new xtape.Variable([-30, 0, 2, 30]);
    const tape = new xtape.GradientTape();
    const y = tape.record(() => x.softplus());
    const g = tape.gradient(y, x);
    const close = (a, b) =>
      a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-5, `${v} vs ${b[i]}`));
    close(y.data(), [Math.log1p(Math.exp(-30)), Math.log(2), Math.log1p(Math.exp(2)), 30]);
    close(
      g.data(),
      [-30, 0, 2, 30].map((v) => 1 / (1 + Math.exp(-v))),
    );
    x.dispose();
  }));
