"""tf.saved_model.save / load for Keras models: the model saved as model.save does (its
architecture, weights and compile arguments, in the folder; keras/saving.py), loaded back as the
Keras model, callable as TF's loaded object is. TF's SavedModel format (graphs, signatures) is
not written or read: a tf.Module that is not a Keras model is refused."""

import os


def save(obj, export_dir, signatures=None, options=None):
    from ..keras.models import Model

    if not isinstance(obj, Model):
        raise NotImplementedError(
            "tf.saved_model.save: xtape saves Keras models (their layers, weights and compile arguments); %s is "
            "not one (save its variables with tf.train.Checkpoint)" % type(obj).__name__
        )
    os.makedirs(os.fspath(export_dir), exist_ok=True)
    obj.save(os.fspath(export_dir))


def load(export_dir, tags=None, options=None):
    from ..keras.saving import load_model

    return load_model(os.fspath(export_dir))


def contains_saved_model(export_dir):
    return os.path.isfile(os.path.join(os.fspath(export_dir), "model.keras"))
