// TypeScript declarations for xtape's JavaScript API (js/index.mjs).
export type DType = 'float32' | 'int32' | 'uint8' | 'bool';
export type Shape = number[];
export type TypedArray = Float32Array | Int32Array | Uint8Array;
export type TensorLike = Tensor | Variable | number | number[] | number[][] | number[][][] | TypedArray;

export class XtapeError extends Error {}

export class Tensor {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly rank: number;
  readonly size: number;
  readonly isDisposed: boolean;
  data(): TypedArray;
  dataSync(): TypedArray;
  item(): number;
  array(): number | number[] | number[][] | number[][][];
  dispose(): void;
  add(b: TensorLike): Tensor;
  sub(b: TensorLike): Tensor;
  mul(b: TensorLike): Tensor;
  div(b: TensorLike): Tensor;
  neg(): Tensor;
  relu(): Tensor;
  sigmoid(): Tensor;
  tanh(): Tensor;
  exp(): Tensor;
  log(): Tensor;
  square(): Tensor;
  sqrt(): Tensor;
  softmax(): Tensor;
  logSoftmax(): Tensor;
  matmul(b: TensorLike, transposeA?: boolean, transposeB?: boolean): Tensor;
  reshape(shape: Shape): Tensor;
  transpose(perm?: number[]): Tensor;
  broadcastTo(shape: Shape): Tensor;
  cast(dtype: DType): Tensor;
  equal(b: TensorLike): Tensor;
  greater(b: TensorLike): Tensor;
  argMax(axis?: number): Tensor;
  gather(indices: TensorLike): Tensor;
  reduceSum(axis?: number | number[], keepDims?: boolean): Tensor;
  reduceMean(axis?: number | number[], keepDims?: boolean): Tensor;
  reduceMax(axis?: number | number[], keepDims?: boolean): Tensor;
  sum(axis?: number | number[], keepDims?: boolean): Tensor;
  mean(axis?: number | number[], keepDims?: boolean): Tensor;
  max(axis?: number | number[], keepDims?: boolean): Tensor;
}

export class Variable {
  constructor(initialValue: TensorLike, options?: { name?: string; trainable?: boolean });
  readonly name: string;
  readonly trainable: boolean;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly isDisposed: boolean;
  read(): Tensor;
  value(): Tensor;
  assign(v: TensorLike): this;
  assignAdd(v: TensorLike): this;
  assignSub(v: TensorLike): this;
  data(): TypedArray;
  item(): number;
  dispose(): void;
  add(b: TensorLike): Tensor;
  sub(b: TensorLike): Tensor;
  mul(b: TensorLike): Tensor;
  div(b: TensorLike): Tensor;
  matmul(b: TensorLike, transposeA?: boolean, transposeB?: boolean): Tensor;
}

export class GradientTape {
  constructor(options?: { persistent?: boolean; watchAccessedVariables?: boolean });
  readonly persistent: boolean;
  record<T>(fn: () => T): T;
  watch(x: Tensor | Variable | Array<Tensor | Variable>): void;
  gradient(target: Tensor, sources: Tensor | Variable, options?: GradientOptions): Tensor | null;
  gradient(target: Tensor, sources: Array<Tensor | Variable>, options?: GradientOptions): Array<Tensor | null>;
  dispose(): void;
}
export interface GradientOptions {
  outputGradients?: TensorLike;
  unconnectedGradients?: 'none' | 'zero';
}

export function tidy<T>(fn: () => T): T;
export function keep<T extends Tensor>(t: T): T;
export function dispose(x: unknown): void;
export function memory(): { numTensors: number; numBytes: number; numVariables: number; numTapes: number; liveBytes: number; peakBytes: number; heapBytes: number };
export function resetPeakMemory(): void;

export function constant(values: number | number[] | number[][] | number[][][] | TypedArray, shape?: Shape, dtype?: DType): Tensor;
export const tensor: typeof constant;
export function scalar(v: number): Tensor;
export function zeros(shape: Shape, dtype?: DType): Tensor;
export function ones(shape: Shape, dtype?: DType): Tensor;
export function fill(shape: Shape, value: number, dtype?: DType): Tensor;
export function zerosLike(t: TensorLike): Tensor;
export function onesLike(t: TensorLike): Tensor;

type Binary = (a: TensorLike, b: TensorLike) => Tensor;
type Unary = (x: TensorLike) => Tensor;
type Reduction = (x: TensorLike, axis?: number | number[], keepDims?: boolean) => Tensor;
export const add: Binary, sub: Binary, subtract: Binary, mul: Binary, multiply: Binary, div: Binary, divide: Binary;
export const equal: Binary, greater: Binary;
export const neg: Unary, negative: Unary, relu: Unary, sigmoid: Unary, tanh: Unary, exp: Unary, log: Unary;
export const square: Unary, sqrt: Unary, softmax: Unary, logSoftmax: Unary, stopGradient: Unary;
export const reduceSum: Reduction, reduceMean: Reduction, reduceMax: Reduction, sum: Reduction, mean: Reduction, max: Reduction;
export function matmul(a: TensorLike, b: TensorLike, transposeA?: boolean, transposeB?: boolean): Tensor;
export function argMax(x: TensorLike, axis?: number): Tensor;
export function reshape(x: TensorLike, shape: Shape): Tensor;
export function transpose(x: TensorLike, perm?: number[]): Tensor;
export function broadcastTo(x: TensorLike, shape: Shape): Tensor;
export function cast(x: TensorLike, dtype: DType): Tensor;
export function oneHot(indices: TensorLike, depth: number, onValue?: number, offValue?: number): Tensor;
export function convertImageDtype(images: TensorLike, dtype?: 'float32'): Tensor;
export const image: { convertImageDtype: typeof convertImageDtype };
export function gather(params: TensorLike, indices: TensorLike): Tensor;
export function unsortedSegmentSum(data: TensorLike, segmentIds: TensorLike, numSegments: number): Tensor;
export function softmaxCrossEntropyWithLogits(labels: TensorLike, logits: TensorLike): Tensor;
export function sparseSoftmaxCrossEntropyWithLogits(labels: TensorLike, logits: TensorLike): Tensor;
export const nn: {
  relu: Unary; sigmoid: Unary; softmax: Unary; logSoftmax: Unary;
  softmaxCrossEntropyWithLogits: typeof softmaxCrossEntropyWithLogits;
  sparseSoftmaxCrossEntropyWithLogits: typeof sparseSoftmaxCrossEntropyWithLogits;
};

export function zip(grads: Array<Tensor | null>, vars: Variable[]): Array<[Tensor | null, Variable]>;
declare class Optimizer {
  applyGradients(gradsAndVars: Array<[Tensor | null, Variable]>): void;
  learningRate: number;
  readonly iterations: number;
  dispose(): void;
}
export const optimizers: {
  SGD: new (o?: number | { learningRate?: number; momentum?: number; nesterov?: boolean }) => Optimizer;
  Adam: new (o?: number | { learningRate?: number; beta1?: number; beta2?: number; epsilon?: number }) => Optimizer;
  RMSprop: new (o?: number | { learningRate?: number; rho?: number; momentum?: number; epsilon?: number; centered?: boolean }) => Optimizer;
};

declare class Generator {
  static fromSeed(seed: number): Generator;
  uniform(shape: Shape, o?: { minval?: number; maxval?: number }): Tensor;
  normal(shape: Shape, o?: { mean?: number; stddev?: number }): Tensor;
  truncatedNormal(shape: Shape, o?: { mean?: number; stddev?: number }): Tensor;
  permutation(n: number): Tensor;
  dispose(): void;
}
export const random: {
  uniform(shape: Shape, o?: { minval?: number; maxval?: number; seed?: number }): Tensor;
  normal(shape: Shape, o?: { mean?: number; stddev?: number; seed?: number }): Tensor;
  truncatedNormal(shape: Shape, o?: { mean?: number; stddev?: number; seed?: number }): Tensor;
  Generator: typeof Generator;
};

export const io: {
  parseIdx(bytes: Uint8Array | ArrayBuffer, what?: string): Tensor;
  parseNpy(bytes: Uint8Array | ArrayBuffer, what?: string): Tensor;
  toNpy(t: Tensor | Variable): Uint8Array;
};
export function loadFashionMnist(options?: {
  url?: string | URL;
  dir?: string;
  onProgress?: (p: { loaded: number; total: number; file: string }) => void;
}): Promise<{ xTrain: Tensor; yTrain: Tensor; xTest: Tensor; yTest: Tensor }>;
export const env: { node: boolean; threads: boolean; relaxedSimd: boolean };
export function numThreads(): number;
export function setNumThreads(n: number): void;
