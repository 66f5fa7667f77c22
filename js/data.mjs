// Fashion-MNIST from the four gzip IDX files that Debian's dataset-fashion-mnist installs:
// fetched and inflated with DecompressionStream in a page or Worker, read from disk under Node,
// parsed by the core's IDX reader. Returns uint8 tensors, as keras.datasets...load_data() does.
import { inNode } from './module.mjs';
import { io, XtapeError } from './xtape.mjs';

export const FILES = {
  xTrain: 'train-images-idx3-ubyte.gz',
  yTrain: 'train-labels-idx1-ubyte.gz',
  xTest: 't10k-images-idx3-ubyte.gz',
  yTest: 't10k-labels-idx1-ubyte.gz',
};
export const DEFAULT_DIR = '/usr/share/datasets/fashion-mnist';
const HOW = 'install it with `apt-get install dataset-fashion-mnist` (npm start serves it at /data/)';

/**
 * loadFashionMnist({url, dir, onProgress}) -> {xTrain, yTrain, xTest, yTest}
 * url: where a page finds the files (default: /data/ on the page's origin);
 * dir: where Node reads them (default: Debian's path);
 * onProgress({loaded, total, file}): bytes read so far, of the compressed files.
 */
export async function loadFashionMnist({ url, dir = DEFAULT_DIR, onProgress } = {}) {
  const raw = inNode ? await readNode(dir, onProgress) : await fetchAll(url, onProgress);
  const out = {};
  try {
    for (const [k, file] of Object.entries(FILES)) {
      out[k] = io.parseIdx(raw[k], file);
      delete raw[k]; // the inflated bytes can go as soon as they are in the heap
    }
    // As the C++ loader: images [N, 28, 28], labels [N].
    for (const [x, y] of [['xTrain', 'yTrain'], ['xTest', 'yTest']]) {
      const [n, h, w] = out[x].shape;
      if (out[x].rank !== 3 || h !== 28 || w !== 28 || out[y].rank !== 1 || out[y].shape[0] !== n)
        throw new XtapeError(`Fashion-MNIST: images [${out[x].shape}] (${FILES[x]}) and labels [${out[y].shape}] (${FILES[y]}) do not match`);
    }
  } catch (e) {
    Object.values(out).forEach((t) => t.dispose()); // nothing loaded stays in the heap
    throw e;
  }
  return out;
}

// The most a file may inflate to: the training images are 47,040,016 bytes; a gzip bomb stops here.
export const MAX_INFLATED = 64 << 20;

async function readNode(dir, onProgress) {
  const { readFile, stat } = await import('node:fs/promises');
  const { gunzipSync } = await import('node:zlib');
  const total = { loaded: 0, total: 0 };
  const sizes = {};
  for (const [k, f] of Object.entries(FILES)) {
    try {
      sizes[k] = (await stat(`${dir}/${f}`)).size;
    } catch {
      throw new XtapeError(`${dir}/${f}: not found; ${HOW}`);
    }
    total.total += sizes[k];
  }
  const raw = {};
  for (const [k, f] of Object.entries(FILES)) {
    const gz = await readFile(`${dir}/${f}`);
    try {
      raw[k] = new Uint8Array(gunzipSync(gz, { maxOutputLength: MAX_INFLATED }));
    } catch (e) {
      throw new XtapeError(`${dir}/${f}: corrupt gzip data (${e.message}); reinstall dataset-fashion-mnist`);
    }
    total.loaded += sizes[k];
    onProgress?.({ ...total, file: f });
  }
  return raw;
}

async function fetchAll(url, onProgress) {
  const base = new URL(url ?? '/data/', globalThis.location?.href);
  const responses = {};
  await Promise.all(Object.entries(FILES).map(async ([k, f]) => {
    let r;
    try {
      r = await fetch(new URL(f, base));
    } catch (e) {
      throw new XtapeError(`${new URL(f, base)}: ${e.message}; ${HOW}`);
    }
    if (!r.ok) throw new XtapeError(`${r.url}: HTTP ${r.status}; Fashion-MNIST is missing: ${HOW}`);
    responses[k] = r;
  }));
  const progress = { loaded: 0, total: 0 };
  for (const r of Object.values(responses)) progress.total += Number(r.headers.get('content-length') ?? 0);
  const raw = {};
  await Promise.all(Object.entries(responses).map(async ([k, r]) => {
    const counted = r.body.pipeThrough(new TransformStream({
      transform(chunk, ctl) {
        progress.loaded += chunk.byteLength;
        onProgress?.({ ...progress, file: FILES[k] });
        ctl.enqueue(chunk);
      },
    }));
    try {
      let inflated = 0;
      const capped = counted.pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TransformStream({
        transform(chunk, ctl) {
          inflated += chunk.byteLength;
          if (inflated > MAX_INFLATED) throw new Error(`inflates past ${MAX_INFLATED} bytes`);
          ctl.enqueue(chunk);
        },
      }));
      raw[k] = new Uint8Array(await new Response(capped).arrayBuffer());
    } catch (e) {
      throw new XtapeError(`${r.url}: corrupt gzip data (${e.message}); reinstall dataset-fashion-mnist`);
    }
  }));
  return raw;
}
