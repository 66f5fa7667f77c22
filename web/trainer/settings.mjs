// The settings of a run, listed once: each with its attribute (and query) name, default, rule and
// form field. The element's attributes, the URL query, the settings form and every JS call that
// takes settings (el.reset(config)) go through the same rules; a bad value is reported, named,
// and never stored.

const int = (lo, hi) => (v) => (/^\d+$/.test(v) && +v >= lo && +v <= hi ? +v : undefined);
const oneOf =
  (...values) =>
  (v) =>
    values.includes(v) ? v : undefined;

/**
 * key (the config's), attr (attributes and query), default, expects (what is accepted, for
 * messages), parse (a string -> the value, or undefined when bad), field (the settings form's
 * control; none: not in the form).
 */
export const SETTINGS = [
  {
    key: 'lr',
    attr: 'lr',
    default: 0.01,
    expects: 'a number in (0, 100]',
    parse: (v) =>
      /^[0-9.eE+-]+$/.test(v) && Number.isFinite(+v) && +v > 0 && +v <= 100 ? +v : undefined,
    field: { type: 'number', step: 'any', min: 0 },
  },
  {
    key: 'hidden',
    attr: 'hidden',
    default: 128,
    expects: 'an integer in [1, 1024]',
    parse: int(1, 1024),
    field: { type: 'number', min: 1, max: 1024 },
  },
  {
    key: 'batch',
    attr: 'batch',
    default: 'full',
    expects: '"full" or an integer in [1, 60000]',
    parse: (v) => (v === 'full' ? 'full' : int(1, 60000)(v)),
    field: { options: ['full', '32', '128', '512', '2048'] },
  },
  {
    key: 'loss',
    attr: 'loss',
    default: 'mse',
    expects: 'mse or ce',
    parse: oneOf('mse', 'ce'),
    field: { options: ['mse', 'ce'] },
  },
  {
    key: 'update',
    attr: 'update',
    default: 'manual',
    expects: 'manual, sgd, momentum or adam',
    parse: oneOf('manual', 'sgd', 'momentum', 'adam'),
    field: { options: ['manual', 'sgd', 'momentum', 'adam'] },
  },
  {
    key: 'seed',
    attr: 'seed',
    default: 42,
    expects: 'an integer in [0, 2^53)',
    parse: int(0, Number.MAX_SAFE_INTEGER),
    field: { type: 'number', min: 0 },
  },
  {
    key: 'steps',
    attr: 'steps',
    default: 10,
    expects: 'an integer in [1, 100000]',
    parse: int(1, 100000),
  }, // the Run box has its own field
  // 0: auto (every 5 steps for the full batch, else every 50)
  {
    key: 'evalEvery',
    attr: 'eval-every',
    default: 0,
    expects: 'an integer in [0, 100000]',
    parse: int(0, 100000),
    field: { type: 'number', min: 0 },
  },
  { key: 'lang', attr: 'lang', default: 'en', expects: 'en or zh', parse: oneOf('en', 'zh') },
];
const BY_ATTR = new Map(SETTINGS.map((s) => [s.attr, s]));
const BY_KEY = new Map(SETTINGS.map((s) => [s.key, s]));

export const DEFAULTS = Object.freeze(Object.fromEntries(SETTINGS.map((s) => [s.key, s.default])));
/** The attribute names, for the element. */
export const ATTRIBUTES = SETTINGS.map((s) => s.attr);

// 0 means "auto": every 5 steps for the full batch, else every 50.
function complete(config) {
  if (!config.evalEvery) config.evalEvery = config.batch === 'full' ? 5 : 50;
  return config;
}

/**
 * entries: [attribute or key, string value] pairs (attributes, the query, the form) ->
 * {config, errors: [{key, value, fallback}]}: a bad value is replaced by its default and reported.
 * Unknown names are ignored (a query carries other parameters too).
 */
export function parseSettings(entries, base = DEFAULTS) {
  const config = { ...base };
  const errors = [];
  for (const [name, value] of entries) {
    const s = BY_ATTR.get(name) ?? BY_KEY.get(name);
    if (!s) continue;
    const parsed = typeof value === 'string' ? s.parse(value.trim()) : undefined;
    if (parsed === undefined)
      errors.push({ key: name, value: String(value).slice(0, 80), fallback: s.default || 'auto' });
    else config[s.key] = parsed;
  }
  return { config: complete(config), errors };
}

/** A bad configuration given from JS: names every setting that was wrong. */
export class SettingsError extends Error {
  constructor(errors) {
    super(
      `xtape-trainer: bad settings: ${errors.map((e) => `${e.key} = ${e.value} (${e.why})`).join('; ')}`,
    );
    this.name = 'SettingsError';
    this.errors = errors;
  }
}

/**
 * A config object from JS (el.reset(config)) checked by the same rules, over `base` for the keys
 * it leaves out: own keys only, each a known setting with a number or string of its rule; nothing
 * else (objects with toString, NaN, Infinity, code in strings, __proto__) is read. Throws a
 * SettingsError naming each bad setting; returns the full config.
 */
export function checkConfig(given, base = DEFAULTS) {
  if (given === null || typeof given !== 'object' || Array.isArray(given))
    throw new SettingsError([
      { key: 'config', value: describe(given), why: 'expected an object of settings' },
    ]);
  const errors = [];
  const config = { ...base };
  for (const key of Reflect.ownKeys(given)) {
    const s = typeof key === 'string' ? BY_KEY.get(key) : undefined;
    const desc = Object.getOwnPropertyDescriptor(given, key);
    if (!s) {
      errors.push({
        key: String(key),
        value: '…',
        why: `not a setting (${SETTINGS.map((x) => x.key).join(', ')})`,
      });
      continue;
    }
    const v = desc.value; // a getter is not run
    const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined;
    const parsed = text === undefined || 'get' in desc ? undefined : s.parse(text.trim());
    if (
      parsed === undefined ||
      (typeof v === 'number' && typeof s.default === 'number' && parsed !== v)
    )
      errors.push({ key, value: describe(v), why: `expected ${s.expects}` });
    else config[key] = parsed;
  }
  if (errors.length) throw new SettingsError(errors);
  return complete(config);
}

function describe(v) {
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null)
    return String(v);
  return typeof v;
}

/** The query string that reproduces a config (for links to a configured run). */
export function toQuery(config) {
  const q = new URLSearchParams();
  for (const s of SETTINGS) if (config[s.key] !== s.default) q.set(s.attr, String(config[s.key]));
  return q.toString();
}

/** The settings form's fields, made from the list (labels by data-t: the setting's key). */
export function formFields() {
  return SETTINGS.filter((s) => s.field)
    .map(({ key, field }) => {
      const control = field.options
        ? `<select name="${key}">${field.options.map((o) => `<option value="${o}"${/^\d+$/.test(o) ? '' : ` data-t="${o}"`}>${o}</option>`).join('')}</select>`
        : `<input name="${key}" type="${field.type}"${field.step ? ` step="${field.step}"` : ''}${field.min !== undefined ? ` min="${field.min}"` : ''}${field.max !== undefined ? ` max="${field.max}"` : ''} required>`;
      return `<label><span data-t="${key}"></span>${control}</label>`;
    })
    .join('\n    ');
}
