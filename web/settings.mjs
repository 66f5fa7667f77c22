// Settings of a run, from the URL query or from element attributes: parsed, checked, and every bad
// value replaced by its default with a message that names it.
export const DEFAULTS = { lr: 0.01, hidden: 128, batch: 'full', loss: 'mse', update: 'manual', seed: 42, steps: 10, evalEvery: 0, lang: 'en' };
const KEYS = { 'eval-every': 'evalEvery' };

const int = (lo, hi) => (v) => (/^\d+$/.test(v) && +v >= lo && +v <= hi ? +v : undefined);
const RULES = {
  lr: (v) => (/^[0-9.eE+-]+$/.test(v) && Number.isFinite(+v) && +v > 0 && +v <= 100 ? +v : undefined),
  hidden: int(1, 1024),
  batch: (v) => (v === 'full' ? 'full' : int(1, 60000)(v)),
  loss: (v) => (['mse', 'ce'].includes(v) ? v : undefined),
  update: (v) => (['manual', 'sgd', 'momentum', 'adam'].includes(v) ? v : undefined),
  seed: int(0, Number.MAX_SAFE_INTEGER),
  steps: int(1, 100000),
  evalEvery: int(1, 100000),
  lang: (v) => (['en', 'zh'].includes(v) ? v : undefined),
};

/** entries: [key, string value] pairs -> {config, errors: [{key, value, fallback}]} */
export function parseSettings(entries) {
  const config = { ...DEFAULTS };
  const errors = [];
  for (const [rawKey, value] of entries) {
    const key = KEYS[rawKey] ?? rawKey;
    if (!(key in RULES)) continue;
    const parsed = RULES[key](String(value).trim());
    if (parsed === undefined) errors.push({ key: rawKey, value, fallback: DEFAULTS[key] || 'auto' });
    else config[key] = parsed;
  }
  if (!config.evalEvery) config.evalEvery = config.batch === 'full' ? 5 : 50;
  return { config, errors };
}

/** The query string that reproduces a config (for links to a configured run). */
export function toQuery(config) {
  const q = new URLSearchParams();
  for (const k of Object.keys(DEFAULTS)) if (config[k] !== DEFAULTS[k]) q.set(k, String(config[k]));
  return q.toString();
}
