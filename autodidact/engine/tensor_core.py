"""The Tensor: a NumPy array, and the fields autograd keeps next to it. Read this first.

A tensor holds its values in ``_array`` (a NumPy array). For autograd it keeps four things:

- ``requires_grad``: should gradients flow to this tensor? Set it on the inputs you differentiate;
  every result computed from such a tensor requires grad too.
- ``grad_fn``: the node (``graph.Node``) of the op that computed this tensor, or None for a *leaf*
  (a tensor you made yourself). Following ``grad_fn`` and its edges walks the computation backwards.
- ``grad``: where ``backward()`` puts a leaf's gradient (added in, so zero it between steps).
- ``_versions``: how many times the values were changed in place (``t._version``), so backward can
  refuse values changed after an op saved them (``parity/versions.py``).

An op (``spec.py``) computes its result with NumPy and, when grad mode is on and an input requires
grad, records a node and sets the result's ``grad_fn``; ``backward()`` hands the graph to
``graph.run_backward``. Everything else a PyTorch tensor can do (shapes, dtypes, printing,
operators, indexing, in-place changes) is added to this class by ``tensor.py``.
"""
import weakref

import numpy as np

from . import backward_api
from .accumulate import warn_nonleaf_grad
from .errors import refuse_grad, refuse_requires_grad
from .grad_mode import _grad_mode


class Tensor:
    """An n-dimensional array of numbers that can record how it was computed. Make one with
    ``autodidact.tensor(data, requires_grad=...)``."""

    __slots__ = ("_array", "_requires_grad", "_grad", "_grad_fn", "_accumulator", "_versions",
                 "_retains_grad", "_inference", "_view_of", "_hooks", "__weakref__")
    __array_ufunc__ = None  # NumPy scalars on the left (np.float64(2) * t) defer to Tensor

    def _init(self, data):
        self._array = data  # the values: a NumPy array
        self._requires_grad = False  # do gradients flow to this tensor?
        self._grad = None  # a leaf's gradient, added in by backward()
        self._grad_fn = None  # the node of the op that computed it; None for a leaf (see grad_fn)
        self._accumulator = None  # a leaf's AccumulateGrad in next_functions, made on demand
        self._versions = [0]  # in-place changes so far, shared with its views (parity/versions.py)
        self._retains_grad = False  # retain_grad() was called
        self._inference = _grad_mode.inference  # made inside inference_mode(): see is_inference()
        self._view_of = None  # for a view (t[0], t.t()...) of t's memory: parity.versions.ViewOf

    @classmethod
    def _wrap(cls, array):
        """A new leaf around a NumPy array (no copy)."""
        t = object.__new__(cls)
        t._init(array if type(array) is np.ndarray else np.asarray(array))
        return t

    def _plain(self, array):
        """A new leaf Tensor (never a Parameter): how graph.py, which cannot import it, makes one."""
        return Tensor._wrap(array)

    @classmethod
    def _from_node(cls, node):
        """The output of ``node`` again, as a tensor in the graph (used for higher-order grads)."""
        t = cls._wrap(node.out)
        t.grad_fn = node
        t._requires_grad = True
        return t

    @property
    def grad_fn(self):
        """The node of the op that computed this tensor; None for a leaf."""
        view = self._view_of
        if view is not None and view.version != self._versions[0]:
            self._catch_up()  # its base changed in place since: take the base's new history (views)
        return self._grad_fn

    @grad_fn.setter
    def grad_fn(self, node):
        self._grad_fn = node

    @property
    def is_leaf(self):
        return self.grad_fn is None

    @property
    def requires_grad(self):
        # A view of a tensor that requires grad does too, even one made under no_grad (as in PyTorch).
        return self._requires_grad or (self._view_of is not None and self._view_of.base._requires_grad)

    @requires_grad.setter
    def requires_grad(self, flag):
        self.requires_grad_(flag)

    def requires_grad_(self, requires_grad=True):
        """Ask for gradients of this leaf (only a floating-point tensor can have them)."""
        refuse_requires_grad(self, requires_grad, _grad_mode.inference)  # PyTorch's errors, errors.py
        if self.grad_fn is None:  # (on a non-leaf, True changes nothing)
            self._requires_grad = bool(requires_grad)
        return self

    @property
    def grad(self):
        if self.grad_fn is not None and not self._retains_grad:
            warn_nonleaf_grad()
        return self._grad

    @grad.setter
    def grad(self, value):
        refuse_grad(self, value)  # a Tensor of this shape, or None
        self._grad = value

    def retain_grad(self):
        """Keep this non-leaf tensor's gradient in ``.grad`` after backward."""
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self.grad_fn is not None:
            self._retains_grad = True
            self.grad_fn.retained = weakref.ref(self)

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        """Add the gradient of this tensor with respect to each leaf into the leaf's ``.grad``. A
        non-scalar tensor needs ``gradient`` (same shape), e.g. ``y.backward(torch.ones_like(y))``."""
        backward_api.backward(self, gradient, retain_graph, create_graph, inputs=inputs)
