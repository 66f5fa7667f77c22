// The module is built for WASM SIMD: the binary holds f32x4 instructions.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert } from './helpers.mjs';

const wasm = fileURLToPath(new URL('../../build/wasm/xtape.wasm', import.meta.url));

test('xtape.wasm holds f32x4 SIMD instructions', () => {
  const dis = execFileSync('wasm-objdump', ['-d', wasm], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const count = (dis.match(/f32x4\.(mul|add)/g) ?? []).length;
  assert.ok(count > 50, `only ${count} f32x4.mul/add instructions`);
  assert.ok(statSync(wasm).size < 2_000_000);
});

test('the relaxed-SIMD FMA GEMM (node --experimental-wasm-relaxed-simd) matches a float64 product', () => {
  const script = `
    const xtape = await import(${JSON.stringify(new URL('../../js/index.mjs', import.meta.url).href)});
    if (!xtape.env.relaxedSimd) throw new Error('relaxed SIMD kernel not plugged in');
    let worst = 0;
    for (const [m, n, k, ta, tb] of [[37, 48, 1100, false, false], [64, 33, 300, true, false], [130, 16, 5, false, true], [2, 16, 1, true, true]]) {
      const a = xtape.random.uniform(ta ? [k, m] : [m, k], { minval: -1, maxval: 1, seed: 1 }).data();
      const b = xtape.random.uniform(tb ? [n, k] : [k, n], { minval: -1, maxval: 1, seed: 2 }).data();
      const c = xtape.matmul(xtape.constant(a, ta ? [k, m] : [m, k]), xtape.constant(b, tb ? [n, k] : [k, n]), ta, tb).data();
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        worst = Math.max(worst, Math.abs(c[i * n + j] - s));
      }
    }
    console.log(worst);`;
  const out = execFileSync(
    'node',
    ['--experimental-wasm-relaxed-simd', '--input-type=module', '-e', script],
    { encoding: 'utf8', env: { ...process.env, XTAPE_THREADS: '0' } },
  );
  assert.ok(Number(out) < 1e-4, `max error ${out}`);
});
