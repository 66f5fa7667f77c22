// Shared helpers for the JS tests (node:test).
import assert from 'node:assert/strict';
import * as xtape from '../../js/index.mjs';

export { xtape, assert };

export function close(actual, expected, eps = 1e-5) {
  const a = Array.from(actual), e = Array.from(expected);
  assert.equal(a.length, e.length, `length ${a.length} != ${e.length}`);
  a.forEach((v, i) => assert.ok(Math.abs(v - e[i]) <= eps * Math.max(1, Math.abs(e[i])), `element ${i}: ${v} != ${e[i]}`));
}

/** Asserts fn throws an XtapeError whose message contains `part`. */
export function throwsXtape(fn, part) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof xtape.XtapeError, `expected XtapeError, got ${e?.name}: ${e?.message}`);
    assert.ok(e.message.includes(part), `message "${e.message}" lacks "${part}"`);
    return true;
  });
}
