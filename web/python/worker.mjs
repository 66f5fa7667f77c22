// The Python worker: Pyodide with xtape's `tensorflow` package (js/python.mjs), one per page and
// shared by every <xtape-python> block, so that blocks run like notebook cells in one interpreter.
// Started on the first Run only: a reader who never runs Python downloads none of it.
// In:  {type: 'run', id, code, filename, data: {url, rows, stallMs, mnistUrl}, interrupt}
//      (interrupt: Int32Array on a SharedArrayBuffer, where the page can share memory; Stop
//      writes 2 into it)
// Out: {type: 'status', text}, {type: 'progress', loaded, total}, {type: 'stdout'|'stderr', id, line},
//      {type: 'fit', id, event} (keras fit's progress, for the live chart: js/python.mjs onFit),
//      {type: 'done', id}, {type: 'error', id, traceback, line, fatal}  (fatal: the interpreter
//      failed as a whole, e.g. its stack overflowed, and can no longer be used)
let python = null;
let current = null;
let dataKey = null;
let mnistLoaded = null;
const post = (m) => postMessage(m);

onmessage = async ({ data: msg }) => {
  if (msg.type !== 'run') return;
  current = msg.id;
  try {
    if (!python) {
      post({ type: 'status', text: 'loading' });
      const { loadPython } = await import('../../js/python.mjs');
      python = await loadPython({
        stdout: (line) => post({ type: 'stdout', id: current, line }),
        stderr: (line) => post({ type: 'stderr', id: current, line }),
        onProgress: (p) => post({ type: 'progress', loaded: p.loaded, total: p.total }),
        onFit: (event) => post({ type: 'fit', id: current, event }),
        interruptBuffer: msg.interrupt,
      });
    }
    const { url, rows, stallMs, mnistUrl } = msg.data ?? {};
    // MNIST for keras.datasets.mnist.load_data(), from mnist-url (without one, Python's error
    // says how to give it)
    const mnistKey = JSON.stringify([mnistUrl, stallMs]);
    if (
      mnistUrl &&
      /(?<!fashion_)mnist\.load_data\s*\(/.test(msg.code) &&
      mnistLoaded !== mnistKey
    ) {
      post({ type: 'status', text: 'data' });
      await python.loadData({ mnist: { url: mnistUrl, stallMs } });
      mnistLoaded = mnistKey;
    }
    // Fashion-MNIST for any other load_data()
    const key = JSON.stringify([url, rows, stallMs]);
    if (
      /fashion_mnist\.load_data\s*\(|(?<!mnist\.)load_data\s*\(/.test(msg.code) &&
      dataKey !== key
    ) {
      post({ type: 'status', text: 'data' });
      try {
        await python.loadData(url ? { url, rows, stallMs } : { subset: true, rows });
      } catch (e) {
        if (!url) throw e;
        // as <xtape-trainer>: the packaged subset, and the reason on stderr
        post({
          type: 'stderr',
          id: msg.id,
          line: `load_data(): ${e.message}; using the packaged subset (2,000 training and 500 test images)`,
        });
        await python.loadData({ subset: true, rows });
      }
      dataKey = key;
    }
    post({ type: 'status', text: 'running' });
    await python.run(msg.code, msg.filename);
    post({ type: 'done', id: msg.id });
  } catch (e) {
    const fatal = e?.name === 'PythonFatalError';
    if (fatal) python = null;
    post({
      type: 'error',
      id: msg.id,
      traceback: e.traceback ?? `${e.name}: ${e.message}`,
      line: e.line ?? null,
      fatal,
    });
  }
};
