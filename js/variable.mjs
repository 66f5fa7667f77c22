// tf.Variable: a handle whose value is replaced by assignments (never recorded).
import { M } from './module.mjs';
import { DTYPES } from './heap.mjs';
import { check, describe, fail } from './errors.mjs';
import { Handle } from './handles.mjs';
import { Tensor } from './tensor.mjs';
import { withTensor } from './convert.mjs';
import { installMethods } from './dispatch.mjs';

// The live Variables by handle, so that a tape can name the ones it watches.
const byId = new Map();
/** The Variable of handle id, if JS still holds it. */
export function variableOf(id) {
  const v = byId.get(id)?.deref();
  return v && !v.isDisposed && v._id === id ? v : null;
}

export class Variable extends Handle {
  /** tf.Variable(initialValue, {name, trainable}) */
  constructor(initialValue, { name = 'Variable', trainable = true } = {}) {
    if (typeof name !== 'string') fail(`Variable: name must be a string, got ${describe(name)}`);
    const vid = withTensor(initialValue, 'Variable', 'initialValue', (t) =>
      check(M.variableCreate(t, name, !!trainable)),
    );
    super('variable', vid);
    byId.set(vid, new WeakRef(this));
    this.name = name;
    this._trainable = !!trainable;
  }
  /** Whether tapes watch it when it is read; settable (Keras). */
  get trainable() {
    return this._trainable;
  }
  set trainable(on) {
    check(M.variableSetTrainable(this.id, !!on));
    this._trainable = !!on;
  }
  /** The current value, as a new tensor (recorded on the tapes that watch this variable). */
  read() {
    return new Tensor(check(M.variableRead(this.id)));
  }
  value() {
    return this.read();
  }
  get shape() {
    return check(M.variableInfo(this.id)).shape; // a fresh array from the core on every read
  }
  get dtype() {
    return DTYPES[check(M.variableInfo(this.id)).dtype];
  }
  assign(v) {
    return this.#update('assign', v);
  }
  assignAdd(v) {
    return this.#update('assignAdd', v);
  }
  assignSub(v) {
    return this.#update('assignSub', v);
  }
  #update(how, v) {
    withTensor(v, how, 'value', (t) => check(M.variableUpdate(this.id, how, t)));
    return this;
  }
  data() {
    const t = this.read();
    try {
      return t.data();
    } finally {
      t.dispose();
    }
  }
  item() {
    const t = this.read();
    try {
      return t.item();
    } finally {
      t.dispose();
    }
  }
}
// w1.add(1): a Variable reads its value, recorded on the tapes that watch it.
installMethods(Variable);
