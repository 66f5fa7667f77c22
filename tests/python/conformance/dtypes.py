import tensorflow as tf

# TF's guide, Introduction to tensors: casts through float64, float16 and uint8
the_f64_tensor = tf.constant([2.2, 3.3, 4.4], dtype=tf.float64)
the_f16_tensor = tf.cast(the_f64_tensor, dtype=tf.float16)
# Now, cast to an uint8 and lose the decimal precision
the_u8_tensor = tf.cast(the_f16_tensor, dtype=tf.uint8)
print(the_u8_tensor)
print(repr(the_f16_tensor))
c = tf.constant([[4.0, 5.0], [10.0, 1.0]])
print(tf.math.argmax(c))
# The variables guide
my_variable = tf.Variable(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
print("Index of highest value:", tf.math.argmax(my_variable))
# The autodiff guide: an integer source gets no gradient
x = tf.constant(10)
with tf.GradientTape() as g:
    g.watch(x)
    y = x * x
print(g.gradient(y, x))
# float64 keeps what float32 rounds; Python numbers take the tensor's dtype
print(tf.constant(0.1, tf.float64) + 0.2)
print(repr(tf.constant([1.5, 2.5], dtype=tf.float64)))
v = tf.Variable(2.0, dtype=tf.float64)
with tf.GradientTape() as tape:
    y = v**3
print(tape.gradient(y, v))
# int / int is float64 (truediv); big Python ints are int64
print(tf.constant([1, 2, 3]) / 2)
print(tf.constant(2**40))
print(tf.reduce_sum(tf.constant([2**40, 2**40], tf.int64)))
print(tf.constant(7, tf.int64) // 2, tf.constant(-7, tf.int64) % 3)
print(tf.cast(tf.constant([1.7, -1.7]), tf.int64))
try:
    tf.constant(1.0) + tf.constant(1.0, tf.float64)
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, "double" in str(e))
for e in tf.data.Dataset.range(2):
    print(repr(e))
print(tf.keras.optimizers.SGD().iterations.dtype)
