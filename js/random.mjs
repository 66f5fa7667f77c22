// tf.random: seeded draws by TF's seed rules (see core/include/xtape/random.hpp), and Generator.
import { M } from './module.mjs';
import { brief, check, fail } from './errors.mjs';
import { Handle } from './handles.mjs';
import { Tensor, checkShape } from './tensor.mjs';
import { finite } from './convert.mjs';

function seedOf(seed, op) {
  if (seed === undefined || seed === null) return null;
  if (!Number.isSafeInteger(seed) || seed < 0)
    fail(`${op}: seed must be a non-negative integer, got ${brief(seed)}`);
  return seed;
}
const out = (id) => new Tensor(check(id));
// The core's name of each distribution, and its two parameters with their defaults.
const DISTRIBUTIONS = {
  uniform: ['uniform', ['minval', 0], ['maxval', 1]],
  normal: ['normal', ['mean', 0], ['stddev', 1]],
  truncatedNormal: ['truncated', ['mean', 0], ['stddev', 1]],
};
const params = (name, o, op) => {
  const [kind, [a, da], [b, db]] = DISTRIBUTIONS[name];
  if (o !== undefined && (typeof o !== 'object' || o === null))
    fail(`${op}: options must be an object, got ${brief(o)}`);
  return [kind, finite(o?.[a] ?? da, op, a), finite(o?.[b] ?? db, op, b)];
};

class Generator extends Handle {
  static fromSeed(seed) {
    return new Generator(seed);
  }
  constructor(seed) {
    if (seedOf(seed, 'Generator.fromSeed') === null) fail('Generator.fromSeed: a seed is required');
    super('generator', check(M.generatorCreate(seed)));
  }
  permutation(n) {
    if (!Number.isSafeInteger(n) || n < 0)
      fail(`permutation: n must be a non-negative integer, got ${brief(n)}`);
    return out(M.generatorDraw(this.id, 'permutation', [], n, 0));
  }
}
for (const name of Object.keys(DISTRIBUTIONS)) {
  Generator.prototype[name] = function (shape, o) {
    const [kind, a, b] = params(name, o, name);
    return out(M.generatorDraw(this.id, kind, checkShape(shape, name), a, b));
  };
}

// TF's seed rules: no seed at all gives fresh numbers on every call; setSeed(s) makes the calls
// after it a repeatable sequence; an op seed picks a repeatable stream.
const draw = (name) => (shape, o) => {
  const op = `random.${name}`;
  const [kind, a, b] = params(name, o, op);
  return out(M.random(kind, checkShape(shape, op), a, b, seedOf(o?.seed, op)));
};
export const random = {
  uniform: draw('uniform'),
  normal: draw('normal'),
  truncatedNormal: draw('truncatedNormal'),
  /** tf.random.set_seed(seed); null unsets it. */
  setSeed(seed) {
    check(M.setSeed(seedOf(seed, 'random.setSeed')));
  },
  Generator,
};
