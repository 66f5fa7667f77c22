// The package entry: `import * as xtape from 'xtape'`.
//
//   const tape = new xtape.GradientTape();
//   const loss = tape.record(() => xtape.reduceMean(xtape.square(y.sub(x.matmul(w1).add(b1).relu().matmul(w2).add(b2)))));
//   const grads = tape.gradient(loss, [w1, b1, w2, b2]);
//   w1.assignSub(grads[0].mul(lr));
//
// Memory: every tensor lives in the WASM heap until disposed (handles.mjs).
export { XtapeError } from './errors.mjs';
export { tidy, keep, dispose, memory, resetPeakMemory } from './handles.mjs';
export { Tensor, constant, tensor, scalar, summary } from './tensor.mjs';
export { opTable, op } from './dispatch.mjs';
export { Variable } from './variable.mjs';
export { GradientTape } from './tape.mjs';
export { customGradient, customGradientOf } from './custom.mjs';
export { keras } from './keras/index.mjs';
export {
  tracedFunction as function,
  trace,
  runFunctionsEagerly,
  functionsRunEagerly,
} from './function.mjs';
export { zip, optimizers, optimizerDefaults } from './optimizers.mjs';
export { random } from './random.mjs';
export { io } from './io.mjs';
export { env, numThreads, setNumThreads, warmUp } from './runtime.mjs';
export * from './ops.mjs';
export { loadFashionMnist } from './data.mjs';
