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
// subset; the first `rows` training rows; data-timeout: seconds a stalled download waits before
// the subset is used instead, default 20), mnist-url (the four MNIST files' folder, for
// keras.datasets.mnist.load_data()), storage-key (edits kept in localStorage), lang (en|zh).
// Output: the printed lines in an element with role="log", drawn once per animation frame; the
// last SHOWN_LINES are shown, a note above says how many earlier ones are not and saves them all
// (up to KEPT_LINES) as a text file. A keras fit draws its own live chart (loss and metrics per
// step, validation per epoch: shared/fit-chart.mjs), with or without `chart`. Stop interrupts (KeyboardInterrupt where the page can share
// memory with the worker); a second Stop, a program that is still running STOP_GRACE_MS later,
// or a fatal interpreter error restarts the interpreter and says so. Events: run, done, error.
import { LineChart } from './shared/chart.mjs';
import { FitChart } from './shared/fit-chart.mjs';
import { moduleWorker } from './shared/worker.mjs';

export const SHOWN_LINES = 1000; // lines in the log; a long task draws no more than these
export const KEPT_LINES = 200000; // lines kept for Save (and .output); older ones are dropped
export const STOP_GRACE_MS = 3000; // after Stop, a program still running is stopped by a restart
const CHART_REDRAW_MS = 250; // the chart of printed values redraws at most 4 times a second

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
    stopping: 'Stopping… (Stop again to restart Python)',
    restarted:
      'Stopped: the interpreter was restarted (this page cannot share memory with it), so earlier blocks will run again.',
    forced:
      'Stopped: the program did not stop at the interrupt, so the interpreter was restarted; earlier blocks will run again.',
    fatal:
      'Python failed (a fatal interpreter error): the interpreter was restarted, so earlier blocks will run again.',
    hidden: (n) => `${n.toLocaleString('en')} earlier lines are not shown.`,
    dropped: (n) => ` ${n.toLocaleString('en')} more were printed before them and not kept.`,
    save: (n) => `Save ${n.toLocaleString('en')} lines as text`,
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
    stopping: '正在停止…（再按一次“停止”将重启 Python）',
    restarted: '已停止：解释器已重启（此页面无法与其共享内存），上面的代码块将重新运行。',
    forced: '已停止：程序未响应中断，解释器已重启，上面的代码块将重新运行。',
    fatal: 'Python 发生致命错误：解释器已重启，上面的代码块将重新运行。',
    hidden: (n) => `前面还有 ${n} 行未显示。`,
    dropped: (n) => `在此之前另有 ${n} 行未保留。`,
    save: (n) => `将 ${n} 行保存为文本`,
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
.more { margin-top: 4px; font-size: 13px; color: #555; }
.more button { padding: 1px 8px; margin-left: 6px; background: #fff; color: #2a6ebb; }
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
      cb({ type: 'error', fatal: true, traceback: e.message || 'the Python worker failed' });
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
      <div class="more" hidden><span></span><button class="save" type="button"></button></div>
      <div role="log" aria-live="polite"></div><div class="chart" hidden></div><div class="fit chart" hidden></div>`;
    this.$ = (s) => root.querySelector(s);
    this.$('.run').textContent = t.run;
    this.$('.stop').textContent = t.stop;
    this.$('pre.code').setAttribute('aria-label', t.code);
    this.$('[role=log]').setAttribute('aria-label', t.output);
    this.$('.run').addEventListener('click', () => this.run());
    this.$('.stop').addEventListener('click', () => this.stop());
    this.$('.save').addEventListener('click', () => this.#save());
    this.#clearOutput();
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
  /** The printed lines of the last run (the last KEPT_LINES of them), tracebacks included. */
  get output() {
    return this.lines.map((l) => l.text);
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

  // Output: kept at once, drawn once per frame (or at the end of the run).
  #clearOutput() {
    this.lines = [];
    this.dropped = 0;
    this.pending = [];
    if (this.drawFrame) cancelAnimationFrame(this.drawFrame);
    this.drawFrame = 0;
    this.$('[role=log]').replaceChildren();
    this.$('.more').hidden = true;
    this.chart?.clear();
    this.fitChart?.clear();
  }

  #line(text, cls) {
    const line = { text, cls };
    this.lines.push(line);
    if (this.lines.length > 2 * KEPT_LINES) {
      this.dropped += this.lines.length - KEPT_LINES;
      this.lines = this.lines.slice(-KEPT_LINES); // amortised: a copy per KEPT_LINES lines
    }
    this.pending.push(line);
    if (this.pending.length > 2 * SHOWN_LINES) this.pending = this.pending.slice(-SHOWN_LINES);
    if (
      !cls &&
      this.hasAttribute('chart') &&
      /^-?\d+(\.\d*)?(e[-+]?\d+)?$/.test(text.trim()) &&
      Number.isFinite(Number(text))
    ) {
      if (!this.chart) {
        this.$('.chart').hidden = false;
        this.chart = new LineChart(this.$('.chart'), {
          label: TEXT[this.lang].loss,
          series: [{ label: 'print', color: '#c0392b' }],
        });
      }
      this.chart.push(this.chart.points + 1, Number(text));
    }
    this.drawFrame ||= requestAnimationFrame(() => this.#draw());
  }

  // Appends the pending lines (at most SHOWN_LINES), drops the oldest past SHOWN_LINES, says how
  // many are hidden; the chart at most every CHART_REDRAW_MS.
  #draw(final = false) {
    if (this.drawFrame) cancelAnimationFrame(this.drawFrame);
    this.drawFrame = 0;
    const log = this.$('[role=log]');
    const fresh = this.pending.slice(-SHOWN_LINES);
    this.pending = [];
    if (fresh.length) {
      if (fresh.length === SHOWN_LINES) log.replaceChildren();
      const frag = document.createDocumentFragment();
      for (const { text, cls } of fresh) {
        const d = document.createElement('div');
        d.textContent = text;
        if (cls) d.className = cls;
        frag.append(d);
      }
      log.append(frag);
      for (let n = log.childElementCount - SHOWN_LINES; n > 0; n--) log.firstElementChild.remove();
      log.scrollTop = log.scrollHeight;
    }
    const hidden = this.lines.length + this.dropped - log.childElementCount;
    const more = this.$('.more');
    more.hidden = hidden <= 0;
    if (hidden > 0) {
      const t = TEXT[this.lang];
      more.firstElementChild.textContent =
        t.hidden(hidden) + (this.dropped ? t.dropped(this.dropped) : '');
      this.$('.save').textContent = t.save(this.lines.length);
    }
    const charts = [this.chart, this.fitChart].filter(Boolean);
    if (charts.length && (final || !(performance.now() - (this.chartAt ?? 0) < CHART_REDRAW_MS))) {
      this.chartAt = performance.now();
      for (const c of charts) c.redraw();
    } else if (charts.some((c) => c.dirty))
      this.drawFrame = requestAnimationFrame(() => this.#draw());
  }

  #save() {
    const text = this.lines.map((l) => `${l.text}\n`).join('');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    a.download = `${this.id || 'output'}.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
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
          this.#clearOutput();
          this.#showCode();
          this.markLine?.(null);
          this.$('.run').disabled = true;
          this.$('.stop').disabled = false;
          this.started = performance.now();
          this.dispatchEvent(new CustomEvent('run'));
          this.finish = (ok) => {
            shared.running.delete(id);
            clearTimeout(this.stopTimer);
            this.stopping = false;
            this.#draw(true);
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
            else if (m.type === 'fit') {
              this.fitChart ??= new FitChart(this.$('.fit'), this.lang);
              this.fitChart.event(m.event);
              this.drawFrame ||= requestAnimationFrame(() => this.#draw());
            } else if (m.type === 'done') {
              this.hasRun = true;
              this.#status(t.done(((performance.now() - this.started) / 1000).toFixed(1)));
              this.#draw(true); // the output is on the page when `done` fires
              this.dispatchEvent(new CustomEvent('done'));
              this.finish(true);
            } else if (m.type === 'error') {
              const interrupted = /KeyboardInterrupt/.test(m.traceback);
              this.#status(m.fatal ? t.fatal : interrupted ? t.stopped : t.error);
              if (m.fatal) restart(); // the interpreter can no longer be used
              if (!interrupted)
                for (const l of m.traceback.replace(/\n$/, '').split('\n'))
                  this.#line(l, 'traceback');
              if (m.line) {
                this.#showCode(m.line);
                this.markLine?.(m.line);
              }
              this.#draw(true);
              this.dispatchEvent(
                new CustomEvent('error', { detail: { traceback: m.traceback, line: m.line } }),
              );
              this.finish(false);
            }
          });
          if (shared.interrupt) Atomics.store(shared.interrupt, 0, 0);
          const url = this.getAttribute('data-url');
          const mnist = this.getAttribute('mnist-url');
          const rows = this.hasAttribute('rows') ? Number(this.getAttribute('rows')) : undefined;
          const timeout = Number(this.getAttribute('data-timeout'));
          const stallMs = timeout > 0 && timeout <= 3600 ? timeout * 1000 : undefined;
          w.postMessage({
            type: 'run',
            id,
            code: this.code,
            filename: `<${this.id || 'cell'}>`,
            interrupt: shared.interrupt,
            data: {
              url: url ? new URL(url, location.href).href : null,
              rows,
              stallMs,
              mnistUrl: mnist ? new URL(mnist, location.href).href : null,
            },
          });
        }),
    );
    shared.queue = task.catch(() => {});
    return task;
  }

  /**
   * Stops the running program: KeyboardInterrupt where memory can be shared, else a restart. A
   * second Stop, or a program still running STOP_GRACE_MS after the first (a bare `except:` that
   * swallows the interrupt), restarts the interpreter.
   */
  stop() {
    if (!this.finish) return;
    const t = TEXT[this.lang];
    if (shared.interrupt && !this.stopping) {
      this.stopping = true;
      this.#status(t.stopping);
      Atomics.store(shared.interrupt, 0, 2); // SIGINT: Python raises KeyboardInterrupt at its next check
      this.stopTimer = setTimeout(() => this.#forceStop(t.forced), STOP_GRACE_MS);
    } else this.#forceStop(shared.interrupt ? t.forced : t.restarted);
  }

  #forceStop(text) {
    if (!this.finish) return;
    restart();
    this.#status(text);
    this.dispatchEvent(new CustomEvent('error', { detail: { traceback: text, line: null } }));
    this.finish(false);
  }
}

customElements.define('xtape-python', XtapePython);
