# tf.linalg.solve with its gradient (values by hand: A X = B for A = [[2, 1], [1, 3]], B = [3, 5]^T;
# dB = A^-T dX, dA = -dB X^T), and TF's error for a singular matrix.
import tensorflow as tf

A = tf.Variable([[2.0, 1.0], [1.0, 3.0]])
B = tf.constant([[3.0], [5.0]])
with tf.GradientTape() as tape:
    X = tf.linalg.solve(A, B)
print(X)
dA = tape.gradient(X, A, output_gradients=tf.constant([[1.0], [2.0]]))
print(tf.round(dA * 10000) / 10000)
try:
    tf.linalg.solve(tf.constant([[1.0, 2.0], [2.0, 4.0]]), B)
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, "not invertible" in str(e))
x64 = tf.linalg.solve(tf.constant([[4.0, 0.0], [0.0, 2.0]], tf.float64), tf.constant([[1.0], [1.0]], tf.float64))
print(x64)
