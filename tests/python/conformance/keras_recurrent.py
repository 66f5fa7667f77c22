# Keras's recurrent layers (Keras's cell formulas; values by hand, rounded to 4 places) and Conv1D.
# SimpleRNN: h' = tanh(x K + h R + b); LSTM: i, f, c~, o = split(x K + h R + b), forget bias 1;
# GRU (reset_after): h~ = tanh(x W_h + b_h + r (h U_h + c_h)), h' = z h + (1 - z) h~.
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


def r4(t):
    return np.round(np.asarray(t, dtype=np.float64), 4).tolist()


ones = {"kernel_initializer": "ones", "recurrent_initializer": "ones"}
x = tf.constant([[[1.0], [0.5], [-1.0]]])  # [batch 1, time 3, features 1]

rnn = layers.SimpleRNN(2, return_sequences=True, **ones)
print(r4(rnn(x)))
cell = layers.SimpleRNNCell(2, **ones)
out, state = cell(tf.constant([[1.0]]), [tf.zeros([1, 2])])
print(r4(out), len(state), out is state[0])

lstm = layers.LSTM(1, return_state=True, **ones)
seq, h, c = lstm(x)
print(r4(seq), r4(h), r4(c))
print([tuple(s.shape) for s in layers.LSTMCell(4)(tf.zeros([2, 3]), [tf.zeros([2, 4])] * 2)[1]])

gru = layers.GRU(1, return_sequences=True, **ones)
print(r4(gru(x)))
gru2 = layers.GRU(1, reset_after=False, **ones)
print(r4(gru2(x)))
print(r4(layers.SimpleRNN(1, go_backwards=True, **ones)(x)))
print(r4(layers.SimpleRNN(1, **ones)(x, initial_state=tf.constant([[0.5]]))))

# the weights as Keras holds them
lstm4, gru4 = layers.LSTM(4), layers.GRU(4)
lstm4(tf.zeros([2, 5, 3]))
gru4(tf.zeros([2, 5, 3]))
print([tuple(w.shape) for w in lstm4.get_weights()], [tuple(w.shape) for w in gru4.get_weights()])
print(r4(lstm4.cell.bias))  # the forget gate's block starts at 1
rk = lstm4.cell.recurrent_kernel  # [4, 16], orthogonal rows
print(np.allclose(tf.matmul(rk, rk, transpose_b=True), np.eye(4), atol=1e-6), lstm4.units, lstm4.cell.name)

# TF's "Text classification with an RNN" tutorial's model: 66,048 parameters in the LSTM pair
model = tf.keras.Sequential(
    [
        layers.Embedding(1000, 64),
        layers.Bidirectional(layers.LSTM(64)),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ]
)
model.build((None, 20))
print([layer.count_params() for layer in model.layers])
stacked = tf.keras.Sequential([layers.Embedding(1000, 64), layers.Bidirectional(layers.LSTM(64, return_sequences=True)),
                               layers.Bidirectional(layers.LSTM(32)), layers.Dense(1)])  # fmt: skip
print(stacked(tf.zeros([2, 7])).shape, [layer.count_params() for layer in stacked.layers])

# the gradient through time, upstream [2, -1] on the two units: d sum(g * h_T) / d K by hand
with tf.GradientTape() as tape:
    h = rnn(x)[:, -1, :]
    y = tf.reduce_sum(h * tf.constant([2.0, -1.0]))
print(r4(tape.gradient(y, rnn.cell.bias)))

# finite differences (float64) for the LSTM and GRU kernels through 3 steps
for make in (lambda: layers.LSTM(3, dtype="float64"), lambda: layers.GRU(3, dtype="float64")):
    layer = make()
    xs = tf.constant(np.linspace(-1, 1, 2 * 3 * 2).reshape(2, 3, 2))
    g = tf.constant([[1.0, -2.0, 0.5], [0.25, 1.0, -1.0]], tf.float64)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(layer(xs) * g)
    grads = tape.gradient(y, layer.trainable_variables)
    ok = True
    for v, gv in zip(layer.trainable_variables, grads, strict=False):
        flat = v.numpy().reshape(-1)
        for i in range(flat.size):
            base = v.numpy()
            step = np.zeros(flat.size)
            step[i] = 1e-6
            v.assign(base + step.reshape(base.shape))
            up = float(tf.reduce_sum(layer(xs) * g))
            v.assign(base - step.reshape(base.shape))
            down = float(tf.reduce_sum(layer(xs) * g))
            v.assign(base)
            ok = ok and abs((up - down) / 2e-6 - gv.numpy().reshape(-1)[i]) < 1e-6
    print(type(layer).__name__, ok)

# Conv1D and MaxPooling1D on [1, 2, 3, 4] with a kernel of ones (k = 2)
s = tf.constant([[[1.0], [2.0], [3.0], [4.0]]])
for padding in ("valid", "same", "causal"):
    print(padding, r4(layers.Conv1D(1, 2, padding=padding, kernel_initializer="ones")(s)[0, :, 0]))
print(r4(layers.MaxPooling1D(2)(tf.constant([[[1.0], [3.0], [2.0], [5.0]]]))[0, :, 0]))
conv = tf.keras.Sequential([tf.keras.Input((20, 4)), layers.Conv1D(8, 3, activation="relu"), layers.MaxPooling1D(),
                            layers.GlobalMaxPooling1D()])  # fmt: skip
print(conv.output_shape, conv.layers[0].kernel.shape, conv.count_params())
