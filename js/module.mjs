// Loads the compiled core for the current environment: the ES-module build in a page or a
// Worker, the CommonJS build under Node (the 3.1.6 ES6 glue cannot run there). The pthreads build
// (xtape.mt.*) is used when it exists and the context can share memory (a cross-origin isolated
// page or Worker, or Node); otherwise the single-thread build. XTAPE_THREADS=0 (Node) or
// globalThis.XTAPE_THREADS = false (before the first import) forces single-thread.
const inNode = typeof process !== 'undefined' && !!process.versions?.node &&
  typeof window === 'undefined' && typeof WorkerGlobalScope === 'undefined';

function wantThreads() {
  if (globalThis.XTAPE_THREADS === false) return false;
  if (inNode) return process.env.XTAPE_THREADS !== '0';
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined';
}

async function loadNode(name) {
  const { createRequire } = await import('node:module');
  const { readFileSync, existsSync } = await import('node:fs');
  const require = createRequire(import.meta.url);
  const path = new URL(`../build/wasm/${name}.node.cjs`, import.meta.url).pathname;
  if (!existsSync(path)) return null;
  const create = require(path);
  // Handing over the bytes avoids the glue's fetch() of a file path.
  const m = await create({ wasmBinary: readFileSync(path.replace(/\.cjs$/, '.wasm')) });
  // The pthread pool's worker_threads must not keep the process alive once the program is done.
  for (const w of [...(m.PThread?.unusedWorkers ?? []), ...(m.PThread?.runningWorkers ?? [])]) w.unref?.();
  return m;
}

async function loadWeb(name) {
  let create;
  try {
    ({ default: create } = await import(`../build/wasm/${name}.mjs`));
  } catch {
    return null;
  }
  return create();
}

async function load() {
  const threads = wantThreads();
  const get = inNode ? loadNode : loadWeb;
  const m = (threads && (await get('xtape.mt'))) || (await get('xtape'));
  if (!m) throw new Error('xtape: build/wasm/xtape.* is missing; run `npm run build`');
  return m;
}

/** The Emscripten module (embind functions over integer handles). */
export const M = await load();
export const threaded = M.numThreads() > 1;
export { inNode };
