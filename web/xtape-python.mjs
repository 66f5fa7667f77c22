// <xtape-python>: a runnable block of TF2 Python, run on xtape by Pyodide in a Worker.
//
//   <script type="module" src=".../web/xtape-python.mjs"></script>   (the package: xtape/python)
//   <xtape-python>import tensorflow as tf
//   print(tf.constant(1.))</xtape-python>
//
// Its text content is the program. Every block of a page shares one worker and one interpreter,
// so consecutive blocks run like notebook cells; Run on a block first runs the blocks above it
// that have not run yet. Attributes: editable (a CodeMirror editor, loaded then), chart (printed
// numbers, e.g. print(loss.numpy()) in a loop, drawn as a loss curve), data-url and rows (what
// keras.datasets.fashion_mnist.load_data() loads: the four files' folder, else the packaged
// subset; the first `rows` training rows), storage-key (edits kept in localStorage), lang (en|zh).
// Output: one line per printed line in an element with role="log". Events: run, done, error.
import { LineChart } from './shared/chart.mjs';
import { moduleWorker } from './shared/worker.mjs';

const TEXT = {
  en: {
    run: 'Run',
    stop: 'Stop',
    loading: 'Loading Python (Pyodide, once)…',
    data: 'Loading Fashion-MNIST…',
    running: 'Running…',
    done: (s) => `Done in ${s} s`,
    error: 'Python raised an error:',
    stopped: 'Stopped.',
    restarted:
      'Stopped: the interpreter was restarted (this page cannot share memory with it), so earlier blocks will run again.',
    waiting: 'Waiting for the blocks above…',
    output: 'Output',
    code: 'Python code',
    loss: 'Printed values',
  },
  zh: {
    run: '运行',
    stop: '停止',
    loading: '正在加载 Python（Pyodide，仅一次）…',
    data: '正在加载 Fashion-MNIST…',
    running: '运行中…',
    done: (s) => `用时 ${s} 秒`,
    error: 'Python 出错：',
    stopped: '已停止。',
    restarted: '已停止：解释器已重启（此页面无法与其共享内存），上面的代码块将重新运行。',
    waiting: '等待上面的代码块…',
    output: '输出',
    code: 'Python 代码',
    loss: '打印的数值',
  },
};

const CSS = `
:host { display: block; margin: 12px 0; font: 14px/1.45 system-ui, sans-serif; }
.bar { display: flex; gap: 8px; align-items: center; margin-bottom: 4px; }
button { font: inherit; padding: 4px 14px; border-radius: 6px; border: 1px solid #2a6ebb; background: #2a6ebb; color: #fff; cursor: pointer; }
button.stop { background: #fff; color: #2a6ebb; }
button:disabled { opacity: .45; cursor: default; }
button:focus-visible { outline: 3px solid #f0a000; outline-offset: 1px; }
.status { color: #555; font-size: 13px; }
pre, .editor { margin: 0; border: 1px solid #d6dbe3; border-radius: 6px; background: #f7f8fa; overflow-x: auto; }
pre.code { padding: 8px 10px; font: 13px/1.5 ui-monospace, monospace; }
pre.code span.error-line, .cm-error-line { background: #ffe1e1; }
[role=log] { margin-top: 4px; padding: 6px 10px; font: 13px/1.45 ui-monospace, monospace; white-space: pre; max-height: 360px; overflow: auto; border: 1px solid #e3e6ea; border-radius: 6px; background: #fff; }
[role=log]:empty { display: none; }
[role=log] .stderr { color: #8a5a00; }
[role=log] .traceback { color: #b00020; }
.chart { margin-top: 6px; }
`;

// --- the one worker and interpreter of the page -------------------------------------------------
const shared = {
  worker: null,
  interrupt: null,
  next: 1,
  running: new Map(),
  queue: Promise.resolve(),
  blocks: new Set(),
};

function worker() {
  if (shared.worker) return shared.worker;
  shared.worker = moduleWorker(new URL('./python/worker.mjs', import.meta.url));
  // Stop interrupts through shared memory where the page can share it (cross-origin isolated).
  shared.interrupt = globalThis.crossOriginIsolated
    ? new Int32Array(new SharedArrayBuffer(4))
    : null;
  shared.worker.onmessage = ({ data: m }) => {
    if (m.id !== undefined) shared.running.get(m.id)?.(m);
    else for (const cb of shared.running.values()) cb(m);
  };
  shared.worker.onerror = (e) => {
    e.preventDefault();
    for (const cb of shared.running.values())
      cb({ type: 'error', traceback: e.message || 'the Python worker failed to start' });
  };
  return shared.worker;
}

function restart() {
  shared.worker?.terminate();
  shared.worker = null;
  for (const b of shared.blocks) b.hasRun = false;
}

const dedent = (text) => {
  const lines = text
    .replace(/^\s*\n/, '')
    .replace(/\s+$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
};

class XtapePython extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    shared.blocks.add(this);
    this.lang =
      this.getAttribute('lang') === 'zh' || document.documentElement.lang.startsWith('zh')
        ? 'zh'
        : 'en';
    const t = TEXT[this.lang];
    this.original = dedent(this.textContent);
    const key = this.getAttribute('storage-key');
    this.source = (key && localStorage.getItem(key)) || this.original;
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${CSS}</style>
      <link rel="stylesheet" href="${new URL('../build/vendor/uplot/uPlot.min.css', import.meta.url)}">
      <div class="bar"><button class="run"></button><button class="stop" disabled></button><span class="status" role="status"></span></div>
      <pre class="code" aria-label=""></pre><div class="editor" hidden></div>
      <div role="log" aria-live="polite"></div><div class="chart" hidden></div>`;
    this.$ = (s) => root.querySelector(s);
    this.$('.run').textContent = t.run;
    this.$('.stop').textContent = t.stop;
    this.$('pre.code').setAttribute('aria-label', t.code);
    this.$('[role=log]').setAttribute('aria-label', t.output);
    this.$('.run').addEventListener('click', () => this.run());
    this.$('.stop').addEventListener('click', () => this.stop());
    this.#showCode();
    if (this.hasAttribute('editable')) this.#editor();
  }

  /** The program as it is now (edited or not). */
  get code() {
    return this.view ? this.view.state.doc.toString() : this.source;
  }
  set code(text) {
    this.source = text;
    if (this.view)
      this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
    else this.#showCode();
  }
  /** The printed lines of the last run. */
  get output() {
    return [...this.$('[role=log]').children].map((d) => d.textContent);
  }

  #showCode(errorLine = null) {
    this.$('pre.code').replaceChildren(
      ...this.source.split('\n').map((line, i) => {
        const s = document.createElement('span');
        s.textContent = `${line}\n`;
        if (i + 1 === errorLine) s.className = 'error-line';
        return s;
      }),
    );
  }

  async #editor() {
    const cm = await import('../build/vendor/codemirror.mjs');
    const mark = cm.StateEffect.define();
    const errorLine = cm.StateField.define({
      create: () => cm.Decoration.none,
      update: (deco, tr) => {
        for (const e of tr.effects)
          if (e.is(mark)) {
            if (e.value === null) return cm.Decoration.none;
            const line = tr.state.doc.line(Math.min(e.value, tr.state.doc.lines));
            return cm.Decoration.set([
              cm.Decoration.line({ class: 'cm-error-line' }).range(line.from),
            ]);
          }
        return tr.docChanged ? cm.Decoration.none : deco;
      },
      provide: (f) => cm.EditorView.decorations.from(f),
    });
    this.markLine = (n) => this.view.dispatch({ effects: mark.of(n) });
    const key = this.getAttribute('storage-key');
    this.view = new cm.EditorView({
      parent: this.$('.editor'),
      root: this.shadowRoot,
      state: cm.EditorState.create({
        doc: this.source,
        extensions: [
          cm.basicSetup,
          cm.python(),
          errorLine,
          cm.EditorView.updateListener.of((u) => {
            if (u.docChanged && key) localStorage.setItem(key, u.state.doc.toString());
          }),
        ],
      }),
    });
    this.$('pre.code').hidden = true;
    this.$('.editor').hidden = false;
    this.dispatchEvent(new CustomEvent('editor'));
  }

  #status(text) {
    this.$('.status').textContent = text;
  }

  #line(text, cls) {
    const log = this.$('[role=log]');
    const d = document.createElement('div');
    d.textContent = text;
    if (cls) d.className = cls;
    log.append(d);
    log.scrollTop = log.scrollHeight;
    const v = Number(text);
    if (
      !cls &&
      this.hasAttribute('chart') &&
      /^-?\d+(\.\d*)?(e[-+]?\d+)?$/.test(text.trim()) &&
      Number.isFinite(v)
    ) {
      if (!this.chart) {
        this.$('.chart').hidden = false;
        this.chart = new LineChart(this.$('.chart'), {
          label: TEXT[this.lang].loss,
          series: [{ label: 'print', color: '#c0392b' }],
        });
      }
      this.chart.push(this.chart.points + 1, v);
      this.chart.redraw();
    }
  }

  /** Runs this block, after the blocks above it that have not run yet. */
  async run() {
    const blocks = [...document.querySelectorAll('xtape-python')];
    const before = blocks.slice(0, blocks.indexOf(this)).filter((b) => !b.hasRun);
    this.#status(before.length ? TEXT[this.lang].waiting : '');
    this.$('.run').disabled = true;
    for (const b of before)
      if (!(await b.#execute())) {
        this.$('.run').disabled = false;
        return false;
      }
    return this.#execute();
  }

  #execute() {
    const t = TEXT[this.lang];
    const task = shared.queue.then(
      () =>
        new Promise((resolve) => {
          const id = shared.next++;
          const w = worker();
          this.$('[role=log]').replaceChildren();
          this.chart?.clear();
          this.#showCode();
          this.markLine?.(null);
          this.$('.run').disabled = true;
          this.$('.stop').disabled = false;
          this.started = performance.now();
          this.dispatchEvent(new CustomEvent('run'));
          this.finish = (ok) => {
            shared.running.delete(id);
            this.$('.run').disabled = false;
            this.$('.stop').disabled = true;
            this.finish = null;
            resolve(ok);
          };
          shared.running.set(id, (m) => {
            if (m.type === 'status') this.#status(t[m.text]);
            else if (m.type === 'progress')
              this.#status(
                `${t.data} ${(m.loaded / 1e6).toFixed(1)} / ${(m.total / 1e6).toFixed(1)} MB`,
              );
            else if (m.type === 'stdout') this.#line(m.line);
            else if (m.type === 'stderr') this.#line(m.line, 'stderr');
            else if (m.type === 'done') {
              this.hasRun = true;
              this.#status(t.done(((performance.now() - this.started) / 1000).toFixed(1)));
              this.dispatchEvent(new CustomEvent('done'));
              this.finish(true);
            } else if (m.type === 'error') {
              const interrupted = /KeyboardInterrupt/.test(m.traceback);
              this.#status(interrupted ? t.stopped : t.error);
              if (!interrupted)
                for (const l of m.traceback.replace(/\n$/, '').split('\n'))
                  this.#line(l, 'traceback');
              if (m.line) {
                this.#showCode(m.line);
                this.markLine?.(m.line);
              }
              this.dispatchEvent(
                new CustomEvent('error', { detail: { traceback: m.traceback, line: m.line } }),
              );
              this.finish(false);
            }
          });
          if (shared.interrupt) Atomics.store(shared.interrupt, 0, 0);
          const url = this.getAttribute('data-url');
          const rows = this.hasAttribute('rows') ? Number(this.getAttribute('rows')) : undefined;
          w.postMessage({
            type: 'run',
            id,
            code: this.code,
            filename: `<${this.id || 'cell'}>`,
            interrupt: shared.interrupt,
            data: { url: url ? new URL(url, location.href).href : null, rows },
          });
        }),
    );
    shared.queue = task.catch(() => {});
    return task;
  }

  /** Stops the running program: KeyboardInterrupt where memory can be shared, else a restart. */
  stop() {
    if (!this.finish) return;
    if (shared.interrupt) {
      Atomics.store(shared.interrupt, 0, 2); // SIGINT: Python raises KeyboardInterrupt at its next check
    } else {
      restart();
      this.#status(TEXT[this.lang].restarted);
      this.finish(false);
    }
  }
}

customElements.define('xtape-python', XtapePython);
