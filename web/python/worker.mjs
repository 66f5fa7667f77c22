// The Python worker: Pyodide with xtape's `tensorflow` package (js/python.mjs), one per page and
// shared by every <xtape-python> block, so that blocks run like notebook cells in one interpreter.
// Started on the first Run only: a reader who never runs Python downloads none of it.
// In:  {type: 'run', id, code, filename, data: {url, rows}, interrupt}  (interrupt: Int32Array on
//      a SharedArrayBuffer, where the page can share memory; Stop writes 2 into it)
// Out: {type: 'status', text}, {type: 'progress', loaded, total}, {type: 'stdout'|'stderr', id, line},
//      {type: 'done', id}, {type: 'error', id, traceback, line}
let python = null;
let current = null;
let dataKey = null;
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
        interruptBuffer: msg.interrupt,
      });
    }
    const key = JSON.stringify(msg.data ?? {});
    if (/load_data\s*\(/.test(msg.code) && dataKey !== key) {
      post({ type: 'status', text: 'data' });
      const { url, rows } = msg.data ?? {};
      await python.loadData(url ? { url, rows } : { subset: true, rows });
      dataKey = key;
    }
    post({ type: 'status', text: 'running' });
    await python.run(msg.code, msg.filename);
    post({ type: 'done', id: msg.id });
  } catch (e) {
    post({
      type: 'error',
      id: msg.id,
      traceback: e.traceback ?? `${e.name}: ${e.message}`,
      line: e.line ?? null,
    });
  }
};
