# The TF2 tutorial's forward propagation and gradient descent, as the tutorial writes it:
#   npm run python -- examples/forward_propagation.py [--rows N]
import tensorflow as tf
from tensorflow import keras

# x: [60k, 28, 28], y: [60k]
(x, y), _ = keras.datasets.fashion_mnist.load_data()
x = tf.reshape(x, [-1, 28 * 28])
x = tf.cast(x, tf.float32) / 255.0
y = tf.one_hot(y, depth=10)

# [784] => [128] => [10]
w1 = tf.Variable(tf.random.truncated_normal([784, 128], stddev=0.1))
b1 = tf.Variable(tf.zeros([128]))
w2 = tf.Variable(tf.random.truncated_normal([128, 10], stddev=0.1))
b2 = tf.Variable(tf.zeros([10]))
lr = 0.01

for i in range(50):
    with tf.GradientTape() as tape:
        h1 = tf.nn.relu(x @ w1 + b1)
        out = h1 @ w2 + b2
        loss = tf.reduce_mean(tf.square(y - out))
    grads = tape.gradient(loss, [w1, b1, w2, b2])
    if i == 0:
        print(grads)
    w1.assign_sub(lr * grads[0])
    b1.assign_sub(lr * grads[1])
    w2.assign_sub(lr * grads[2])
    b2.assign_sub(lr * grads[3])
    print(loss.numpy())
