"""Devices: where a tensor's numbers live. In autodidact that is always the CPU.

PyTorch code names devices everywhere (``device=``, ``.to(device)``, ``torch.cuda.is_available()``),
so the names exist here and behave as on a PyTorch build without a GPU: asking for the CPU works,
asking for CUDA fails with PyTorch's own error class (AssertionError), and other accelerators with
RuntimeError. The usual tutorial line works unchanged::

    device = "cuda" if torch.cuda.is_available() else "cpu"     # "cpu" here
"""
# Every device type PyTorch's parser knows, in its order: a typo gets PyTorch's error listing them.
_KNOWN_TYPES = ("cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga",
                "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone")

_CPU_ONLY_HINT = ("autodidact computes on the CPU only: leave out device=..., or write "
                  "device = 'cuda' if torch.cuda.is_available() else 'cpu'.")


class device:  # noqa: N801  (torch.device is a lower-case class)
    """A device name, e.g. ``torch.device("cpu")`` or ``torch.device("cuda", 0)``.

    Naming a device is always allowed (as in PyTorch); putting a tensor on one other than the CPU is
    not, and raises when you try.
    """

    __slots__ = ("type", "index")

    def __init__(self, type, index=None):  # noqa: A002  (PyTorch's parameter name)
        if isinstance(type, device):
            type, index = type.type, type.index
        elif isinstance(type, int) and not isinstance(type, bool):
            raise RuntimeError("Cannot access accelerator device when none is available. "
                               f"A bare number names a GPU; {_CPU_ONLY_HINT}")
        elif not isinstance(type, str):
            raise TypeError(f"device() received an invalid combination of arguments - got "
                            f"({_type_name(type)}), but expected a device name such as 'cpu'")
        else:
            name, colon, number = type.partition(":")
            if colon and (not number.isdigit() or index is not None):
                raise RuntimeError(f"Invalid device string: '{type}'")
            if name not in _KNOWN_TYPES:
                raise RuntimeError(f"Expected one of {', '.join(_KNOWN_TYPES)} device type at start of "
                                   f"device string: {type}")
            type = name
            if colon:
                index = int(number)
        if index is not None and index < 0:
            raise RuntimeError("Device index must not be negative")
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "index", index)

    def __setattr__(self, name, value):
        raise AttributeError(f"attribute '{name}' of 'torch.device' objects is not writable")

    def __repr__(self):
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other):
        return isinstance(other, device) and (self.type, self.index) == (other.type, other.index)

    def __hash__(self):
        return hash((self.type, self.index))

    def __reduce__(self):
        return (device, (self.type, self.index))


def _type_name(value):
    return type(value).__name__


CPU = device("cpu")


def check_device(requested):
    """Accept ``requested`` if it names the CPU (or is None); raise PyTorch's error otherwise.

    CUDA gives AssertionError("Torch not compiled with CUDA enabled"), as a PyTorch build without
    CUDA does; any other accelerator gives RuntimeError.
    """
    if requested is None:
        return
    wanted = requested if isinstance(requested, device) else device(requested)
    if wanted.type == "cpu":
        return
    if wanted.type == "cuda":
        raise AssertionError(f"Torch not compiled with CUDA enabled. {_CPU_ONLY_HINT}")
    raise RuntimeError(f"PyTorch is not linked with support for {wanted.type} devices. {_CPU_ONLY_HINT}")


def check_creation_device(requested):
    """As ``check_device``, for a new tensor: PyTorch raises NotImplementedError there for devices
    other than CUDA (no kernel to make a tensor on them)."""
    try:
        check_device(requested)
    except AssertionError:
        raise
    except RuntimeError as error:
        if "not linked" in str(error):
            raise NotImplementedError(str(error)) from None
        raise


def is_device_name(value):
    """True for what ``.to(...)`` takes as a device: a device, a device string, or a GPU number."""
    return isinstance(value, (device, str)) or (isinstance(value, int) and not isinstance(value, bool))
