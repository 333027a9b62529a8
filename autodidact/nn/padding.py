"""Padding layers: each one adds a border around the last 1, 2 or 3 dims of its input, as
``F.pad`` does (see there for the four modes). ``padding`` is one number for every side, or
(left, right[, top, bottom[, front, back]]), the last dim first."""
from . import functional as F
from .module import Module


def _widths(padding, sides):
    return (padding,) * sides if isinstance(padding, int) else tuple(padding)


class _Pad(Module):
    mode = "constant"
    dims = 1

    def __init__(self, padding):
        super().__init__()
        self.padding = _widths(padding, 2 * self.dims)

    def forward(self, input):
        return F.pad(input, self.padding, self.mode)

    def extra_repr(self):
        return f"{self.padding}"


class _ConstantPad(_Pad):
    def __init__(self, padding, value):
        super().__init__(padding)
        self.value = value

    def forward(self, input):
        return F.pad(input, self.padding, "constant", self.value)

    def extra_repr(self):
        return f"padding={self.padding}, value={self.value}"


class _ZeroPad(_ConstantPad):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


def _layer(name, base, mode, dims, what):
    doc = f"Pads the last {dims} dim{'s' if dims > 1 else ''} of the input {what}."
    return type(name, (base,), {"mode": mode, "dims": dims, "__doc__": doc, "__module__": __name__})


ZeroPad1d = _layer("ZeroPad1d", _ZeroPad, "constant", 1, "with zeros")
ZeroPad2d = _layer("ZeroPad2d", _ZeroPad, "constant", 2, "with zeros")
ZeroPad3d = _layer("ZeroPad3d", _ZeroPad, "constant", 3, "with zeros")
ConstantPad1d = _layer("ConstantPad1d", _ConstantPad, "constant", 1, "with a constant value")
ConstantPad2d = _layer("ConstantPad2d", _ConstantPad, "constant", 2, "with a constant value")
ConstantPad3d = _layer("ConstantPad3d", _ConstantPad, "constant", 3, "with a constant value")
ReflectionPad1d = _layer("ReflectionPad1d", _Pad, "reflect", 1, "with its reflection at the edge")
ReflectionPad2d = _layer("ReflectionPad2d", _Pad, "reflect", 2, "with its reflection at the edge")
ReflectionPad3d = _layer("ReflectionPad3d", _Pad, "reflect", 3, "with its reflection at the edge")
ReplicationPad1d = _layer("ReplicationPad1d", _Pad, "replicate", 1, "by repeating the edge")
ReplicationPad2d = _layer("ReplicationPad2d", _Pad, "replicate", 2, "by repeating the edge")
ReplicationPad3d = _layer("ReplicationPad3d", _Pad, "replicate", 3, "by repeating the edge")
CircularPad1d = _layer("CircularPad1d", _Pad, "circular", 1, "with the values from the other side")
CircularPad2d = _layer("CircularPad2d", _Pad, "circular", 2, "with the values from the other side")
CircularPad3d = _layer("CircularPad3d", _Pad, "circular", 3, "with the values from the other side")

__all__ = [name for dims in (1, 2, 3) for name in (f"ZeroPad{dims}d", f"ConstantPad{dims}d", f"ReflectionPad{dims}d",
                                                     f"ReplicationPad{dims}d", f"CircularPad{dims}d")]
