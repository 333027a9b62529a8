"""Indexing and writing into tensors: t[key], t[key] = v, zero_(), fill_(). Which of these ops
PyTorch names for a given key is worked out in ``engine/tensor.py`` (``_index_key``)."""
import numpy as np

from ..spec import op
from .helpers import scatter, where


def _index_forward(self, key):
    return self[key]


def _index_put_forward(self, values, key):
    out = self.copy()
    out[key] = values
    return out


def _kept(shape, key):
    """True where ``t[key] = v`` leaves ``t`` as it was."""
    mask = np.ones(shape, dtype=bool)
    mask[key] = False
    return mask


def scatter_forward(self, shape, key):
    out = np.zeros(shape, dtype=self.dtype)
    if _picks_each_once(key):
        out[key] = self  # ints and slices pick each element at most once: nothing to add up
    else:
        np.add.at(out, key, self)  # positions may repeat (t[[0, 0]]): their gradients add up
    return out


def _picks_each_once(key):
    parts = key if type(key) is tuple else (key,)
    return all(type(part) in (int, slice) or part is None or part is Ellipsis for part in parts)


def _picked(grad, self_shape, key):
    return scatter(grad, self_shape, key)


_PICKED = {"self": ("1 at the picked place, 0 elsewhere", "1")}

SELECT = op("select", grad_fn="SelectBackward0", forward=_index_forward, vjp={"self": _picked},
            local=_PICKED, shows_as="{self}[{key}]",
            explain="the gradient goes to the picked elements; the rest get 0")
SLICE = op("slice", grad_fn="SliceBackward0", forward=_index_forward, vjp={"self": _picked},
           local=_PICKED, shows_as="{self}[{key}]",
           explain="the gradient goes to the sliced elements; the rest get 0")
INDEX = op("index", grad_fn="IndexBackward0", forward=_index_forward, vjp={"self": _picked},
           local=_PICKED, shows_as="{self}[{key}]",
           explain="the gradient goes to the picked elements (added up where an element was picked "
                   "twice); the rest get 0")
# Indexing that only adds size-1 dims (t[None], t[:, None]) or changes nothing (t[...], t[:]):
# PyTorch names these after the last step it took, an unsqueeze, or an alias of the same tensor.
INDEX_UNSQUEEZE = op("index_unsqueeze", grad_fn="UnsqueezeBackward0", forward=_index_forward,
                     vjp={"self": _picked}, local={"self": ("1 (extra dim removed)", "1")},
                     shows_as="{self}[{key}]",
                     explain="the added size-1 dimensions are removed again (and the gradient goes back "
                             "to the picked elements)")
ALIAS = op("alias", grad_fn="AliasBackward0", forward=_index_forward, vjp={"self": lambda grad: grad},
           local={"self": ("1", "1")}, shows_as="{self}[{key}]",
           explain="the same tensor again: the gradient passes through unchanged")
# A view written in place (v = h[0]; v[1] = 5) is read again from its new base: PyTorch names that
# node AsStridedBackward0 (and the base's CopySlices).
AS_STRIDED = op("as_strided", grad_fn="AsStridedBackward0", forward=_index_forward, vjp={"self": _picked},
                local=_PICKED, shows_as="{self}[{key}]",
                explain="the view, read again after it was written: the gradient goes to its elements")
# Which op reads t[key], by the kind of index parity/indexing.py finds in the key.
INDEX_BY_KIND = {"select": SELECT, "slice": SLICE, "index": INDEX, "alias": ALIAS, "unsqueeze": INDEX_UNSQUEEZE}

_PUT_RULES = {"self": lambda grad, self_shape, key: where(_kept(self_shape, key), grad, 0.0),
              "values": lambda grad, key: grad[key]}
_PUT_LOCAL = {"self": ("1 where not overwritten, 0 where overwritten", r"\mathbb{1}[\text{not overwritten}]"),
              "values": ("1 at the places it was written", "1")}
_PUT_EXPLAIN = ("the overwritten elements of t get no gradient; v receives the gradient of the places "
                "it was written to (summed where it was broadcast)")
INDEX_PUT = op("index_put", grad_fn="CopySlices", forward=_index_put_forward, vjp=_PUT_RULES,
               local=_PUT_LOCAL, shows_as="index_put({self}, [{key}], {values})",
               explain="t[key] = v: " + _PUT_EXPLAIN)
INDEX_PUT_TENSOR = op("index_put_tensor", grad_fn="IndexPutBackward0", forward=_index_put_forward,
                      vjp=_PUT_RULES, local=_PUT_LOCAL, shows_as="index_put({self}, [{key}], {values})",
                      explain="t[mask] = v or t[positions] = v: " + _PUT_EXPLAIN)
COPY = op("copy", grad_fn="CopyBackwards", forward=_index_put_forward, vjp=_PUT_RULES,
          local={"self": ("0 (overwritten)", "0"), "values": ("1", "1")},
          shows_as="copy({self}, {values})",
          explain="t[...] = v overwrites all of t: t gets no gradient, v gets all of it (summed where "
                  "it was broadcast)")
# Overwriting every element in place (t.zero_(), t.fill_(v)): the old values get no gradient.
ZERO = op("zero", grad_fn="ZeroBackward0", forward=np.zeros_like, vjp={"self": lambda grad: grad * 0.0},
          local={"self": ("0 (overwritten)", "0")}, shows_as="{self}.zero_()",
          explain="zero_() overwrites every element: no gradient flows back")
FILL = op("fill", grad_fn="FillBackward2", forward=lambda self, value: np.full_like(self, value),
          vjp={"self": lambda grad: grad * 0.0}, local={"self": ("0 (overwritten)", "0")},
          shows_as="{self}.fill_({value})",
          explain="fill_(number) overwrites every element: no gradient flows back")
FILL_TENSOR = op("fill_tensor", grad_fn="FillBackward3", forward=lambda self, value: np.full_like(self, value),
                 vjp={"self": lambda grad: grad * 0.0, "value": lambda grad: grad},
                 local={"self": ("0 (overwritten)", "0"), "value": ("1 (summed over copies)", "1")},
                 shows_as="{self}.fill_({value})",
                 explain="fill_(v) copies v everywhere: v receives the sum of the gradient; the "
                         "overwritten values get none")
INDEX_SCATTER = op("index_scatter", grad_fn="IndexPutBackward0", forward=scatter_forward,
                   vjp={"self": lambda grad, key: grad[key]}, local={"self": ("1 at the picked place", "1")},
                   shows_as="scatter({self}, at [{key}])",
                   explain="the gradient at the picked places is read back")
# Each piece of chunk()/split() is its own node here (PyTorch shares one node among the pieces);
# the name and the gradients are the same.
SPLIT = op("split", grad_fn="SplitBackward0", forward=_index_forward, vjp={"self": _picked},
           local={"self": ("1 in its own piece", "1")}, shows_as="{self}[{key}]",
           explain="each piece's gradient goes back to its place; the rest get 0")
SPLIT_WITH_SIZES = op("split_with_sizes", grad_fn="SplitWithSizesBackward0", forward=_index_forward,
                      vjp={"self": _picked}, local={"self": ("1 in its own piece", "1")},
                      shows_as="{self}[{key}]",
                      explain="each piece's gradient goes back to its place; the rest get 0")

__all__ = ['AS_STRIDED', 'INDEX_BY_KIND', 'SELECT', 'SLICE', 'INDEX', 'INDEX_UNSQUEEZE', 'ALIAS', 'INDEX_PUT', 'INDEX_PUT_TENSOR', 'COPY', 'ZERO', 'FILL', 'FILL_TENSOR', 'INDEX_SCATTER', 'SPLIT', 'SPLIT_WITH_SIZES']
