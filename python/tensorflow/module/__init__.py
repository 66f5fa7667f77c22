"""tf.Module"""
