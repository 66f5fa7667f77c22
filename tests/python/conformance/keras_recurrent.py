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

# TF's "Masking and padding" guide: pad_sequences, Embedding(mask_zero=True), Masking; a masked
# step keeps the state, so a padded sequence ends where the unpadded one does
raw_inputs = [[711, 632, 71], [73, 8, 3215, 55, 927], [83, 91, 1, 645, 1253, 927]]
padded_inputs = tf.keras.utils.pad_sequences(raw_inputs, padding="post")
print(padded_inputs)
embedding = layers.Embedding(input_dim=5000, output_dim=16, mask_zero=True)
masked_output = embedding(padded_inputs)
print(masked_output._keras_mask)
masking_layer = layers.Masking()
unmasked_embedding = tf.cast(tf.tile(tf.expand_dims(padded_inputs, axis=-1), [1, 1, 10]), tf.float32)
masked_embedding = masking_layer(unmasked_embedding)
print(masked_embedding._keras_mask)
print(tf.keras.utils.pad_sequences([[1, 2, 3], [4]], maxlen=2), tf.keras.utils.pad_sequences([[1, 2, 3], [4]], maxlen=2,
      truncating="post", padding="post"))  # fmt: skip
emb = layers.Embedding(100, 4, mask_zero=True)
lstm = layers.LSTM(3)
print(np.array_equal(lstm(emb(tf.constant([[5, 7, 0, 0]]))).numpy(), lstm(emb(tf.constant([[5, 7]]))).numpy()))
seq = layers.GRU(3, return_sequences=True)(emb(tf.constant([[5, 7, 0]])))
print(seq._keras_mask, np.array_equal(seq[0, 2].numpy(), seq[0, 1].numpy()))
inputs = tf.keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(input_dim=5000, output_dim=16, mask_zero=True)(inputs)
outputs = layers.Bidirectional(layers.LSTM(32))(x)
print(tf.keras.Model(inputs, outputs)(padded_inputs).shape)

# TF's "Working with RNNs" guide: an encoder's states as a decoder's initial_state (functional)
encoder_input = layers.Input(shape=(None,))
encoder_embedded = layers.Embedding(input_dim=1000, output_dim=64)(encoder_input)
output, state_h, state_c = layers.LSTM(64, return_state=True, name="encoder")(encoder_embedded)
decoder_input = layers.Input(shape=(None,))
decoder_embedded = layers.Embedding(input_dim=2000, output_dim=64)(decoder_input)
decoder_output = layers.LSTM(64, name="decoder")(decoder_embedded, initial_state=[state_h, state_c])
model = tf.keras.Model([encoder_input, decoder_input], layers.Dense(10)(decoder_output))
print([layer.name for layer in model.layers][-3:], model.get_layer("encoder").output_shape, model.count_params())
ins = [tf.ones([2, 5]), tf.ones([2, 7])]
print(model(ins).shape)
model.save("/tmp/xtape_seq2seq.keras")
print(np.array_equal(tf.keras.models.load_model("/tmp/xtape_seq2seq.keras")(ins).numpy(), model(ins).numpy()))
# stateful: each call starts from the last call's final states, until reset_states()
paragraph = tf.constant(np.linspace(0, 1, 2 * 3 * 4).reshape(2, 3, 4), tf.float32)
stateful = layers.LSTM(5, stateful=True)
first = stateful(paragraph).numpy()
second = stateful(paragraph).numpy()
stateful.reset_states()
print(np.array_equal(stateful(paragraph).numpy(), first), np.array_equal(first, second), len(stateful.states))
