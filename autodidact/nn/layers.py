"""Layers: Linear, the activations, Dropout, and the shape helpers Flatten and Unflatten.

Each layer is a few lines: ``__init__`` creates its parameters, ``forward`` is a call into
``functional``, and ``extra_repr`` says what to print between the parentheses.
"""
import math
from ..engine.tensor import empty
from . import functional as F
from . import init
from . import init as _init  # PReLU's parameter is named init
from .module import Module
from .parameter import Parameter, UninitializedParameter


class Linear(Module):
    """``y = x @ W.T + b``, with ``W`` of shape ``(out_features, in_features)``.

    Starting values, as in PyTorch: every weight and bias is drawn from U(-1/√in, 1/√in). Keeping
    them small in proportion to the number of inputs keeps each output's spread about the same
    whatever the layer's width.
    """

    def __init__(self, in_features, out_features, bias=True, device=None, dtype=None):
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Parameter(empty(out_features, in_features, dtype=dtype, device=device))
        if bias:
            self.bias = Parameter(empty(out_features, dtype=dtype, device=device))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        # PyTorch writes this as kaiming_uniform_(weight, a=√5): the bound works out to 1/√in.
        bound = 1 / math.sqrt(self.in_features) if self.in_features > 0 else 0.0
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input):
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self):
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"


class LazyLinear(Linear):
    """A Linear layer that learns its ``in_features`` from its first input: ``nn.LazyLinear(10)``.

    Until that first call the weight and bias are :class:`UninitializedParameter`s (any use of them
    raises); the call gives them their shapes, draws their starting values as ``Linear`` does, and
    turns the layer into a ``Linear`` (it then prints as one).
    """

    cls_to_become = Linear

    def __init__(self, out_features, bias=True, device=None, dtype=None):
        Module.__init__(self)
        self.in_features = 0
        self.out_features = out_features
        self.weight = UninitializedParameter(device=device, dtype=dtype)
        if bias:
            self.bias = UninitializedParameter(device=device, dtype=dtype)
        else:
            self.register_parameter("bias", None)

    def reset_parameters(self):
        if not isinstance(self.weight, UninitializedParameter) and self.in_features != 0:
            super().reset_parameters()

    def forward(self, input):
        if isinstance(self.weight, UninitializedParameter):
            self.in_features = input.shape[-1]  # a 0-d input raises IndexError, as in PyTorch
            self.weight.materialize((self.out_features, self.in_features))
            if self.bias is not None:
                self.bias.materialize((self.out_features,))
            self.reset_parameters()
        if self.in_features == 0:  # the shapes came from load_state_dict
            if input.shape[-1] != self.weight.shape[-1]:
                raise AssertionError(f"The in_features inferred from input: {input.shape[-1]} is not equal to "
                                     f"in_features from self.weight: {self.weight.shape[-1]}")
            self.in_features = input.shape[-1]
        self.__class__ = self.cls_to_become
        return F.linear(input, self.weight, self.bias)


class Tanh(Module):
    """tanh elementwise: squashes any number into (-1, 1)."""

    def forward(self, input):
        return F.tanh(input)


class Sigmoid(Module):
    """1 / (1 + e^-x) elementwise: squashes any number into (0, 1), e.g. into a probability."""

    def forward(self, input):
        return F.sigmoid(input)


class ReLU(Module):
    """max(x, 0) elementwise."""

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace

    def forward(self, input):
        return F.relu(input, inplace=self.inplace)

    def extra_repr(self):
        return "inplace=True" if self.inplace else ""


class LeakyReLU(Module):
    """x where x > 0, negative_slope·x elsewhere."""

    def __init__(self, negative_slope=0.01, inplace=False):
        super().__init__()
        self.negative_slope = negative_slope
        self.inplace = inplace

    def forward(self, input):
        return F.leaky_relu(input, self.negative_slope, self.inplace)

    def extra_repr(self):
        return f"negative_slope={self.negative_slope}" + (", inplace=True" if self.inplace else "")


class Softplus(Module):
    """log(1 + e^(beta·x)) / beta elementwise: a smooth ReLU."""

    def __init__(self, beta=1.0, threshold=20.0):
        super().__init__()
        self.beta = beta
        self.threshold = threshold

    def forward(self, input):
        return F.softplus(input, self.beta, self.threshold)

    def extra_repr(self):
        return f"beta={float(self.beta)}, threshold={float(self.threshold)}"


class ELU(Module):
    """x where x > 0, alpha·(e^x - 1) elsewhere."""

    def __init__(self, alpha=1.0, inplace=False):
        super().__init__()
        self.alpha = alpha
        self.inplace = inplace

    def forward(self, input):
        return F.elu(input, self.alpha, self.inplace)

    def extra_repr(self):
        return f"alpha={self.alpha}" + (", inplace=True" if self.inplace else "")


class GELU(Module):
    """x·Φ(x), Φ the standard normal's distribution function; ``approximate="tanh"`` as in GPT-2."""

    def __init__(self, approximate="none"):
        super().__init__()
        self.approximate = approximate

    def forward(self, input):
        return F.gelu(input, approximate=self.approximate)

    def extra_repr(self):
        return f"approximate={self.approximate!r}"


class _InplaceActivation(Module):
    function = None  # the nn.functional function applied

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace

    def forward(self, input):
        return type(self).function(input, inplace=self.inplace)

    def extra_repr(self):
        return "inplace=True" if self.inplace else ""


class SiLU(_InplaceActivation):
    """x·σ(x) (swish)."""
    function = F.silu


class Mish(_InplaceActivation):
    """x·tanh(softplus(x))."""
    function = F.mish


class ReLU6(_InplaceActivation):
    """min(max(x, 0), 6)."""
    function = F.relu6


class SELU(_InplaceActivation):
    """λ·x for x > 0, λα(e^x - 1) otherwise (self-normalizing)."""
    function = F.selu


class Hardswish(_InplaceActivation):
    """x·relu6(x + 3)/6."""
    function = F.hardswish

    def extra_repr(self):
        return ""  # PyTorch prints Hardswish() even in place


class Hardsigmoid(Hardswish):
    """relu6(x + 3)/6."""
    function = F.hardsigmoid


class _PlainActivation(Module):
    function = None  # the nn.functional function applied, without options

    def forward(self, input):
        return type(self).function(input)


class LogSigmoid(_PlainActivation):
    """log(σ(x))."""
    function = F.logsigmoid


class Softsign(_PlainActivation):
    """x / (1 + |x|)."""
    function = F.softsign


class Tanhshrink(_PlainActivation):
    """x - tanh(x)."""
    function = F.tanhshrink


class CELU(Module):
    """x for x > 0, α(e^(x/α) - 1) otherwise."""

    def __init__(self, alpha=1.0, inplace=False):
        super().__init__()
        self.alpha, self.inplace = alpha, inplace

    def forward(self, input):
        return F.celu(input, self.alpha, self.inplace)

    def extra_repr(self):
        return f"alpha={self.alpha}" + (", inplace=True" if self.inplace else "")


class Threshold(Module):
    """x where x > threshold, ``value`` elsewhere."""

    def __init__(self, threshold, value, inplace=False):
        super().__init__()
        self.threshold, self.value, self.inplace = threshold, value, inplace

    def forward(self, input):
        return F.threshold(input, self.threshold, self.value, self.inplace)

    def extra_repr(self):
        return f"threshold={self.threshold}, value={self.value}" + (", inplace=True" if self.inplace else "")


class Hardshrink(Module):
    """x where |x| > lambd, 0 elsewhere."""

    def __init__(self, lambd=0.5):
        super().__init__()
        self.lambd = lambd

    def forward(self, input):
        return F.hardshrink(input, self.lambd)

    def extra_repr(self):
        return f"{self.lambd}"


class Softshrink(Hardshrink):
    """x moved lambd towards 0, 0 where |x| ≤ lambd."""

    def forward(self, input):
        return F.softshrink(input, self.lambd)


class GLU(Module):
    """a·σ(b) for the two halves a, b of the input along ``dim``."""

    def __init__(self, dim=-1):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.glu(input, self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


class PReLU(Module):
    """x for x > 0, a·x otherwise, with the slope a learned: one for all channels
    (``num_parameters=1``) or one per channel (dim 1), starting at ``init``."""

    def __init__(self, num_parameters=1, init=0.25, device=None, dtype=None):
        super().__init__()
        self.num_parameters = num_parameters
        self.init = init
        self.weight = Parameter(empty(num_parameters, dtype=dtype, device=device))
        self.reset_parameters()

    def reset_parameters(self):
        _init.constant_(self.weight, self.init)

    def forward(self, input):
        return F.prelu(input, self.weight)

    def extra_repr(self):
        return f"num_parameters={self.num_parameters}"


class Hardtanh(Module):
    """x clipped to [min_val, max_val]."""

    def __init__(self, min_val=-1.0, max_val=1.0, inplace=False):
        super().__init__()
        self.min_val, self.max_val, self.inplace = min_val, max_val, inplace

    def forward(self, input):
        return F.hardtanh(input, self.min_val, self.max_val, self.inplace)

    def extra_repr(self):
        return f"min_val={self.min_val}, max_val={self.max_val}" + (", inplace=True" if self.inplace else "")


class Softmax(Module):
    """Each slice along ``dim`` becomes probabilities that add up to 1."""

    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.softmax(input, self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


class Softmin(Module):
    """softmax(-x) along ``dim``: probabilities that favour the smallest values."""

    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.softmin(input, self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


class LogSoftmax(Module):
    """log(softmax(x)) along ``dim``, computed stably (pair it with NLLLoss)."""

    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.log_softmax(input, self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


class Identity(Module):
    """Returns its input unchanged (a placeholder where a layer is optional)."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, input):
        return input


class Flatten(Module):
    """Merge the dims from ``start_dim`` to ``end_dim`` into one, e.g. (N, 28, 28) -> (N, 784)."""

    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input):
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self):
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Unflatten(Module):
    """Split dim ``dim`` into the sizes ``unflattened_size``, e.g. (N, 784) -> (N, 1, 28, 28)."""

    def __init__(self, dim, unflattened_size):
        super().__init__()
        if not isinstance(unflattened_size, (tuple, list)):
            raise TypeError("unflattened_size must be tuple of ints, but found type "
                            f"{type(unflattened_size).__name__}")
        self.dim = dim
        self.unflattened_size = unflattened_size

    def forward(self, input):
        dim = self.dim % input.ndim if input.ndim else 0
        shape = tuple(input.shape)
        return input.view(*shape[:dim], *self.unflattened_size, *shape[dim + 1:])

    def extra_repr(self):
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"


class Dropout(Module):
    """While training, zero each element with probability ``p`` and scale the rest by 1/(1-p), so
    the expected value stays the same; in ``eval()`` mode, pass the input through unchanged.

    Zeroing random units stops a network from relying on any single one: a cheap regulariser.
    Remember ``model.eval()`` before measuring: otherwise predictions stay random.
    """

    def __init__(self, p=0.5, inplace=False):
        super().__init__()
        F._check_dropout_probability(p)
        self.p = p
        self.inplace = inplace

    def forward(self, input):
        return F.dropout(input, self.p, self.training, self.inplace)

    def extra_repr(self):
        return f"p={self.p}, inplace={self.inplace}"


class Dropout1d(Dropout):
    """Dropout of whole channels of sequences (N, C, L): a channel is zeroed or kept as a whole."""

    def forward(self, input):
        return F.dropout1d(input, self.p, self.training, self.inplace)


class Dropout2d(Dropout):
    """Dropout of whole feature maps of images (N, C, H, W): neighbouring pixels are strongly
    correlated, so zeroing single pixels would hardly regularise."""

    def forward(self, input):
        return F.dropout2d(input, self.p, self.training, self.inplace)


class Dropout3d(Dropout):
    """Dropout of whole channels of volumes (N, C, D, H, W)."""

    def forward(self, input):
        return F.dropout3d(input, self.p, self.training, self.inplace)


class NonDynamicallyQuantizableLinear(Linear):
    """The output projection of MultiheadAttention: a Linear (PyTorch names it so for quantization)."""


class MultiheadAttention(Module):
    """Attention with ``num_heads`` heads: queries, keys and values are projected (one stacked
    ``in_proj_weight``), split into heads, attended with ``F.scaled_dot_product_attention``-style
    softmax weights, joined and projected by ``out_proj``. Inputs are (L, N, E), or (N, L, E) with
    ``batch_first=True``. Returns ``(output, weights)``; weights are averaged over heads unless
    ``average_attn_weights=False``, and None when ``need_weights=False``."""

    def __init__(self, embed_dim, num_heads, dropout=0.0, bias=True, batch_first=False):
        super().__init__()
        if embed_dim % num_heads:
            raise AssertionError("embed_dim must be divisible by num_heads")
        self.embed_dim, self.num_heads, self.dropout = embed_dim, num_heads, dropout
        self.batch_first, self.head_dim = batch_first, embed_dim // num_heads
        self.in_proj_weight = Parameter(empty(3 * embed_dim, embed_dim))
        self.in_proj_bias = Parameter(empty(3 * embed_dim)) if bias else None
        self.out_proj = NonDynamicallyQuantizableLinear(embed_dim, embed_dim, bias=bias)
        init.xavier_uniform_(self.in_proj_weight)
        if bias:
            init.constant_(self.in_proj_bias, 0.0)
            init.constant_(self.out_proj.bias, 0.0)

    def forward(self, query, key, value, key_padding_mask=None, need_weights=True, attn_mask=None,
                average_attn_weights=True, is_causal=False):
        if self.batch_first:
            query, key, value = (x.transpose(0, 1) for x in (query, key, value))
        length, batch, embed = query.shape
        source = key.shape[0]
        w_q, w_k, w_v = self.in_proj_weight.chunk(3)
        b_q, b_k, b_v = self.in_proj_bias.chunk(3) if self.in_proj_bias is not None else (None,) * 3
        heads, head_dim = self.num_heads, self.head_dim

        def split(x, w, b, size):   # (size, N, E) -> (N, heads, size, head_dim)
            return F.linear(x, w, b).reshape(size, batch * heads, head_dim).transpose(0, 1) \
                .reshape(batch, heads, size, head_dim)
        q, k, v = split(query, w_q, b_q, length), split(key, w_k, b_k, source), split(value, w_v, b_v, source)
        scores = q @ k.transpose(-2, -1) / math.sqrt(head_dim)
        if attn_mask is not None:
            mask = attn_mask.reshape(batch, heads, length, source) if attn_mask.dim() == 3 else attn_mask
            scores = scores + mask if mask.dtype.is_floating_point else scores.masked_fill(mask, float("-inf"))
        if key_padding_mask is not None:
            padding = key_padding_mask.reshape(batch, 1, 1, source)
            scores = scores + padding if padding.dtype.is_floating_point \
                else scores.masked_fill(padding, float("-inf"))
        weights = scores.softmax(-1)
        if self.dropout > 0.0 and self.training:
            weights = F.dropout(weights, self.dropout)
        output = (weights @ v).permute(2, 0, 1, 3).reshape(length, batch, embed)
        output = self.out_proj(output)
        if self.batch_first:
            output = output.transpose(0, 1)
        if not need_weights:
            return output, None
        return output, weights.mean(1) if average_attn_weights else weights
