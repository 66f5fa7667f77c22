"""tf.config and tf.device: xtape runs on the CPU it is given (WebAssembly, in a browser or Node)."""

from ..eager.def_function import functions_run_eagerly, run_functions_eagerly  # noqa: F401


class PhysicalDevice:
    def __init__(self, name, device_type):
        self.name = name
        self.device_type = device_type

    def __repr__(self):
        return "PhysicalDevice(name='%s', device_type='%s')" % (self.name, self.device_type)

    def __eq__(self, other):
        return isinstance(other, PhysicalDevice) and (self.name, self.device_type) == (other.name, other.device_type)

    def __hash__(self):
        return hash((self.name, self.device_type))


class LogicalDevice(PhysicalDevice):
    def __repr__(self):
        return "LogicalDevice(name='%s', device_type='%s')" % (self.name, self.device_type)


_CPU = PhysicalDevice("/physical_device:CPU:0", "CPU")


def list_physical_devices(device_type=None):
    """[the CPU] for None or 'CPU'; [] for 'GPU' and 'TPU': there are none here."""
    return [_CPU] if device_type in (None, "CPU") else []


def list_logical_devices(device_type=None):
    return [LogicalDevice("/device:CPU:0", "CPU")] if device_type in (None, "CPU") else []


def set_visible_devices(devices, device_type=None):
    """Accepted; the CPU stays visible."""


def get_visible_devices(device_type=None):
    return list_physical_devices(device_type)


class experimental:  # noqa: N801  (tf.config.experimental)
    list_physical_devices = staticmethod(list_physical_devices)

    @staticmethod
    def set_memory_growth(device, enable):
        """Accepted: the heap grows as needed anyway."""

    @staticmethod
    def get_memory_growth(device):
        return True


class threading:  # noqa: N801  (tf.config.threading)
    @staticmethod
    def set_intra_op_parallelism_threads(n):
        from ..framework.bridge import js

        if n and int(n) > 0:
            js.setNumThreads(int(n))

    @staticmethod
    def get_intra_op_parallelism_threads():
        from ..framework.bridge import js

        return int(js.numThreads())

    @staticmethod
    def set_inter_op_parallelism_threads(n):
        """Accepted: ops run one after another."""

    @staticmethod
    def get_inter_op_parallelism_threads():
        return 1


class device:  # noqa: N801  (tf.device, also used from tf/__init__)
    """with tf.device('/CPU:0'): ... runs on the CPU; a GPU name is accepted and runs there too
    (TF places ops on the CPU when a GPU is absent, with soft placement)."""

    def __init__(self, device_name):
        self.device_name = device_name

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
