// xtape.keras: Keras's Sequential, layers, losses and metrics in JavaScript, on the same core as
// the Python package's keras (python/tensorflow/keras).
import { layers } from './layers.mjs';
import { losses } from './losses.mjs';
import { Sequential, sequential } from './model.mjs';

export const keras = { layers, losses, Sequential, sequential };
