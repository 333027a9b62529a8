"""``torch.FloatTensor``, ``torch.LongTensor``...: PyTorch's old per-dtype tensor classes.

Old tutorials still write ``torch.FloatTensor([1, 2])`` (a float32 tensor from data),
``torch.LongTensor(3)`` (an uninitialised int64 tensor of 3 elements) and
``isinstance(x, torch.FloatTensor)``. Each name here is a class whose call makes an ordinary
Tensor of its dtype, and whose isinstance test checks the dtype, as in PyTorch.
"""
import numbers

from ..parity import devices as _devices
from ..parity import dtypes as _dtypes
from .tensor import Tensor, empty, tensor


class _LegacyTensorType(type):
    def __instancecheck__(cls, instance):
        return isinstance(instance, Tensor) and instance.dtype is cls.dtype

    def __call__(cls, *args, device=None, **unexpected):
        if unexpected:
            raise TypeError(f"new() received an invalid combination of arguments - got "
                            f"({', '.join(sorted(unexpected))}=...): {cls.__name__} takes data or sizes only. "
                            f"Use torch.tensor(data, dtype={cls.dtype}, requires_grad=True) instead.")
        _devices.check_creation_device(device)
        if len(args) == 1 and isinstance(args[0], Tensor):
            if args[0].dtype is not cls.dtype:
                raise TypeError(f"expected {cls.dtype} (got {args[0].dtype})")
            return Tensor._wrap(args[0]._array)  # a new tensor sharing the memory, as in PyTorch
        if not args:
            return empty(0, dtype=cls.dtype)
        if all(isinstance(n, numbers.Integral) for n in args):
            return empty(*args, dtype=cls.dtype)  # sizes
        if len(args) == 1:
            return tensor(args[0], dtype=cls.dtype)
        raise TypeError(f"new() received an invalid combination of arguments: {cls.__name__} takes one sequence "
                        "of data or integer sizes")

    def __repr__(cls):
        return f"<class 'torch.{cls.__name__}'>"


def _legacy_type(name, dtype):
    return _LegacyTensorType(name, (), {"dtype": dtype, "__module__": "torch"})


FloatTensor = _legacy_type("FloatTensor", _dtypes.float32)
DoubleTensor = _legacy_type("DoubleTensor", _dtypes.float64)
LongTensor = _legacy_type("LongTensor", _dtypes.int64)
IntTensor = _legacy_type("IntTensor", _dtypes.int32)
BoolTensor = _legacy_type("BoolTensor", _dtypes.bool_)
HalfTensor = _legacy_type("HalfTensor", _dtypes.float16)
ShortTensor = _legacy_type("ShortTensor", _dtypes.int16)
CharTensor = _legacy_type("CharTensor", _dtypes.int8)
ByteTensor = _legacy_type("ByteTensor", _dtypes.uint8)

BY_NAME = {f"torch.{t.__name__}": t for t in (FloatTensor, DoubleTensor, LongTensor, IntTensor, BoolTensor,
                                                HalfTensor, ShortTensor, CharTensor, ByteTensor)}
