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


_STORAGE = Tensor.__dict__["_array"]  # the Tensor's own slot, under the guard UninitializedParameter puts on it


class UninitializedParameter(Parameter):
    """A parameter whose shape is not known yet: a lazy layer's weight before its first call
    (``nn.LazyLinear``). It can be registered, listed and handed to an optimizer, but any use of its
    values raises until :meth:`materialize` gives it a shape; then it is a plain Parameter (the same
    object, so an optimizer made earlier trains it)."""

    __slots__ = ()
    cls_to_become = Parameter

    def __new__(cls, requires_grad=True, device=None, dtype=None):
        parameter = Parameter(empty(0, dtype=dtype, device=device), requires_grad)
        parameter.__class__ = cls
        return parameter

    def __init__(self, requires_grad=True, device=None, dtype=None):
        pass

    @property
    def _array(self):
        raise ValueError(
            "Attempted to use an uninitialized parameter. This error happens when you are using a "
            "`LazyModule` or explicitly manipulating `torch.nn.parameter.UninitializedParameter` objects. "
            "When using LazyModules Call `forward` with a dummy batch to initialize the parameters before "
            "calling torch functions")

    @property
    def shape(self):
        raise RuntimeError(
            "Can't access the shape of an uninitialized parameter or buffer. This error usually happens in "
            "`load_state_dict` when trying to load an uninitialized parameter into an initialized one. Call "
            "`forward` to initialize the parameters before accessing their attributes.")

    def size(self, dim=None):
        return self.shape

    @property
    def dtype(self):
        return Tensor.dtype.fget(self._storage)

    @property
    def data(self):
        """An empty tensor, as in PyTorch: d2l writes ``net.weight.data.normal_(0, 0.01)`` before the
        first call, which changes nothing (the first call draws the starting values)."""
        return self._storage

    @property
    def _storage(self):
        """The placeholder (empty) array underneath, as a plain tensor: only its dtype is meaningful."""
        return Tensor._wrap(_STORAGE.__get__(self))

    def detach(self):
        """Still without a shape (what ``state_dict()`` shows for a lazy layer not yet called)."""
        return UninitializedParameter(requires_grad=False, dtype=self.dtype)

    def materialize(self, shape, device=None, dtype=None):
        """Give the parameter its shape (uninitialised values; a layer's reset_parameters fills them)."""
        dtype = dtype or self.dtype
        self.__class__ = self.cls_to_become
        self._array = empty(*shape, dtype=dtype, device=device)._array

    def __repr__(self):
        return "<UninitializedParameter>"

    __str__ = __repr__


class UninitializedBuffer(UninitializedParameter):
    """A buffer whose shape is not known yet: a lazy BatchNorm's running statistics before its first
    call. :meth:`materialize` gives it a shape and makes it a plain tensor (the same object)."""

    __slots__ = ()
    cls_to_become = Tensor

    def __new__(cls, requires_grad=False, device=None, dtype=None):
        buffer = UninitializedParameter(requires_grad, device, dtype)
        buffer.__class__ = cls
        return buffer

    def detach(self):
        return UninitializedBuffer(dtype=self.dtype)

    def __repr__(self):
        return "<UninitializedBuffer>"

    __str__ = __repr__
