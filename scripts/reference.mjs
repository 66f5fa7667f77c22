#!/usr/bin/env node
// The float64 reference curve the page overlays for its default recipe (full batch, seed 42,
// lr 0.01, MSE, assign_sub, 128 hidden units): the initial weights of xtape's seeded Generator
// (written by the C++ example), trained by tests/reference/reference_f64.cpp, an independent
// float64 implementation. Writes web/trainer/reference/default.json (50 steps, ~3 minutes natively):
//   node scripts/reference.mjs            regenerate
//   node scripts/reference.mjs --check K  recompute the first K steps and compare (npm test)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = join(root, 'web/trainer/reference/default.json');
const SETTINGS = { batch: 'full', seed: 42, lr: 0.01, loss: 'mse', update: 'manual', hidden: 128 };
const check = process.argv.includes('--check')
  ? Number(process.argv[process.argv.indexOf('--check') + 1])
  : 0;
const steps = check || 50;

const dir = mkdtempSync(join(tmpdir(), 'xtape-ref-'));
try {
  execFileSync(join(root, 'build/native/forward_propagation'), [
    '--seed',
    String(SETTINGS.seed),
    '--steps',
    '0',
    '--save',
    dir,
  ]);
  const out = execFileSync(
    join(root, 'build/native/reference_f64'),
    ['--init', dir, '--steps', String(steps), '--lr', String(SETTINGS.lr)],
    { encoding: 'utf8' },
  );
  const losses = [...out.matchAll(/^step \d+ loss (\S+)$/gm)].map((m) => Number(m[1]));
  if (losses.length !== steps)
    throw new Error(`reference_f64 printed ${losses.length} losses, not ${steps}`);
  if (check) {
    const shipped = JSON.parse(readFileSync(file, 'utf8')).losses.slice(0, check);
    const worst = Math.max(...shipped.map((l, i) => Math.abs(l - losses[i]) / losses[i]));
    console.log(
      `reference: the shipped curve's first ${check} steps match reference_f64 to ${worst.toExponential(1)}`,
    );
    if (!(worst < 1e-9)) process.exit(1);
  } else {
    mkdirSync(join(root, 'web/trainer/reference'), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          about:
            'float64 losses of the default recipe from the initial weights of Generator.fromSeed(42), by tests/reference/reference_f64.cpp (scripts/reference.mjs)',
          settings: SETTINGS,
          losses,
        },
        null,
        1,
      )}\n`,
    );
    console.log(`wrote ${file}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
