// <xtape-trainer>: the demo as a custom element. One <script type="module"> loads it; each
// instance trains in its own module Worker and needs no cross-origin isolation.
//
// Attributes (all optional; bad values are reported and replaced by defaults): the settings of
// trainer/settings.mjs (lr hidden batch loss update seed steps eval-every lang), data-url,
//   data-timeout  seconds, in (0, 3600]: a data-url download that stalls this long (no response, or
//                 under 64 KiB arriving in that time) falls back to the packaged subset
//                 (default: loadFashionMnist's, 20)
//   panels   comma list of: stats,loss,accuracy,speed,samples,confusion,weights,code,inspector,
//            gradcheck,export
//   controls comma list of: step,inside (step through, phase by phase),run,pause,reset,settings,lang
//
// This file is the controller: the state, the worker's messages (trainer/protocol.mjs), the
// public API and events. What it shows is drawn by trainer/view.mjs.
import { TEXT } from './trainer/i18n.mjs';
import { ATTRIBUTES, checkConfig, parseSettings, toQuery } from './trainer/settings.mjs';
import { FROM_WORKER, TO_WORKER, handle, send } from './trainer/protocol.mjs';
import { TrainerView, PANELS, CONTROLS } from './trainer/view.mjs';
import { download, lossCsv, tf2Script } from './trainer/export.mjs';
import { moduleWorker } from './shared/worker.mjs';

const TRAINING_FRAME_MS = 50; // the page redraws at most 20 times a second while training
const REFERENCE_AHEAD = 20; // float64 steps computed in the page before the run gets there

export class XtapeTrainer extends HTMLElement {
  static get observedAttributes() {
    return ['lang'];
  }

  connectedCallback() {
    if (this.shadowRoot) return this.#attached();
    const root = this.attachShadow({ mode: 'open' });
    const entries = ATTRIBUTES.filter((a) => this.hasAttribute(a)).map((a) => [
      a,
      this.getAttribute(a),
    ]);
    const { config, errors } = parseSettings(entries);
    this.config = config;
    this.language = config.lang;
    this.badSettings = errors;
    this.panels = this.#list('panels', PANELS);
    this.controls = this.#list('controls', CONTROLS);
    this.stallMs = this.#seconds('data-timeout'); // undefined: the loader's default
    this.log = [];
    this.stats = {};
    this.state = 'loading';
    this.view = new TrainerView(root, {
      panels: this.panels,
      controls: this.controls,
      language: this.language,
      config,
    });
    this.view.wire({
      step: () => this.step(),
      run: () => this.#runClicked(),
      pause: () => this.pause(),
      inside: () => this.stepThrough(),
      gradcheck: () => this.gradcheck(),
      reference: () => this.computeReference(),
      reset: () => this.reset(),
      lang: () => this.setAttribute('lang', this.language === 'en' ? 'zh' : 'en'),
      row: () => this.opened && this.#open(this.opened),
      settings: () => this.#settingsSubmitted(),
      export: (kind) => this.#export(kind),
    });
    this.#translate();
    this.#startWorker();
  }

  // Moved in the DOM (disconnected, then connected again before the task ends): the worker and
  // the run go on. Removed: the workers stop once the task ends, and connecting the element again
  // later starts a new worker with the same settings, from the seed.
  disconnectedCallback() {
    clearTimeout(this.detaching);
    this.detaching = setTimeout(() => {
      if (this.isConnected) return;
      this.worker?.terminate();
      this.worker = null;
      this.#stopReference();
      this.#setState('detached'); // run(), step() and the rest do nothing until it is back
    });
  }
  #attached() {
    clearTimeout(this.detaching);
    if (this.worker) return;
    if (this.log.length) this.previous = this.log.map((r) => r.loss);
    this.log = [];
    this.stats = {};
    this.inside = null;
    this.lastEval = this.weights = null;
    this.view.clearCharts();
    this.view.loading();
    this.#setState('loading');
    this.#startWorker();
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'lang' && this.shadowRoot && (value === 'en' || value === 'zh')) {
      this.language = value;
      this.#translate();
    }
  }

  // --- public API for pages that drive the element from JS ---------------------------------------
  step() {
    this.run(1);
  }
  /** Trains n steps (an integer in [1, 10^7]; default: the steps setting). */
  run(n = this.config.steps) {
    if (!Number.isInteger(n) || n < 1 || n > 1e7)
      throw this.#refuse('run', 'steps', 'an integer in [1, 10000000]', n);
    if (this.state !== 'ready') return;
    this.inside = null;
    this.#setState('training');
    this.#post('run', { steps: n });
  }
  pause() {
    if (this.worker) this.#post('pause');
  }
  /** One phase of a step (forward, loss, gradient, update) per call; the step ends after update. */
  stepThrough() {
    if (this.state !== 'ready' && this.state !== 'inside') return;
    this.#setState('inside');
    this.#post('phase');
  }
  /** Checks tape.gradient against finite differences; `perturb` (tests only) scales the gradient. */
  gradcheck(perturb = 1) {
    if (typeof perturb !== 'number' || !Number.isFinite(perturb))
      throw this.#refuse('gradcheck', 'perturb', 'a finite number', perturb);
    if (this.state !== 'ready') return;
    this.#post('gradcheck', { perturb });
  }
  /**
   * Starts again from the seed. config: settings to change ({lr: 0.1}), checked by the same rules
   * as the attributes; a bad value throws a SettingsError naming it, is shown on the page, and
   * changes nothing.
   */
  reset(config) {
    let next;
    try {
      next = config === undefined ? this.config : checkConfig(config, this.config);
    } catch (e) {
      this.view.message(e.message);
      throw e;
    }
    if (!this.worker || this.state === 'loading' || this.state === 'failed') return;
    this.config = next;
    if (this.log.length) this.previous = this.log.map((r) => r.loss); // drawn beside the next run
    this.log = [];
    this.stats = {};
    this.coached = false;
    this.inside = null;
    this.view.clearCharts();
    this.#reference();
    this.view.showConfig(next);
    this.#setState('resetting');
    this.#post('reset', { config: next });
  }
  get losses() {
    return this.log.map((r) => r.loss);
  }
  /** The largest relative difference of the losses from the float64 reference so far. */
  get refDiff() {
    return this.stats.reference;
  }
  /**
   * For settings without a shipped float64 curve: computes it in the page, in its own worker (a
   * full-batch step takes seconds there), step by step behind the run; Reset keeps it on.
   */
  computeReference() {
    this.referenceWanted = true;
    if (this.ref) return;
    this.#stopReference();
    this.ref = { losses: [], inPage: true };
    this.refWorker = moduleWorker(new URL('./trainer/reference-worker.mjs', import.meta.url));
    this.refWorker.onmessage = ({ data: m }) => {
      if (m.type === 'error') return this.view.message(TEXT[this.language].error(m.message));
      this.ref.losses[m.step - 1] = m.loss;
      this.#lossCurves();
      this.#schedule();
      this.dispatchEvent(new CustomEvent('reference', { detail: m }));
    };
    const dataUrl = this.subset === undefined ? this.dataUrl : null; // the rows the trainer has
    const steps = Math.max(REFERENCE_AHEAD, this.log.length);
    this.refWorker.postMessage({ type: 'start', config: this.config, dataUrl, steps });
    this.view.offerReference(false);
    this.#lossCurves();
  }

  // --- internals ---------------------------------------------------------------------------------
  #list(attr, all) {
    if (!this.hasAttribute(attr)) return new Set(all);
    const items = this.getAttribute(attr)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = items.filter((i) => !all.includes(i));
    if (bad.length)
      this.badSettings.push({ key: attr, value: bad.join(','), fallback: all.join(',') });
    return new Set(items.filter((i) => all.includes(i)));
  }

  // An attribute in seconds, in (0, 3600], as milliseconds; absent or bad: undefined.
  #seconds(attr) {
    if (!this.hasAttribute(attr)) return undefined;
    const text = this.getAttribute(attr);
    const v = Number(text);
    if (text.trim() !== '' && v > 0 && v <= 3600) return v * 1000;
    this.badSettings.push({ key: attr, value: text, fallback: null }); // null: the default
    return undefined;
  }

  // A bad value given to a method: shown on the page, and returned as the error to throw.
  #refuse(method, name, expected, value) {
    const shown =
      typeof value === 'number'
        ? String(value)
        : typeof value === 'string'
          ? JSON.stringify(value.slice(0, 40))
          : typeof value;
    const e = new RangeError(`xtape-trainer.${method}: ${name} must be ${expected}, got ${shown}`);
    this.view.message(e.message);
    return e;
  }

  #post(type, fields) {
    send(this.worker, TO_WORKER, type, fields);
  }

  #runClicked() {
    const { text, unit } = this.view.runRequest();
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > 100000)
      return this.view.message(TEXT[this.language].badParam('steps', text, this.config.steps));
    // an epoch is one pass over the training images (60000, or the subset's 2000)
    const rows = this.rows ?? 60000;
    const perEpoch =
      this.config.batch === 'full' ? 1 : Math.max(1, Math.floor(rows / this.config.batch));
    return this.run(unit === 'epochs' ? n * perEpoch : n);
  }

  #settingsSubmitted() {
    const entries = this.view.formEntries().concat([
      ['steps', String(this.config.steps)],
      ['lang', this.language],
    ]);
    const { config, errors } = parseSettings(entries);
    this.view.badSettings(errors);
    this.reset(config);
    this.dispatchEvent(new CustomEvent('settings', { detail: { config, query: toQuery(config) } }));
  }

  #translate() {
    this.view.translate(this.language, {
      engine: this.engine,
      testRows: this.testRows,
      insideOpen: this.inside && !this.inside.done,
    });
    if (this.badSettings.length) this.view.badSettings(this.badSettings);
    this.#renderStats();
    if (this.lastEval) this.#renderEval();
    this.view.status(this.statusArgs);
  }

  #startWorker() {
    this.#reference();
    this.worker = moduleWorker(new URL('./trainer/train-worker.mjs', import.meta.url));
    this.worker.onmessage = handle(FROM_WORKER, this.#handlers);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.#fail(e.message || 'the training worker failed to start');
    };
    const attr = this.getAttribute('data-url');
    const dataUrl = attr ? new URL(attr, location.href).href : null; // none: the packaged subset
    this.dataUrl = dataUrl;
    this.t0 = performance.now();
    this.#status(['loading', 0, 0]);
    this.#post('init', { config: this.config, dataUrl, stallMs: this.stallMs });
  }

  // One handler per message of FROM_WORKER (protocol.mjs checks that none is missing).
  #handlers = {
    progress: (m) => {
      this.view.progress(m.total ? m.loaded / m.total : 0);
      this.#status(
        m.loaded >= m.total
          ? ['preparing']
          : ['loading', (m.loaded / 1e6).toFixed(1), (m.total / 1e6).toFixed(1)],
      );
    },
    ready: (m) => {
      this.view.loaded();
      if (m.env) this.engine = [m.threads, m.env.relaxedSimd];
      if (m.rows) {
        this.rows = m.rows;
        this.testRows = m.testRows;
      }
      const first = this.state === 'loading';
      this.readyMs = first ? performance.now() - this.t0 : this.readyMs;
      this.view.chartTitles({ engine: this.engine, testRows: this.testRows });
      this.#setState('ready');
      this.#status(first ? ['ready', (this.readyMs / 1000).toFixed(1)] : ['resetDone']);
      this.dispatchEvent(new CustomEvent('ready', { detail: { ms: this.readyMs } }));
    },
    phase: (m) => {
      this.phase = m.phase;
      this.#schedule();
    },
    inside: (m) => {
      // a phase of Step through is done: its tensors can be inspected
      this.phase = m.phase;
      this.inside = m;
      this.opened = null;
      this.view.showPhase(m, (name) => this.#open(name));
      this.dispatchEvent(new CustomEvent('phase', { detail: m }));
    },
    inspected: (m) => {
      if (m.missing) return;
      this.view.showInspected(m);
      this.dispatchEvent(new CustomEvent('inspected', { detail: m }));
    },
    gradcheck: (m) => {
      this.view.showGradcheck(m);
      this.dispatchEvent(new CustomEvent('gradcheck', { detail: m }));
    },
    steps: (m) => {
      // the steps of one slice of a run
      for (const step of m.steps) this.#step(step);
      this.#advanceReference();
    },
    step: (m) => {
      this.#step(m);
      this.#advanceReference();
    },
    eval: (m) => {
      this.stats.accuracy = m.accuracy;
      if (m.step > 0 || !this.view.charts.accuracy.points)
        this.view.charts.accuracy.push(m.step, m.accuracy);
      this.lastEval = m;
      this.#schedule();
    },
    weights: (m) => {
      this.weights = m;
      this.#schedule();
    },
    paused: (m) => {
      this.#lossCurves(); // the stats and curves are up to date when the element is ready again
      this.#renderStats();
      this.phase = this.inside?.done ? 'update' : null; // after Step through, the update stays marked
      this.view.code.highlight(this.phase);
      this.#setState('ready');
      this.#status(['paused', m.step]);
      this.#schedule();
      this.dispatchEvent(new CustomEvent('paused', { detail: m }));
    },
    diverged: (m) => {
      this.#lossCurves();
      this.#renderStats();
      this.phase = null;
      this.#setState('ready');
      const loss = Number.isFinite(m.loss) ? m.loss.toExponential(2) : String(m.loss);
      this.view.message(TEXT[this.language].diverged(m.step, loss));
      this.#status(['paused', m.step]);
      this.dispatchEvent(new CustomEvent('diverged', { detail: m }));
    },
    export: (m) => {
      for (const [name, bytes] of Object.entries(m.files)) download(name, bytes);
    },
    subset: (m) => {
      // training on the packaged subset: say so, and why
      this.subset = m.reason ?? '';
      this.view.subset(m.reason);
    },
    error: (m) => {
      const t = TEXT[this.language];
      if (this.state === 'loading')
        this.#fail(
          /Fashion-MNIST|dataset/.test(m.message) ? `${t.dataMissing} (${m.message})` : m.message,
        );
      else {
        this.view.message(t.error(m.message));
        this.#setState('ready');
      }
    },
  };

  // One step done: the log, the stats, the coach; drawing waits for the next frame.
  #step(m) {
    this.log.push(m);
    if (m.inside) {
      // Step through ended with the update: its tensors stay inspectable
      if (this.inside) this.inside.done = true;
      this.phase = 'update';
      this.view.insideButton(false);
    }
    if (m.dead) this.#coach(m.dead);
    const timed = !m.inside; // a stepped-through step waited for the reader
    Object.assign(this.stats, {
      step: m.step,
      epoch: m.epoch,
      loss: m.loss,
      ms: timed ? m.ms : undefined,
      gflops: timed ? m.gflops : undefined,
    });
    this.curvesStale = true; // rebuilt once per frame, not per step (a step can take 1 ms)
    if (timed) this.view.charts.speed.push(m.step, m.ms, m.gflops);
    this.statusArgs = ['training', m.step];
    this.#schedule();
    this.dispatchEvent(new CustomEvent('step', { detail: m }));
  }

  // The float64 reference computed in the page keeps REFERENCE_AHEAD steps ahead of the run.
  #advanceReference() {
    this.refWorker?.postMessage({
      type: 'target',
      steps: Math.max(REFERENCE_AHEAD, this.log.length),
    });
  }

  // Draw at most once per frame, whatever the worker's message rate. While training, at most every
  // TRAINING_FRAME_MS: the page shares the cores with the training worker (and its threads).
  #schedule() {
    if (this.frame) return;
    const wait =
      this.state === 'training' ? (this.drawnAt ?? 0) + TRAINING_FRAME_MS - performance.now() : 0;
    this.frame =
      wait > 0
        ? setTimeout(() => requestAnimationFrame(() => this.#draw()), wait)
        : requestAnimationFrame(() => this.#draw());
  }
  #draw() {
    this.frame = 0;
    this.drawnAt = performance.now();
    if (this.curvesStale) this.#lossCurves();
    this.view.redrawCharts();
    this.#renderStats();
    this.view.code.highlight(this.phase);
    if (this.lastEval && this.lastEval !== this.drawnEval) {
      this.#renderEval();
      if (this.weights !== this.drawnWeights) this.#schedule(); // weights in the next frame
    } else if (this.weights && this.weights !== this.drawnWeights) {
      this.view.renderWeights(this.weights, this.dead);
      this.drawnWeights = this.weights;
    }
    if (this.state === 'training' && this.statusArgs) this.#status(this.statusArgs);
  }

  #renderEval() {
    this.view.renderEval(this.lastEval);
    this.drawnEval = this.lastEval;
  }

  #renderStats() {
    this.view.renderStats(this.stats, !!this.ref);
  }

  // The loss chart: this run; the float64 reference of the same recipe from the same start
  // (shipped for the default settings, or computed in the page on request); the previous run of
  // this page (before Reset); the losses the tutorial printed (its own random start).
  #lossCurves() {
    const losses = this.log.map((r) => r.loss),
      ref = this.ref?.losses ?? [];
    this.curvesStale = false;
    let worst = 0,
      compared = 0;
    losses.forEach((l, i) => {
      if (i >= ref.length) return;
      worst = Math.max(worst, Math.abs(l - ref[i]) / ref[i]);
      compared++;
    });
    this.stats.reference = this.ref && compared ? worst : undefined;
    const note = this.ref?.inPage ? TEXT[this.language].referenceInPage(ref.length, compared) : '';
    this.view.lossCurves(losses, ref, this.previous ?? [], this.tutorial ?? [], note);
  }

  // The curves beside this run's: the shipped float64 reference applies to the default recipe
  // only (trainer/reference/default.json); other settings offer to compute one in the page. The
  // tutorial's printed losses apply to its recipe (full batch, lr 0.01, MSE, 128 hidden units).
  async #reference() {
    this.ref = null;
    this.tutorial = null;
    this.#stopReference();
    delete this.stats.reference;
    const load = (name) =>
      fetch(new URL(`./trainer/reference/${name}.json`, import.meta.url))
        .then((r) => r.json())
        .catch(() => null);
    const files = (this.constructor.referenceFiles ??= Promise.all([
      load('default'),
      load('tutorial'),
    ]));
    const [want, tutorial] = await files;
    const c = this.config,
      fits = (f) => f && Object.entries(f.settings).every(([k, v]) => String(c[k]) === String(v));
    if (fits(want)) this.ref = want;
    if (fits(tutorial) && tutorial.updates.includes(c.update)) this.tutorial = tutorial.losses;
    this.view.offerReference(!this.ref);
    if (!this.ref && this.referenceWanted) this.computeReference();
    this.#lossCurves();
    this.#schedule();
  }

  #stopReference() {
    this.refWorker?.terminate();
    this.refWorker = null;
  }

  // Dead-ReLU coach: grey the dead units out in the weights panel, and explain past a threshold.
  #coach(dead) {
    this.dead = dead;
    const h = this.config.hidden,
      share = (100 * dead.length) / h;
    this.stats.dead = `${dead.length} / ${h}`;
    if (share >= 25 && !this.coached) {
      this.coached = true;
      this.view.message(TEXT[this.language].dead(dead.length, h, share.toFixed(0)));
      this.dispatchEvent(new CustomEvent('coach', { detail: { dead: dead.length, hidden: h } }));
    }
  }

  #open(name) {
    this.opened = name;
    this.#post('inspect', { name });
  }

  #setState(state) {
    this.state = state;
    this.view.setState(state, this.log.length > 0);
  }

  #status(args) {
    if (!args) return;
    this.statusArgs = args;
    this.view.status(args);
  }

  #fail(text) {
    this.#setState('failed');
    this.view.fail(text);
  }

  #export(kind) {
    if (kind === 'npy') this.#post('export');
    else if (kind === 'csv') download('xtape_loss.csv', lossCsv(this.log), 'text/csv');
    else
      download(
        'continue_training.py',
        tf2Script(this.config, this.stats.step ?? 0),
        'text/x-python',
      );
  }
}

customElements.define('xtape-trainer', XtapeTrainer);
