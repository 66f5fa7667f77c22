// Keras's optimizers on the core's: SGD, Adam, RMSprop. Options are TF's keywords in camelCase
// (learningRate, beta1); they are mapped to TF's own (learning_rate, beta_1) here, once, and go
// to the core by those names.
import { M } from './module.mjs';
import { brief, camel, check, describe, fail, snake } from './errors.mjs';
import { Handle } from './handles.mjs';
import { Tensor } from './tensor.mjs';
import { Variable } from './variable.mjs';

/** Python's zip(grads, vars) for applyGradients. */
export function zip(grads, vars) {
  if (!Array.isArray(grads) || !Array.isArray(vars) || grads.length !== vars.length)
    fail(
      `zip: expected two arrays of equal length, got ${grads?.length} gradients and ${vars?.length} variables`,
    );
  return grads.map((g, i) => [g, vars[i]]);
}

// Keras's defaults by TF's keywords, from the core (core/include/xtape/optimizers.hpp).
const TF_DEFAULTS = JSON.parse(M.optimizerDefaults());
const jsNames = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));
/** {SGD: {learningRate: 0.01, momentum: 0, nesterov: false}, Adam: {...}, RMSprop: {...}} */
export const optimizerDefaults = Object.fromEntries(
  Object.entries(TF_DEFAULTS).map(([k, o]) => [k, jsNames(o)]),
);

class Optimizer extends Handle {
  // o: options in JS's names ({learningRate: 0.1}), a learning rate, or (names = 'tf', from
  // fromConfig) options by TF's keywords ({learning_rate: 0.1}).
  constructor(kind, o, names = 'js') {
    if (typeof o === 'number') o = { learningRate: o };
    if (o !== undefined && (typeof o !== 'object' || o === null))
      fail(`${kind}: expected an options object or a learning rate, got ${describe(o)}`);
    const shown = names === 'js' ? camel : (k) => k;
    const defaults = TF_DEFAULTS[kind];
    const config = { ...defaults };
    for (const [key, v] of Object.entries(o ?? {})) {
      const k = names === 'js' ? snake(key) : key;
      if (!Object.hasOwn(defaults, k))
        fail(
          `${kind}: unknown option '${brief(key)}' (${Object.keys(defaults).map(shown).join(', ')})`,
        );
      if (typeof v !== typeof defaults[k] || (typeof v === 'number' && !Number.isFinite(v)))
        fail(`${kind}: ${key} must be a finite ${typeof defaults[k]}, got ${brief(v)}`);
      config[k] = v;
    }
    super('optimizer', check(M.optimizerCreate(kind, config)));
    this.tfConfig = config;
  }
  /** The options in JS's names: {learningRate, momentum, ...}. */
  get config() {
    return jsNames(this.tfConfig);
  }
  /** applyGradients([[grad, variable], ...]) or applyGradients(zip(grads, vars)). */
  applyGradients(gradsAndVars) {
    if (!Array.isArray(gradsAndVars))
      fail('applyGradients: expected an array of [gradient, variable] pairs');
    const pairs = gradsAndVars.map((p, i) => {
      if (!Array.isArray(p) || p.length !== 2)
        fail(`applyGradients: item ${i} is not a [gradient, variable] pair`);
      const [g, v] = p;
      if (!(v instanceof Variable))
        fail(`applyGradients: item ${i} has no Variable, got ${describe(v)}`);
      if (g !== null && g !== undefined && !(g instanceof Tensor))
        fail(`applyGradients: gradient ${i} must be a Tensor or null, got ${describe(g)}`);
      return [g ? g.id : 0, v.id];
    });
    // Keras: with no gradient at all (an empty list, or every one null) there is nothing to
    // apply, and no step is counted.
    if (pairs.every(([g]) => g === 0)) return;
    check(M.optimizerApply(this.id, pairs));
  }
  get learningRate() {
    return this.tfConfig.learning_rate;
  }
  set learningRate(lr) {
    if (!Number.isFinite(lr)) fail(`learningRate must be a finite number, got ${brief(lr)}`);
    check(M.optimizerSetLearningRate(this.id, lr));
    this.tfConfig.learning_rate = lr;
  }
  get iterations() {
    return check(M.optimizerIterations(this.id));
  }
  /** Keras's Optimizer.from_config: options by TF's own keywords ({learning_rate: 0.1}). */
  static fromConfig(kind, config) {
    if (!Object.hasOwn(TF_DEFAULTS, kind))
      fail(`unknown optimizer '${brief(kind)}' (${Object.keys(TF_DEFAULTS).join(', ')})`);
    return Reflect.construct(Optimizer, [kind, config ?? {}, 'tf'], optimizers[kind]);
  }
}

export const optimizers = {
  /** keras.optimizers.SGD(learning_rate=0.01, momentum=0, nesterov=False) */
  SGD: class SGD extends Optimizer {
    constructor(o) {
      super('SGD', o);
    }
  },
  /** keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7) */
  Adam: class Adam extends Optimizer {
    constructor(o) {
      super('Adam', o);
    }
  },
  /** keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0, epsilon=1e-7, centered=False) */
  RMSprop: class RMSprop extends Optimizer {
    constructor(o) {
      super('RMSprop', o);
    }
  },
  /** Keras's from_config: new optimizers.SGD by TF's keywords, fromConfig('SGD', {learning_rate: 0.1}). */
  fromConfig: (kind, config) => Optimizer.fromConfig(kind, config),
  /** Keras's defaults by TF's keywords: defaultConfig('SGD') -> {learning_rate: 0.01, momentum: 0, nesterov: false}. */
  defaultConfig(kind) {
    if (!Object.hasOwn(TF_DEFAULTS, kind))
      fail(`unknown optimizer '${brief(kind)}' (${Object.keys(TF_DEFAULTS).join(', ')})`);
    return { ...TF_DEFAULTS[kind] };
  },
};
