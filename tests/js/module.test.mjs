// The module is built for WASM SIMD: the binary holds f32x4 instructions.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert } from './helpers.mjs';

const wasm = fileURLToPath(new URL('../../build/wasm/xtape.wasm', import.meta.url));

test('xtape.wasm holds f32x4 SIMD instructions', () => {
  const dis = execFileSync('wasm-objdump', ['-d', wasm], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const count = (dis.match(/f32x4\.(mul|add)/g) ?? []).length;
  assert.ok(count > 50, `only ${count} f32x4.mul/add instructions`);
  assert.ok(statSync(wasm).size < 2_000_000);
});
