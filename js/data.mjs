// Fashion-MNIST from the four gzip IDX files that Debian's dataset-fashion-mnist installs:
// fetched and inflated with DecompressionStream in a page or Worker, read from disk under Node,
// parsed by the core's IDX reader. Returns uint8 tensors, as keras.datasets...load_data() does.
import { inNode, nodeModule } from './module.mjs';
import { XtapeError } from './errors.mjs';
import { io } from './io.mjs';

export const FILES = {
  xTrain: 'train-images-idx3-ubyte.gz',
  yTrain: 'train-labels-idx1-ubyte.gz',
  xTest: 't10k-images-idx3-ubyte.gz',
  yTest: 't10k-labels-idx1-ubyte.gz',
};
export const DEFAULT_DIR = '/usr/share/datasets/fashion-mnist';
// The packaged subset (scripts/assets.mjs): the first 2,000 training and 500 test images, the same
// four files. Static URLs, so that bundlers copy them.
const SUBSET = {
  xTrain: new URL('../build/data/fashion-mnist-subset/train-images-idx3-ubyte.gz', import.meta.url),
  yTrain: new URL('../build/data/fashion-mnist-subset/train-labels-idx1-ubyte.gz', import.meta.url),
  xTest: new URL('../build/data/fashion-mnist-subset/t10k-images-idx3-ubyte.gz', import.meta.url),
  yTest: new URL('../build/data/fashion-mnist-subset/t10k-labels-idx1-ubyte.gz', import.meta.url),
};
const HOW =
  'install it with `apt-get install dataset-fashion-mnist` (npm start serves it at /data/)';

/**
 * loadFashionMnist({url, dir, subset, onProgress}) -> {xTrain, yTrain, xTest, yTest, subset}
 * url: the folder a page fetches the four files from (any origin that allows it);
 * dir: the folder Node reads them from (default: Debian's path);
 * subset: true, or no url in a page: the packaged subset of 2,000 + 500 images (subset: true in
 * the result);
 * onProgress({loaded, total, file}): bytes read so far, of the compressed files;
 * stallMs: a download that gets fewer than STALL_BYTES in any stallMs (no headers, a trickle)
 * fails with a DeadlineExceededError (default STALL_MS).
 */
export async function loadFashionMnist({
  url,
  dir = DEFAULT_DIR,
  subset,
  onProgress,
  stallMs = STALL_MS,
} = {}) {
  subset ??= !inNode && url === undefined;
  if (!(Number.isFinite(stallMs) && stallMs > 0))
    throw new XtapeError(`loadFashionMnist: stallMs must be a positive number, got ${stallMs}`);
  let raw;
  if (subset)
    raw = await (inNode ? readNode(SUBSET, onProgress) : fetchAll(SUBSET, onProgress, stallMs));
  else if (inNode)
    raw = await readNode(
      Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, `${dir}/${f}`])),
      onProgress,
    );
  else {
    const base = new URL(url, globalThis.location?.href);
    raw = await fetchAll(
      Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, new URL(f, base)])),
      onProgress,
      stallMs,
    );
  }
  const out = {};
  try {
    for (const [k, file] of Object.entries(FILES)) {
      out[k] = io.parseIdx(raw[k], file);
      delete raw[k]; // the inflated bytes can go as soon as they are in the heap
    }
    // As the C++ loader: images [N, 28, 28], labels [N].
    for (const [x, y] of [
      ['xTrain', 'yTrain'],
      ['xTest', 'yTest'],
    ]) {
      const [n, h, w] = out[x].shape;
      if (out[x].rank !== 3 || h !== 28 || w !== 28 || out[y].rank !== 1 || out[y].shape[0] !== n)
        throw new XtapeError(
          `Fashion-MNIST: images [${out[x].shape}] (${FILES[x]}) and labels [${out[y].shape}] (${FILES[y]}) do not match`,
        );
    }
  } catch (e) {
    Object.values(out).forEach((t) => t.dispose()); // nothing loaded stays in the heap
    throw e;
  }
  return { ...out, subset };
}

// The most a file may inflate to: the training images are 47,040,016 bytes; a gzip bomb stops here.
// A download may not be larger either (the compressed training images are 26 MB): an endless
// stream that inflates to little stops here too.
export const MAX_INFLATED = 64 << 20;
// A stalled download: fewer than STALL_BYTES arrived in STALL_MS (or no response at all).
export const STALL_MS = 20000;
export const STALL_BYTES = 64 << 10;

// paths: {xTrain: path or file URL, ...}
async function readNode(paths, onProgress) {
  const { readFile, stat } = await nodeModule('fs/promises');
  const { gunzipSync } = await nodeModule('zlib');
  const total = { loaded: 0, total: 0 };
  const sizes = {};
  for (const [k, p] of Object.entries(paths)) {
    try {
      sizes[k] = (await stat(p)).size;
    } catch {
      throw new XtapeError(`${p}: not found; ${HOW} (or pass {subset: true})`, 'NotFoundError');
    }
    total.total += sizes[k];
  }
  const raw = {};
  for (const [k, p] of Object.entries(paths)) {
    const gz = await readFile(p);
    try {
      raw[k] = new Uint8Array(gunzipSync(gz, { maxOutputLength: MAX_INFLATED }));
    } catch (e) {
      throw new XtapeError(
        `${p}: corrupt gzip data (${e.message}); reinstall dataset-fashion-mnist`,
      );
    }
    total.loaded += sizes[k];
    onProgress?.({ ...total, file: FILES[k] });
  }
  return raw;
}

// urls: {xTrain: URL, ...}. One watchdog for the four downloads: every stallMs, at least
// STALL_BYTES more must have arrived, or all four are aborted. A failure names its cause: the
// network (a failed request or body), a stall, an oversized file or corrupt gzip data.
async function fetchAll(urls, onProgress, stallMs) {
  const abort = new AbortController();
  const progress = { loaded: 0, total: 0 };
  let seen = 0;
  let stalled = null;
  const watchdog = setInterval(() => {
    if (progress.loaded - seen < STALL_BYTES) {
      stalled = new XtapeError(
        `${Object.values(urls)[0].href.replace(/[^/]*$/, '')}: the download stalled ` +
          `(${progress.loaded - seen} bytes in ${stallMs / 1000} s, ${progress.loaded} in all)`,
        'DeadlineExceededError',
      );
      abort.abort(stalled);
    }
    seen = progress.loaded;
  }, stallMs);
  try {
    return await fetchFiles(urls, onProgress, progress, abort.signal, () => stalled);
  } catch (e) {
    abort.abort(e); // the other downloads stop too
    throw stalled ?? e;
  } finally {
    clearInterval(watchdog);
  }
}

async function fetchFiles(urls, onProgress, progress, signal, stalled) {
  const responses = {};
  await Promise.all(
    Object.entries(urls).map(async ([k, u]) => {
      let r;
      try {
        r = await fetch(u, { signal });
      } catch (e) {
        throw stalled() ?? new XtapeError(`${u}: ${e.message}; ${HOW}`, 'NotFoundError');
      }
      if (!r.ok)
        throw new XtapeError(
          `${r.url}: HTTP ${r.status}; Fashion-MNIST is missing: ${HOW}`,
          'NotFoundError',
        );
      responses[k] = r;
    }),
  );
  for (const r of Object.values(responses))
    progress.total += Number(r.headers.get('content-length') ?? 0);
  const raw = {};
  await Promise.all(
    Object.entries(responses).map(async ([k, r]) => {
      // the body, counted; a failure to read it is the network's, not the data's
      const reader = r.body.getReader();
      let received = 0;
      let failed = null;
      const counted = new ReadableStream({
        async pull(ctl) {
          let chunk;
          try {
            chunk = await reader.read();
          } catch (e) {
            throw (failed = e);
          }
          if (chunk.done) return ctl.close();
          received += chunk.value.byteLength;
          if (received > MAX_INFLATED)
            throw (failed = new Error(`the file is larger than ${MAX_INFLATED} bytes`));
          progress.loaded += chunk.value.byteLength;
          onProgress?.({ ...progress, file: FILES[k] });
          ctl.enqueue(chunk.value);
        },
        cancel: (why) => reader.cancel(why),
      });
      // inflated here, chunk by chunk, so that a failure keeps the inflater's own message
      const inflater = counted.pipeThrough(new DecompressionStream('gzip')).getReader();
      const chunks = [];
      let inflated = 0;
      try {
        for (let c = await inflater.read(); !c.done; c = await inflater.read()) {
          inflated += c.value.byteLength;
          if (inflated > MAX_INFLATED) throw new Error(`inflates past ${MAX_INFLATED} bytes`);
          chunks.push(c.value);
        }
        raw[k] = new Uint8Array(inflated);
        for (let i = 0, at = 0; i < chunks.length; at += chunks[i].byteLength, i++)
          raw[k].set(chunks[i], at);
      } catch (e) {
        inflater.cancel().catch(() => {});
        throw (
          stalled() ??
          (failed
            ? new XtapeError(
                `${r.url}: the download failed (${failed.message})`,
                'UnavailableError',
              )
            : new XtapeError(
                `${r.url}: corrupt gzip data (${e.message}); reinstall dataset-fashion-mnist`,
              ))
        );
      }
    }),
  );
  return raw;
}
