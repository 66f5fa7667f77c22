// Loads the compiled core for the current environment: the ES-module build in a page or a
// Worker, the CommonJS build under Node (the 3.1.6 ES6 glue cannot run there).
const inNode = typeof process !== 'undefined' && !!process.versions?.node &&
  typeof window === 'undefined' && typeof WorkerGlobalScope === 'undefined';

async function load() {
  if (inNode) {
    const { createRequire } = await import('node:module');
    const { readFileSync } = await import('node:fs');
    const require = createRequire(import.meta.url);
    const path = require.resolve('../build/wasm/xtape.node.cjs');
    const create = require(path);
    // Handing over the bytes avoids the glue's fetch() of a file path.
    return create({ wasmBinary: readFileSync(path.replace(/\.cjs$/, '.wasm')) });
  }
  const { default: create } = await import('../build/wasm/xtape.mjs');
  return create();
}

/** The Emscripten module (embind functions over integer handles). */
export const M = await load();
export { inNode };
