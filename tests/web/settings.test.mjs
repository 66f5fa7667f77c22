// The trainer's settings, every way in (attributes and the query as strings, el.reset(config) and
// the form as values), through one list of rules; and the files exported from them: a hostile
// value is refused, named, and never reaches a script, a CSV or a file name.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULTS,
  SETTINGS,
  ATTRIBUTES,
  SettingsError,
  checkConfig,
  parseSettings,
  toQuery,
  formFields,
} from '../../web/trainer/settings.mjs';
import { lossCsv, tf2Script } from '../../web/trainer/export.mjs';

const HOSTILE = [
  ['lr', '0.01\nimport os; os.system("echo owned")'],
  ['lr', { toString: () => '0.1', valueOf: () => 0.1 }],
  ['lr', NaN],
  ['lr', Infinity],
  ['lr', -1],
  ['lr', '1e400'],
  ['hidden', 2 ** 53 + 2],
  ['hidden', 1.5],
  ['hidden', '128; import os'],
  ['batch', '128\nimport os'],
  ['batch', 1e21],
  ['seed', -3],
  ['seed', 1e300],
  ['update', 'sgd\nimport os'],
  ['update', 'constructor'],
  ['loss', '__proto__'],
  ['steps', 0],
  ['evalEvery', true],
  ['lang', 'zh"><img src=x onerror=alert(1)>'],
];

test('the one list gives the defaults, the attributes, the query and the form', () => {
  assert.deepEqual(
    Object.keys(DEFAULTS),
    SETTINGS.map((s) => s.key),
  );
  assert.deepEqual(ATTRIBUTES, [
    'lr',
    'hidden',
    'batch',
    'loss',
    'update',
    'seed',
    'steps',
    'eval-every',
    'lang',
  ]);
  const form = formFields();
  for (const s of SETTINGS.filter((x) => x.field))
    assert.match(form, new RegExp(`name="${s.key}"`));
  assert.doesNotMatch(form, /name="steps"|name="lang"/);
  assert.equal(toQuery({ ...DEFAULTS, lr: 0.1, evalEvery: 0 }), 'lr=0.1');
});

test('attributes and the query: strings, a bad one replaced by its default and reported', () => {
  const { config, errors } = parseSettings([
    ['lr', '0.1'],
    ['eval-every', '7'],
    ['batch', '128'],
    ['hidden', 'x'],
    ['other', 'y'],
  ]);
  assert.equal(config.lr, 0.1);
  assert.equal(config.evalEvery, 7);
  assert.equal(config.batch, 128);
  assert.equal(config.hidden, 128);
  assert.deepEqual(errors, [{ key: 'hidden', value: 'x', fallback: 128 }]);
  for (const [key, value] of HOSTILE) {
    const r = parseSettings([[key, value]]);
    assert.equal(r.errors.length, 1, `${key} = ${String(value)} accepted`);
    assert.equal(r.config[key], key === 'evalEvery' ? 5 : DEFAULTS[key]);
  }
});

test('reset(config) from JS: each hostile value is a SettingsError naming the setting, and nothing is stored', () => {
  const base = checkConfig({ lr: 0.1, batch: 128 });
  for (const [key, value] of HOSTILE) {
    let thrown;
    try {
      checkConfig({ ...base, [key]: value }, base);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof SettingsError, `${key} = ${String(value)} accepted`);
    assert.equal(thrown.errors.length, 1);
    assert.equal(thrown.errors[0].key, key);
    assert.match(thrown.message, new RegExp(`bad settings: ${key} = `));
  }
  // keys that are not settings, including __proto__ and constructor as own keys, and getters
  const proto = JSON.parse('{"__proto__": {"lr": 5}}');
  assert.throws(
    () => checkConfig(proto),
    (e) => e instanceof SettingsError && e.errors[0].key === '__proto__',
  );
  assert.throws(
    () => checkConfig({ constructor: 'x' }),
    (e) => e.errors[0].key === 'constructor',
  );
  let read = 0;
  const getter = Object.defineProperty({}, 'lr', { enumerable: true, get: () => (read++, 0.1) });
  assert.throws(
    () => checkConfig(getter),
    (e) => e.errors[0].key === 'lr',
  );
  assert.equal(read, 0, 'a getter is never run');
  assert.throws(() => checkConfig('lr=0.1'), SettingsError);
  assert.throws(() => checkConfig(null), SettingsError);
  // what is given is merged over the current settings, parsed
  assert.deepEqual(checkConfig({ lr: 0.5, batch: 'full' }, base), {
    ...base,
    lr: 0.5,
    batch: 'full',
    evalEvery: 50,
  });
  assert.equal(checkConfig({ batch: '512' }).batch, 512);
});

function parsePython(script) {
  const dir = mkdtempSync(join(tmpdir(), 'xtape-export-'));
  const file = join(dir, 'continue_training.py');
  writeFileSync(file, script);
  // The top-level assignments and every name the script calls, from Python's own parser.
  const code = `import ast,json,sys
t=ast.parse(open(sys.argv[1]).read())
a={}
for n in t.body:
    if isinstance(n, ast.Assign):
        for x in n.targets:
            a[ast.unparse(x)]=ast.unparse(n.value)
print(json.dumps({"assign": a, "imports": sorted(m.name for n in ast.walk(t) if isinstance(n,(ast.Import,ast.ImportFrom)) for m in n.names)}))`;
  const r = spawnSync('/usr/bin/python3', ['-c', code, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('the exported TF2 script parses as Python and holds only the expected assignments', () => {
  for (const update of ['manual', 'sgd', 'momentum', 'adam'])
    for (const [loss, batch] of [
      ['mse', 'full'],
      ['ce', 128],
    ]) {
      const config = checkConfig({ lr: 1e-7, update, loss, batch });
      const { assign, imports } = parsePython(tf2Script(config, 12));
      const want = [
        '((x, y), (x_test, y_test))',
        'x',
        'x_test',
        'y',
        'w1',
        'b1',
        'w2',
        'b2',
        'lr',
        'batch',
        'pred',
      ];
      if (update !== 'manual') want.push('optimizer');
      assert.deepEqual(Object.keys(assign).sort(), want.sort());
      assert.equal(assign.lr, '1e-07');
      assert.equal(assign.batch, batch === 'full' ? '60000' : '128');
      assert.deepEqual(imports, ['keras', 'numpy', 'tensorflow']);
    }
});

test('export refuses hostile settings and non-numbers instead of writing them', () => {
  for (const [key, value] of HOSTILE)
    assert.throws(() => tf2Script({ ...DEFAULTS, [key]: value }, 3), SettingsError);
  assert.throws(() => lossCsv([{ step: '1\n=cmd()', epoch: 0, loss: 0.5, ms: 1 }]), TypeError);
  assert.equal(
    lossCsv([{ step: 1, epoch: 0, loss: NaN, ms: 1.23456 }]),
    'step,epoch,loss,ms\n1,0,nan,1.235\n',
  );
  const script = tf2Script(DEFAULTS, '5\nimport os');
  assert.match(script, /after step 0\./);
});
