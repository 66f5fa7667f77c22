// TypeScript declarations for xtape's JavaScript API (js/index.mjs).
export type DType = 'float32' | 'float64' | 'int32' | 'int64' | 'uint8' | 'bool';
export type Shape = number[];
export type TypedArray = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;
export type TensorLike =
  | Tensor
  | Variable
  | number
  | number[]
  | number[][]
  | number[][][]
  | TypedArray;

import type { OpMethods } from './ops';
export * from './ops';

/** kind: TF's error class name (InvalidArgumentError, NotFoundError, ResourceExhaustedError, ...). */
export class XtapeError extends Error {
  readonly kind: string;
}

export class Tensor {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly rank: number;
  readonly size: number;
  readonly isDisposed: boolean;
  data(): TypedArray;
  dataSync(): TypedArray;
  item(): number | bigint; // an int64 past 2^53: a BigInt
  array(): number | number[] | number[][] | number[][][];
  dispose(): void;
}

export interface Tensor extends OpMethods {}
export interface Variable extends OpMethods {}

export class Variable {
  constructor(initialValue: TensorLike, options?: { name?: string; trainable?: boolean });
  readonly name: string;
  trainable: boolean;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly isDisposed: boolean;
  read(): Tensor;
  value(): Tensor;
  assign(v: TensorLike): this;
  assignAdd(v: TensorLike): this;
  assignSub(v: TensorLike): this;
  data(): TypedArray;
  item(): number | bigint; // an int64 past 2^53: a BigInt
  dispose(): void;
}

export class GradientTape {
  constructor(options?: { persistent?: boolean; watchAccessedVariables?: boolean });
  readonly persistent: boolean;
  record<T>(fn: () => T): T;
  startRecording(): void;
  stopRecording(): void;
  watch(x: Tensor | Variable | Array<Tensor | Variable>): void;
  gradient(target: Tensor, sources: Tensor | Variable, options?: GradientOptions): Tensor | null;
  gradient(
    target: Tensor,
    sources: Array<Tensor | Variable>,
    options?: GradientOptions,
  ): Array<Tensor | null>;
  dispose(): void;
}
/** xtape.keras: Keras's Sequential, layers, losses and metrics in JS (js/keras/). */
export namespace keras {
  interface Layer {
    readonly name: string;
    trainable: boolean;
    readonly weights: Variable[];
    readonly trainableWeights: Variable[];
    apply(x: Tensor, options?: { training?: boolean }): Tensor;
    dispose(): void;
  }
  type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';
  interface LayerOptions {
    name?: string;
    trainable?: boolean;
    inputShape?: number[];
  }
  type PoolingOptions = LayerOptions & {
    poolSize?: number | [number, number];
    strides?: number | [number, number];
    padding?: 'valid' | 'same';
  };
  const layers: {
    dense(
      o: LayerOptions & {
        units: number;
        activation?: Activation;
        useBias?: boolean;
        kernelInitializer?: 'glorotUniform' | 'heNormal' | 'zeros';
      },
    ): Layer;
    /** NHWC [batch, h, w, c] -> [batch, h', w', filters]; kernel [kh, kw, c, filters]. */
    conv2d(
      o: LayerOptions & {
        filters: number;
        kernelSize: number | [number, number];
        strides?: number | [number, number];
        padding?: 'valid' | 'same';
        activation?: Activation;
        useBias?: boolean;
        kernelInitializer?: 'glorotUniform' | 'heNormal' | 'zeros';
      },
    ): Layer;
    maxPooling2d(o?: PoolingOptions): Layer;
    maxPool2d(o?: PoolingOptions): Layer;
    /** [batch, ...] -> [batch, ...targetShape] (one -1 allowed). */
    reshape(o: LayerOptions & { targetShape: number[] }): Layer;
    /** Over every axis but the last: batch statistics in training, moving ones in inference. */
    batchNormalization(o?: LayerOptions & { momentum?: number; epsilon?: number }): Layer;
    activation(o: LayerOptions & { activation: Activation }): Layer;
    flatten(o?: LayerOptions): Layer;
    dropout(o: LayerOptions & { rate: number; seed?: number }): Layer;
    reLU(o?: LayerOptions): Layer;
    softmax(o?: LayerOptions): Layer;
  };
  interface Loss {
    readonly kind: string;
    readonly fromLogits: boolean;
  }
  const losses: {
    sparseCategoricalCrossentropy(o?: { fromLogits?: boolean }): Loss;
    categoricalCrossentropy(o?: { fromLogits?: boolean }): Loss;
    binaryCrossentropy(o?: { fromLogits?: boolean }): Loss;
    meanSquaredError(): Loss;
    meanAbsoluteError(): Loss;
  };
  type Logs = Record<string, number>;
  interface History {
    epoch: number[];
    history: Record<string, number[]>;
  }
  class Sequential implements Layer {
    constructor(o?: { layers?: Layer[]; name?: string });
    readonly name: string;
    trainable: boolean;
    readonly layers: Layer[];
    readonly weights: Variable[];
    readonly trainableWeights: Variable[];
    add(layer: Layer): void;
    apply(x: Tensor, options?: { training?: boolean }): Tensor;
    compile(o: {
      optimizer?: 'adam' | 'sgd' | 'rmsprop' | object;
      loss: string | Loss;
      metrics?: string[];
      runEagerly?: boolean;
    }): void;
    fit(
      x: Tensor,
      y: Tensor,
      o?: {
        batchSize?: number;
        epochs?: number;
        shuffle?: boolean;
        seed?: number;
        validationSplit?: number;
        validationData?: [Tensor, Tensor];
        callbacks?: {
          onTrainBegin?(): void | Promise<void>;
          onEpochBegin?(epoch: number): void | Promise<void>;
          onBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
          onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
          onTrainEnd?(): void | Promise<void>;
        };
      },
    ): Promise<History>;
    evaluate(x: Tensor, y: Tensor, o?: { batchSize?: number }): number[];
    predict(x: Tensor, o?: { batchSize?: number }): Tensor;
    dispose(): void;
  }
  function sequential(o?: { layers?: Layer[]; name?: string }): Sequential;
}

/** TF: tf.custom_gradient (TF.js: tf.customGrad): f returns the value and its gradient rule. */
export function customGradient<A extends Tensor[]>(
  f: (...inputs: A) => { value: Tensor; grad: (dy: Tensor) => Tensor | Array<Tensor | null> },
): (...inputs: A) => Tensor;
export function customGradientOf(
  inputs: Tensor[],
  value: Tensor,
  grad: (dy: Tensor) => Tensor | Array<Tensor | null>,
): Tensor;

/**
 * xtape.function(fn) (TF: tf.function): traced on its first call per signature (tensor dtypes
 * and shapes, other arguments by value, handles by identity), replayed inside the core after.
 */
export interface TracedFunction<A extends unknown[], R> {
  (...args: A): R;
  readonly tracingCount: number;
  /** Why the last trace cannot be replayed (the function then runs eagerly). */
  readonly refusal: string | undefined;
  dispose(): void;
}
declare function tracedFunction<A extends unknown[], R>(
  fn: (...args: A) => R,
): TracedFunction<A, R>;
export { tracedFunction as function };
export function runFunctionsEagerly(on: boolean): void;
export function functionsRunEagerly(): boolean;
/** The record underneath xtape.function and Python's tf.function. */
export const trace: {
  readonly active: boolean;
  begin(inputs: Tensor[]): void;
  end(outputs: Tensor[]): {
    program:
      | { run(inputs: Tensor[]): Tensor[]; dispose(): void; readonly steps: number }
      | undefined;
    refused?: string;
    retry?: boolean;
  };
  abort(): void;
  refuse(why: string): void;
};

export interface GradientOptions {
  outputGradients?: TensorLike;
  unconnectedGradients?: 'none' | 'zero';
}

export function tidy<T>(fn: () => T): T;
export function keep<T extends Tensor>(t: T): T;
export function dispose(x: unknown): void;
export function memory(): {
  numTensors: number;
  numBytes: number;
  numVariables: number;
  numTapes: number;
  liveBytes: number;
  peakBytes: number;
  heapBytes: number;
};
export function resetPeakMemory(): void;
export function summary(
  t: Tensor,
  bins?: number,
): {
  count: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  zeros: number;
  nonfinite: number;
  histogram: number[];
};

export function constant(
  values: number | number[] | number[][] | number[][][] | TypedArray,
  shape?: Shape,
  dtype?: DType,
): Tensor;
export const tensor: typeof constant;
export function scalar(v: number): Tensor;

/** The op table: one row per op, as the core describes it; every op function comes from it. */
export interface OpArg {
  name: string;
  kind: string;
  default?: unknown;
}
export interface OpDef {
  name: string;
  python: string[];
  js: string[];
  method: boolean;
  args: OpArg[];
  doc: string;
  index: number;
}
export const opTable: OpDef[];
/** The JS function of the row named `name` (its C++ name), e.g. op('reduce_mean'). */
export function op(name: string): (...args: unknown[]) => Tensor;

export function zip(
  grads: Array<Tensor | null>,
  vars: Variable[],
): Array<[Tensor | null, Variable]>;
declare class Optimizer {
  applyGradients(gradsAndVars: Array<[Tensor | null, Variable]>): void;
  learningRate: number;
  readonly iterations: number;
  /** The options in JS's names ({learningRate, momentum, ...}). */
  readonly config: Record<string, number | boolean>;
  /** The options by TF's keywords ({learning_rate, momentum, ...}), as Keras's get_config(). */
  readonly tfConfig: Record<string, number | boolean>;
  dispose(): void;
}
export const optimizerDefaults: Record<
  'SGD' | 'Adam' | 'RMSprop',
  Record<string, number | boolean>
>;
export const optimizers: {
  SGD: new (
    o?: number | { learningRate?: number; momentum?: number; nesterov?: boolean },
  ) => Optimizer;
  Adam: new (
    o?: number | { learningRate?: number; beta1?: number; beta2?: number; epsilon?: number },
  ) => Optimizer;
  RMSprop: new (
    o?:
      | number
      | {
          learningRate?: number;
          rho?: number;
          momentum?: number;
          epsilon?: number;
          centered?: boolean;
        },
  ) => Optimizer;
  /** Keras's from_config: options by TF's keywords, fromConfig('SGD', {learning_rate: 0.1}). */
  fromConfig(kind: 'SGD' | 'Adam' | 'RMSprop', config: Record<string, number | boolean>): Optimizer;
  /** Keras's defaults by TF's keywords. */
  defaultConfig(kind: 'SGD' | 'Adam' | 'RMSprop'): Record<string, number | boolean>;
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
  setSeed(seed: number | null): void;
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
/** Runs the tutorial's step on synthetic data for about `ms` ms (default 400), yielding between
 * slices, so that the engine's optimizing tier has the hot code before timed work. */
/** Calls step() (inside tidy) for about `ms` milliseconds, in slices that yield to the event loop. */
export function warmUp(
  step: () => unknown,
  options?: { ms?: number },
): Promise<{ steps: number; ms: number }>;
