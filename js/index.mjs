// The package entry: `import * as xtape from 'xtape'`.
export * from './xtape.mjs';
export * from './ops.mjs';
export { loadFashionMnist } from './data.mjs';
