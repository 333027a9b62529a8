"""``nn.Parameter``: a tensor that a Module treats as one of its learnable weights."""
from ..engine.tensor import empty
from ..engine import Tensor


class Parameter(Tensor):
    """A leaf tensor that requires grad and that a :class:`Module` registers when assigned.

    ``self.w = nn.Parameter(torch.randn(3))`` inside a module's ``__init__`` is all it takes for
    ``w`` to show up in ``module.parameters()`` and so to be trained by an optimizer. The parameter
    shares memory with the tensor it wraps, as in PyTorch. Results of operations on a parameter are
    ordinary tensors.
    """

    __slots__ = ()

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = empty(0)
        if not isinstance(data, Tensor):
            raise TypeError(
                f"Parameter expects a tensor, got {type(data).__name__}. "
                "Wrap the values first, e.g. nn.Parameter(torch.tensor([1.0, 2.0]))."
            )
        parameter = cls._wrap(data._array)  # same memory, a fresh leaf (any history is cut off)
        parameter.requires_grad_(requires_grad)
        return parameter

    def __init__(self, data=None, requires_grad=True):
        pass  # everything happens in __new__; Tensor.__init__ is the legacy constructor

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__
