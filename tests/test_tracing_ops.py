"""Every op of the table, traced: the trace's contributions are the engine's gradients, and each
step's formula is the table entry's (never a second copy)."""
import numpy as np
import pytest

import autodidact as ad
from autodidact.engine import ops
from autodidact.engine.ops.public import generated_specs
from autodidact.nn import functional as F


def leaf(values, positive=False):
    array = np.asarray(values, dtype=np.float64)
    if positive:
        array = np.abs(array) + 0.5
    return ad.tensor(array, requires_grad=True)


A = [[0.3, -1.2, 0.8], [1.1, 0.4, -0.6]]
SQUARE = [[2.0, -0.5], [0.7, 1.5]]
B = [[0.7, 0.2, -0.9], [-0.3, 1.3, 0.5]]


def _index_scatter():
    # IndexPutBackward0 appears in second-order graphs: the gradient of indexing, differentiated again.
    x = leaf([1.0, 2.0, 3.0, 4.0])
    (g,) = ad.autograd.grad((x[1:3] ** 2).sum(), x, create_graph=True)
    return [x], g


def _index_put(mask):
    # t[key] = v on a non-leaf: CopySlices (basic key) or IndexPutBackward0 (a mask).
    x, v = leaf(A), leaf([9.0, 8.0, 7.0])
    y = x * 1
    if mask == "everything":
        y[...] = v
    elif mask:
        y[ad.tensor([True, False])] = v
    else:
        y[0] = v
    return [x, v], y


IMAGE = np.linspace(-1.0, 1.2, 2 * 2 * 4 * 4).reshape(2, 2, 4, 4)
KERNEL = np.linspace(0.9, -0.7, 3 * 2 * 2 * 2).reshape(3, 2, 2, 2)


def _conv_gradient(of):
    # The gradients of conv2d are ops too (ConvolutionBackwardBackward0), seen in second-order graphs.
    x, w = leaf(IMAGE), leaf(KERNEL)
    (g,) = ad.autograd.grad(F.conv2d(x, w, stride=2).sum(), x if of == "input" else w, create_graph=True)
    return [w if of == "input" else x], g
def _gradient_of(f, *values):
    # The gradient of tanh, relu, softmax, mse... is an op of its own (TanhBackwardBackward0...):
    # it appears in the graph of a gradient taken with create_graph=True.
    leaves = [leaf(v) for v in values]
    (g,) = ad.autograd.grad(f(*leaves), leaves[0], create_graph=True)
    return leaves, g


def _view_written_in_place(a):
    # A view changed in place is read again from its base, which records the change (CopySlices).
    h = a * 1
    row = h[0]
    row.mul_(2)
    return row


# op name -> function returning (leaves, output); the output is then weighted and summed.
BUILDERS = {
    "add": lambda: ((a := leaf(A), b := leaf(B)), a + b),
    "sub": lambda: ((a := leaf(A), b := leaf(B)), a - b),
    "rsub": lambda: ((a := leaf(A),), 2.0 - a),
    "mul": lambda: ((a := leaf(A), b := leaf(B)), a * b),
    "remainder": lambda: ((a := leaf(A),), a % 0.7),
    "remainder_tensor": lambda: ((a := leaf(A), b := leaf(B, positive=True)), a % b),
    "fmod": lambda: ((a := leaf(A),), ad.fmod(a, 0.7)),
    "fmod_tensor": lambda: ((a := leaf(A), b := leaf(B, positive=True)), ad.fmod(a, b)),
    "div_rounded": lambda: ((a := leaf(A), b := leaf(B, positive=True)), ad.div(a, b, rounding_mode="floor")),
    "div": lambda: ((a := leaf(A), b := leaf(B, positive=True)), a / b),
    "neg": lambda: ((a := leaf(A),), -a),
    "reciprocal": lambda: ((a := leaf(A, positive=True),), ad.reciprocal(a)),
    "pow": lambda: ((a := leaf(A, positive=True),), a ** 3),
    "pow_tensor": lambda: ((a := leaf(A, positive=True), b := leaf(B)), a ** b),
    "rpow": lambda: ((a := leaf(A),), 2.0 ** a),
    "relu": lambda: ((a := leaf(A),), ad.relu(a)),
    "abs": lambda: ((a := leaf(A),), ad.abs(a)),
    "clamp": lambda: ((a := leaf(A),), ad.clamp(a, -1.0, 1.0)),
    "where": lambda: ((a := leaf(A), b := leaf(B)), ad.where(a > 0, a, b)),
    "maximum": lambda: ((a := leaf(A), b := leaf(B)), ad.maximum(a, b)),
    "minimum": lambda: ((a := leaf(A), b := leaf(B)), ad.minimum(a, b)),
    "clone": lambda: ((a := leaf(A),), a.clone()),
    "to": lambda: ((a := leaf(A),), a.to(ad.float32)),
    "sum": lambda: ((a := leaf(A),), a.sum()),
    "sum_dim": lambda: ((a := leaf(A),), a.sum(dim=0)),
    "mean": lambda: ((a := leaf(A),), a.mean()),
    "mean_dim": lambda: ((a := leaf(A),), a.mean(dim=1)),
    "max": lambda: ((a := leaf(A),), a.max()),
    "min": lambda: ((a := leaf(A),), a.min()),
    "max_dim": lambda: ((a := leaf(A),), a.max(dim=1).values),
    "min_dim": lambda: ((a := leaf(A),), a.min(dim=0).values),
    "mm": lambda: ((a := leaf(A), b := leaf(np.array(B).T)), a @ b),
    "mv": lambda: ((a := leaf(A), b := leaf([0.5, -1.0, 2.0])), a @ b),
    "dot": lambda: ((a := leaf(A[0]), b := leaf(B[0])), a @ b),
    "matmul": lambda: ((a := leaf([A, B]), b := leaf(np.array(B).T)), a @ b),
    "addmm": lambda: ((c := leaf([0.1, -0.2]), a := leaf(A), b := leaf(np.array(B).T)),
                      ad.addmm(c, a, b)),
    "view": lambda: ((a := leaf(A),), a.reshape(3, 2)),
    "transpose": lambda: ((a := leaf(A),), a.transpose(0, 1)),
    "t": lambda: ((a := leaf(A),), a.t()),
    "permute": lambda: ((a := leaf(A),), a.permute(1, 0)),
    "squeeze": lambda: ((a := leaf([A]),), a.squeeze()),
    "squeeze_dim": lambda: ((a := leaf([A]),), a.squeeze(0)),
    "squeeze_dims": lambda: ((a := leaf([A]),), a.squeeze((0, 1))),
    "squeeze_dim_": lambda: ((a := leaf(A[0]), b := leaf(np.array(B).T)), a @ b),
    "unsqueeze": lambda: ((a := leaf(A),), a.unsqueeze(1)),
    "expand": lambda: ((a := leaf([[1.0], [2.0]]),), a.expand(2, 3)),
    "select": lambda: ((a := leaf(A),), a[1]),
    "slice": lambda: ((a := leaf(A),), a[:, 1:3]),
    "index": lambda: ((a := leaf(A),), a[[0, 1, 1]]),
    "index_unsqueeze": lambda: ((a := leaf(A),), a[:, None]),
    "alias": lambda: ((a := leaf(A),), a[...]),
    "index_scatter": _index_scatter,
    "index_put": lambda: _index_put(mask=False),
    "index_put_tensor": lambda: _index_put(mask=True),
    "copy": lambda: _index_put(mask="everything"),
    "zero": lambda: ((a := leaf(A),), (a * 1).zero_()),
    "fill": lambda: ((a := leaf(A),), (a * 1).fill_(2.0)),
    "fill_tensor": lambda: ((a := leaf(A), v := leaf(3.0)), (a * 1).fill_(v)),
    "cat": lambda: ((a := leaf(A), b := leaf(B)), ad.cat([a, b], dim=1)),
    "stack": lambda: ((a := leaf(A), b := leaf(B)), ad.stack([a, b], dim=0)),
    "rnn_batch_first": lambda: ((a := leaf(A),), ops.RNN_BATCH_FIRST(a, dim0=0, dim1=1)),
    "lstm_layer_output": lambda: ((a := leaf(A), b := leaf(B)), ops.LSTM_LAYER_OUTPUT(a, b, dim=0)),
    "softmax": lambda: ((a := leaf(A),), ad.softmax(a, 1)),
    "log_softmax": lambda: ((a := leaf(A),), ad.log_softmax(a, 1)),
    "nll_loss": lambda: ((a := leaf(A),), F.nll_loss(a, ad.tensor([2, 0]))),
    "binary_cross_entropy_with_logits": lambda: ((a := leaf(A),), F.binary_cross_entropy_with_logits(
        a, ad.tensor([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]], dtype=ad.float64))),
    "leaky_relu": lambda: ((a := leaf(A),), F.leaky_relu(a, 0.1)),
    "softplus": lambda: ((a := leaf(A),), F.softplus(a)),
    "elu": lambda: ((a := leaf(A),), F.elu(a)),
    "elu_": lambda: ((a := leaf(A),), F.elu(a * 1, inplace=True)),
    "gelu": lambda: ((a := leaf(A),), F.gelu(a)),
    "silu": lambda: ((a := leaf(A),), F.silu(a)),
    "mish": lambda: ((a := leaf(A),), F.mish(a)),
    "hardtanh": lambda: ((a := leaf(A),), F.relu6(a * 4)),
    "floor": lambda: ((a := leaf(A),), ad.floor(a)),
    "trunc": lambda: ((a := leaf(A),), ad.trunc(a)),
    "ceil": lambda: ((a := leaf(A),), ad.ceil(a)),
    "round": lambda: ((a := leaf(A),), ad.round(a)),
    "sign": lambda: ((a := leaf(A),), ad.sign(a)),
    "flip": lambda: ((a := leaf(A),), ad.flip(a, (1,))),
    "tril": lambda: ((a := leaf(A),), ad.tril(a)),
    "triu": lambda: ((a := leaf(A),), a.triu(1)),
    "bmm": lambda: ((a := leaf([A]), b := leaf([np.transpose(B)])), ad.bmm(a, b)),
    "repeat": lambda: ((a := leaf(A),), a.repeat(2, 1, 2)),
    "cumsum": lambda: ((a := leaf(A),), a.cumsum(1)),
    "nansum": lambda: ((a := leaf(A),), a.nansum(1)),
    "logsumexp": lambda: ((a := leaf(A),), a.logsumexp(1)),
    "sort": lambda: ((a := leaf(A),), a.sort(dim=1, descending=True).values),
    "topk": lambda: ((a := leaf(A),), a.topk(2).values),
    "kthvalue": lambda: ((a := leaf(A),), a.kthvalue(2, dim=1).values),
    "split": lambda: ((a := leaf(A),), a.chunk(2, dim=1)[0]),
    "split_with_sizes": lambda: ((a := leaf(A),), a.split([1, 2], dim=1)[1]),
    "var": lambda: ((a := leaf(A),), a.var(dim=1)),
    "std": lambda: ((a := leaf(A),), a.std()),
    "norm": lambda: ((a := leaf(A),), a.norm(p=3)),
    "gather": lambda: ((a := leaf(A),), a.gather(1, ad.tensor([[2, 0], [1, 1]]))),
    "scatter": lambda: ((a := leaf(A), s := leaf([[5.0], [6.0]])), a.scatter(1, ad.tensor([[2], [0]]), s)),
    "scatter_value": lambda: ((a := leaf(A),), a.scatter(1, ad.tensor([[2], [0]]), 5.0)),
    "scatter_add": lambda: ((a := leaf(A), s := leaf([[5.0], [6.0]])),
                            a.scatter_add(1, ad.tensor([[2], [0]]), s)),
    "index_select": lambda: ((a := leaf(A),), a.index_select(1, ad.tensor([2, 0, 2]))),
    "take": lambda: ((a := leaf(A),), a.take(ad.tensor([5, 0, 5]))),
    "masked_fill": lambda: ((a := leaf(A),), a.masked_fill(ad.tensor(A) > 0.5, 0.0)),
    "masked_fill_tensor": lambda: ((a := leaf(A), v := leaf(2.0)), a.masked_fill(ad.tensor(A) > 0.5, v)),
    "unbind": lambda: ((a := leaf(A),), a.unbind(1)[2]),
    "amax": lambda: ((a := leaf(A),), a.amax(1)),
    "amin": lambda: ((a := leaf(A),), a.amin(0, keepdim=True)),
    "index_add": lambda: ((a := leaf(A), s := leaf([[5.0], [6.0]])), a.index_add(1, ad.tensor([2]), s, alpha=2)),
    "trace": lambda: ((a := leaf(A),), a.trace()),
    "diag_embed": lambda: ((v := leaf([1.0, -2.0, 0.5]),), ad.diag(v, 1)),
    "diagonal_copy": lambda: ((a := leaf(A),), ad.diag(a, 1)),
    "diagonal": lambda: ((a := leaf(A),), a.diagonal(-1)),
    "unfold": lambda: ((a := leaf(A),), a.unfold(1, 2, 1)),
    "linalg_inv_ex": lambda: ((m := leaf(SQUARE),), ad.linalg.inv(m)),
    "linalg_solve_ex": lambda: ((m := leaf(SQUARE), b := leaf([1.0, -2.0])), ad.linalg.solve(m, b)),
    "linalg_det": lambda: ((m := leaf(SQUARE),), ad.linalg.det(m)),
    "linalg_slogdet": lambda: ((m := leaf(SQUARE),), ad.linalg.slogdet(m).logabsdet),
    "linalg_pinv": lambda: ((a := leaf(A),), ad.linalg.pinv(a)),
    "linalg_lstsq": lambda: ((a := leaf(A), b := leaf([[1.0], [2.0]])), ad.linalg.lstsq(a.T, b[[0, 1, 1]]).solution),
    "linalg_cholesky_ex": lambda: ((m := leaf(SQUARE),), ad.linalg.cholesky(m @ m.T)),
    "linalg_svd_U": lambda: ((a := leaf(A),), ad.linalg.svd(a.T, full_matrices=False).U),
    "linalg_svd_S": lambda: ((a := leaf(A),), ad.linalg.svdvals(a)),
    "linalg_svd_Vh": lambda: ((a := leaf(A),), ad.linalg.svd(a.T).Vh),
    "linalg_eigh_values": lambda: ((m := leaf(SQUARE),), ad.linalg.eigvalsh(m + m.T)),
    "linalg_eigh_vectors": lambda: ((m := leaf(SQUARE),), ad.linalg.eigh(m + m.T).eigenvectors),
    "prod": lambda: ((a := leaf(A),), a.prod()),
    "prod_dim": lambda: ((a := leaf(A),), a.prod(dim=1)),
    "div_number": lambda: ((a := leaf(A),), F.cross_entropy(a, ad.tensor(B).softmax(1))),
    "embedding": lambda: ((w := leaf(B),), F.embedding(ad.tensor([[1, 0], [1, 1]]), w)),
    "layer_norm": lambda: ((a := leaf(A), w := leaf([0.5, -1.0, 2.0]), b := leaf([0.1, 0.0, -0.2])),
                           F.layer_norm(a, (3,), w, b)),
    "group_norm": lambda: ((a := leaf(np.reshape(A, (1, 2, -1))), w := leaf([0.5, -1.0]), b := leaf([0.1, -0.2])),
                           F.group_norm(a, 2, w, b)),
    "batch_norm": lambda: ((a := leaf(A), w := leaf([0.5, -1.0, 2.0]), b := leaf([0.1, 0.0, -0.2])),
                           F.batch_norm(a, None, None, w, b, training=True)),
    "mse_loss": lambda: ((a := leaf(A), b := leaf(B)), F.mse_loss(a, b)),
    "huber_loss": lambda: ((a := leaf(A), b := leaf(B)), F.huber_loss(a, b, delta=0.5)),
    "smooth_l1_loss": lambda: ((a := leaf(A), b := leaf(B)), F.smooth_l1_loss(a, b, beta=0.5)),
    "clamp_min": lambda: ((a := leaf(A),), ad.clamp_min(a, 0.5)),
    "clamp_max": lambda: ((a := leaf(A),), a.clamp_max(0.5)),
    "clamp_tensor": lambda: ((a := leaf(A), b := leaf(B)), ad.clamp(a, min=b, max=ad.tensor(0.6))),
    "clamp_min_tensor": lambda: ((a := leaf(A), b := leaf(B)), ad.clamp_min(a, b)),
    "clamp_max_tensor": lambda: ((a := leaf(A), b := leaf(B)), a.clamp_max(b)),
    "leaky_relu_": lambda: ((a := leaf(A),), F.leaky_relu(a * 1, 0.1, inplace=True)),
    "conv1d": lambda: ((x := leaf(IMAGE[:, :, 0]), w := leaf(KERNEL[:, :, 0]), b := leaf([0.1, -0.2, 0.3])),
                       F.conv1d(x, w, b, padding=1)),
    "conv2d": lambda: ((x := leaf(IMAGE), w := leaf(KERNEL), b := leaf([0.1, -0.2, 0.3])),
                       F.conv2d(x, w, b, padding=1)),
    "conv2d_input_grad": lambda: _conv_gradient("input"),
    "conv2d_weight_grad": lambda: _conv_gradient("weight"),
    "max_pool2d": lambda: ((x := leaf(IMAGE),), F.max_pool2d(x, 2, stride=1)),
    "avg_pool2d": lambda: ((x := leaf(IMAGE),), F.avg_pool2d(x, 3, stride=1, padding=1)),
    "tanh_backward": lambda: _gradient_of(lambda a: a.tanh().sum(), A),
    "sigmoid_backward": lambda: _gradient_of(lambda a: a.sigmoid().sum(), A),
    "threshold_backward": lambda: _gradient_of(lambda a: (a.relu() * ad.tensor(B)).sum(), A),
    "leaky_relu_backward": lambda: _gradient_of(lambda a: (F.leaky_relu(a, 0.1) * ad.tensor(B)).sum(), A),
    "softplus_backward": lambda: _gradient_of(lambda a: F.softplus(a).sum(), A),
    "elu_backward": lambda: _gradient_of(lambda a: (F.elu(a) * ad.tensor(B)).sum(), A),
    "gelu_backward": lambda: _gradient_of(lambda a: (F.gelu(a) * ad.tensor(B)).sum(), A),
    "hardtanh_backward": lambda: _gradient_of(lambda a: (F.hardtanh(a, -0.5, 0.5) * ad.tensor(B)).sum(), A),
    "softmax_backward": lambda: _gradient_of(lambda a: (a.softmax(1) * ad.tensor(B)).sum(), A),
    "log_softmax_backward": lambda: _gradient_of(lambda a: (a.log_softmax(1) * ad.tensor(B)).sum(), A),
    "mse_loss_backward": lambda: _gradient_of(lambda a, b: F.mse_loss(a, b), A, B),
    "reshape_alias": lambda: ((a := leaf(A),), a.t().reshape(3, 2)),  # a transpose's layout allows a view
    "unsafe_view": lambda: ((a := leaf(A),), a.t().reshape(6)),  # here it does not: a copy
    "as_strided": lambda: ((a := leaf(A),), _view_written_in_place(a)),
    "binary_cross_entropy": lambda: ((a := ad.tensor([0.2, 0.7, 0.9], dtype=ad.float64,
                                                       requires_grad=True),),
                                     F.binary_cross_entropy(a, ad.tensor([0.0, 1.0, 1.0],
                                                                         dtype=ad.float64))),
}


# Padding, class weights and losses over positions (nn helper)
SEQUENCES = np.linspace(-1.0, 1.3, 2 * 3 * 4).reshape(2, 3, 4)
BUILDERS.update({
    "log_sigmoid": lambda: ((a := leaf(A),), F.logsigmoid(a)),
    "celu": lambda: ((a := leaf(A),), F.celu(a, 0.5)),
    "celu_": lambda: ((a := leaf(A),), F.celu(a * 1, 0.5, inplace=True)),
    "selu": lambda: ((a := leaf(A),), F.selu(a)),
    "selu_": lambda: ((a := leaf(A),), F.selu(a * 1, inplace=True)),
    "hardsigmoid": lambda: ((a := leaf(A),), F.hardsigmoid(a * 3)),
    "hardswish": lambda: ((a := leaf(A),), F.hardswish(a * 3)),
    "threshold": lambda: ((a := leaf(A),), F.threshold(a, 0.5, -2.0)),
    "threshold_": lambda: ((a := leaf(A),), F.threshold(a * 1, 0.5, -2.0, inplace=True)),
    "hardshrink": lambda: ((a := leaf(A),), F.hardshrink(a)),
    "softshrink": lambda: ((a := leaf(A),), F.softshrink(a)),
    "glu": lambda: ((a := leaf(B),), F.glu(a, 0)),
    "prelu": lambda: ((a := leaf([A]), w := leaf([0.25])), F.prelu(a, w)),
    "median": lambda: ((a := leaf(A),), a.median()),
    "nanmedian": lambda: ((a := leaf(A),), a.nanmedian()),
    "median_dim": lambda: ((a := leaf(A),), a.median(dim=1).values),
    "nanmedian_dim": lambda: ((a := leaf(A),), a.nanmedian(0, keepdim=True).values),
    "mode": lambda: ((a := leaf(A),), a.mode(1).values),
    "cumprod": lambda: ((a := leaf(A),), a.cumprod(1)),
    "roll": lambda: ((a := leaf(A),), a.roll((1, -1), (0, 1))),
    "mul_number": lambda: ((a := leaf(A),), F.cross_entropy(a, ad.tensor([2, 0]), label_smoothing=0.2)),
    "constant_pad_nd": lambda: ((a := leaf(A),), F.pad(a, (1, -1, 0, 1), value=2.0)),
    "reflection_pad1d": lambda: ((a := leaf(A),), F.pad(a, (2, 1), mode="reflect")),
    "reflection_pad2d": lambda: ((a := leaf([A]),), F.pad(a, (1, 2, 1, 0), mode="reflect")),
    "reflection_pad3d": lambda: ((a := leaf([[A, B]]),), F.pad(a, (1, 1, 1, 0, 1, 0), mode="reflect")),
    "replication_pad1d": lambda: ((a := leaf(A),), F.pad(a, (2, 1), mode="replicate")),
    "replication_pad2d": lambda: ((a := leaf([A]),), F.pad(a, (1, 2, 1, 0), mode="replicate")),
    "replication_pad3d": lambda: ((a := leaf([[A, B]]),), F.pad(a, (1, 1, 1, 0, 1, 0), mode="replicate")),
    "nll_loss2d": lambda: ((a := leaf(SEQUENCES),), F.nll_loss(a, ad.tensor([[0, 1, 2, 1], [2, 2, 0, 0]]),
                                                               weight=ad.tensor([1.0, 2.0, 0.5], dtype=ad.float64))),
})


# engine/ops/shape_extra.py
BUILDERS.update({
    "rot90": lambda: ((a := leaf(A),), a.rot90(1, (0, 1))),
    "cummax": lambda: ((a := leaf(A),), a.cummax(1).values),
    "cummin": lambda: ((a := leaf(A),), ad.cummin(a, 0).values),
    "logcumsumexp": lambda: ((a := leaf(A),), a.logcumsumexp(1)),
    "linalg_cross": lambda: ((a := leaf(A), b := leaf(B)), ad.linalg.cross(a, b)),
    "block_diag": lambda: ((a := leaf(A), b := leaf([1.5, -2.0])), ad.block_diag(a, b)),
    "aminmax_min": lambda: ((a := leaf(A),), a.aminmax(dim=1).min),
    "aminmax_max": lambda: ((a := leaf(A),), ad.aminmax(a).max),
    "std_mean_std": lambda: ((a := leaf(A),), ad.std_mean(a, 1)[0]),
    "std_mean_mean": lambda: ((a := leaf(A),), ad.std_mean(a, 1)[1]),
    "var_mean_var": lambda: ((a := leaf(A),), ad.var_mean(a, correction=0)[0]),
    "var_mean_mean": lambda: ((a := leaf(A),), ad.var_mean(a, correction=0)[1]),
    "diag_embed_dims": lambda: ((a := leaf(A),), ad.diag_embed(a, 1)),
    "index_copy": lambda: ((a := leaf(A), s := leaf([[5.0], [6.0]])), a.index_copy(1, ad.tensor([2]), s)),
    "index_fill": lambda: ((a := leaf(A),), a.index_fill(1, ad.tensor([0, 2]), -1.0)),
    "index_fill_tensor": lambda: ((a := leaf(A), v := leaf(2.5)), a.index_fill(1, ad.tensor([0, 2]), v)),
    "masked_select": lambda: ((a := leaf(A),), a.masked_select(a > 0)),
    "masked_scatter": lambda: ((a := leaf(A), s := leaf(B)), a.masked_scatter(a > 0, s)),
    "renorm": lambda: ((a := leaf(A),), a.renorm(2, 0, 1.0)),
    "addmv": lambda: ((b := leaf([1.0, -1.0]), m := leaf(A), v := leaf([0.5, 1.0, 2.0])), ad.addmv(b, m, v, beta=0.5)),
    "addr": lambda: ((a := leaf(A), u := leaf([1.0, 2.0]), v := leaf([0.5, 1.0, 2.0])), a.addr(u, v, alpha=2)),
    "baddbmm": lambda: ((a := leaf([SQUARE]), b := leaf([A]), c := leaf(np.transpose([B], (0, 2, 1)))),
                ad.baddbmm(a, b, c)),
    "addbmm": lambda: ((a := leaf(SQUARE), b := leaf([A, B]), c := leaf(np.transpose([B, A], (0, 2, 1)))),
               ad.addbmm(a, b, c)),
    "vdot": lambda: ((a := leaf(A[0]), b := leaf(B[0])), ad.vdot(a, b)),
    "select_scatter": lambda: ((a := leaf(A), s := leaf(B[0])), ad.select_scatter(a, s, 0, 1)),
    "slice_scatter": lambda: ((a := leaf(A), s := leaf([[1.0], [2.0]])), a.slice_scatter(s, 1, 1, 2)),
    "diagonal_scatter": lambda: ((a := leaf(A), s := leaf([1.0, 2.0])), ad.diagonal_scatter(a, s, 1)),
    "narrow_copy": lambda: ((a := leaf(A),), a.narrow_copy(1, 1, 2)),
})


# The elementwise functions of engine/ops/elementwise_extra.py that take numbers or three tensors.
C = [[0.5, 1.5, -0.4], [0.9, -1.1, 0.6]]
PROBABILITIES = [[0.1, 0.25, 0.5], [0.6, 0.75, 0.93]]
BUILDERS.update({
    "addcmul": lambda: ((a := leaf(A), b := leaf(B), c := leaf(C)), ad.addcmul(a, b, c, value=0.5)),
    "addcdiv": lambda: ((a := leaf(A), b := leaf(B), c := leaf(C)), a.addcdiv(b, c, value=2)),
    "lerp": lambda: ((a := leaf(A), b := leaf(B)), ad.lerp(a, b, 0.3)),
    "lerp_tensor": lambda: ((a := leaf(A), b := leaf(B), c := leaf(C)), ad.lerp(a, b, c)),
    "hypot": lambda: ((a := leaf(A), b := leaf(B)), ad.hypot(a, b)),
    "atan2": lambda: ((a := leaf(A), b := leaf(B)), ad.atan2(a, b)),
    "xlogy": lambda: ((a := leaf(A), b := leaf(B, positive=True)), ad.xlogy(a, b)),
    "xlogy_number_self": lambda: ((b := leaf(B, positive=True),), ad.xlogy(2.0, b)),
    "xlogy_number_other": lambda: ((a := leaf(A),), ad.xlogy(a, 3.0)),
    "copysign": lambda: ((a := leaf(A), b := leaf(B)), ad.copysign(a, b)),
    "copysign_number": lambda: ((a := leaf(A),), a.copysign(-1.0)),
    "fmax": lambda: ((a := leaf(A), b := leaf(B)), ad.fmax(a, b)),
    "fmin": lambda: ((a := leaf(A), b := leaf(B)), ad.fmin(a, b)),
    "logaddexp2": lambda: ((a := leaf(A), b := leaf(B)), ad.logaddexp2(a, b)),
    "logit": lambda: ((p := leaf(PROBABILITIES),), ad.logit(p, eps=0.2)),
    "nan_to_num": lambda: ((a := leaf(A),), ad.nan_to_num(a)),
    "frac": lambda: ((a := leaf(A),), ad.frac(a)),
    "sgn": lambda: ((a := leaf(A),), a.sgn()),
    "entr": lambda: ((b := leaf(B, positive=True),), ad.special.entr(b)),
    "ldexp": lambda: ((a := leaf(A), b := leaf(B)), ad.ldexp(a, b)),
    "round_decimals": lambda: ((a := leaf(A),), a.round(decimals=1)),
    "polygamma": lambda: ((b := leaf(B, positive=True),), ad.polygamma(2, b)),
    "acosh": lambda: ((b := leaf(B, positive=True),), (b + 1).acosh()),
    "atanh": lambda: ((p := leaf(PROBABILITIES),), ad.atanh(p)),
})


def _generated_builder(spec):
    """For an op whose function is generated from its spec: call it on leaves inside its domain."""
    def build():
        leaves = tuple(leaf(values, positive=spec.domain_of(name) == "positive")
                       for name, values in zip(spec.inputs, (A, B)))
        return leaves, getattr(ad, spec.name)(*leaves)
    return build


for _spec in generated_specs():
    BUILDERS.setdefault(_spec.name, _generated_builder(_spec))


def test_every_op_of_the_table_has_a_tracing_test():
    assert set(BUILDERS) == set(ops.OPS), "add a builder here for each new op of the table"


@pytest.mark.parametrize("name", sorted(ops.OPS))
def test_trace_of_each_op_matches_the_engine_and_the_table(name):
    leaves, output = BUILDERS[name]()
    weights = ad.tensor(np.linspace(0.5, 1.7, output.numel()).reshape(output.shape).astype(
        output._array.dtype))
    with ad.trace() as t:
        loss = (output * weights).sum()
        loss.backward()
    op = ops.OPS[name]
    steps = [s for s in t.steps if s.op == name]
    assert steps, f"no backward step for {name}"
    step = steps[0]
    assert step.grad_fn == op.grad_fn
    assert step.contributions, "the step passed no gradient on"
    for c in step.contributions:
        # The formula is the table entry's, filled in.
        assert c.formula_template == op.local_for(c.input_index)
        # Elementwise ops: contribution = upstream × local derivative (summed back if broadcast).
        if c.local_value is not None and np.shape(c.local_value) == np.shape(step.upstream):
            product = np.asarray(step.upstream) * c.local_value
            expected = ops.sum_to_shape(product, np.shape(c.value))
            np.testing.assert_allclose(c.value, expected, rtol=1e-6, atol=1e-9)
    # The leaves' gradients in the trace are the engine's .grad.
    by_label = {g.label: g for g in t.leaf_grads}
    for tensor in leaves:
        label = t.label_of(tensor)
        assert label in by_label, f"{label} missing from {list(by_label)}"
        np.testing.assert_allclose(by_label[label].after, tensor.grad._array, rtol=1e-6, atol=1e-9)
        parts = sum(np.asarray(v) for v, _ in by_label[label].parts)
        np.testing.assert_allclose(parts, tensor.grad._array, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", ["log", "mul", "pow", "mm", "sum_dim", "expand", "cat"])
def test_explain_gives_the_same_gradients_as_backward_without_touching_grad(name):
    leaves, output = BUILDERS[name]()
    loss = (output * 1.5).sum()
    explained = ad.explain(loss)
    assert all(t.grad is None for t in leaves)
    loss.backward()  # the graph was not freed by explain
    by_label = {g.label: g for g in explained.leaf_grads}
    for tensor in leaves:
        np.testing.assert_allclose(by_label[explained.label_of(tensor)].after, tensor.grad._array,
                                   rtol=1e-6)


def test_custom_function_steps_use_its_local_derivative():
    class Cube(ad.autograd.Function):
        local_derivative = "3·{x}²"

        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * 3 * x * x

    x = ad.tensor(2.0, requires_grad=True)
    with ad.trace() as t:
        y = Cube.apply(x)
        y.backward()
    (step,) = t.steps
    assert step.grad_fn == "CubeBackward"
    (c,) = step.contributions
    assert c.formula == "3·x²"
    assert c.substituted == "3·2²"
    assert float(c.value) == 12.0


# Distances, resizing and adaptive pooling (nn helper)
_RESIZES = {"upsample_nearest1d": ("nearest", 1), "upsample_nearest2d": ("nearest", 2),
            "upsample_nearest_exact1d": ("nearest-exact", 1), "upsample_nearest_exact2d": ("nearest-exact", 2),
            "upsample_linear1d": ("linear", 1), "upsample_bilinear2d": ("bilinear", 2)}


def _resized(mode, dims):
    return lambda x: F.interpolate(x, size=(5,) * dims, mode=mode) if mode != "area" else F.adaptive_avg_pool2d(x, 2)


def _resize_builder(mode, dims, backward):
    values = IMAGE if dims == 2 else IMAGE[:, :, 0]

    def build():
        if backward:  # the resizing's gradient, an op of its own under create_graph
            return _gradient_of(lambda x: _resized(mode, dims)(x).pow(2).sum(), values)
        x = leaf(values)
        return (x,), _resized(mode, dims)(x)
    return build


BUILDERS["norm_scalar"] = lambda: ((a := leaf(A), b := leaf(B)), F.pairwise_distance(a, b))
for _name, (_mode, _dims) in {**_RESIZES, "adaptive_avg_pool2d": ("area", 2)}.items():
    BUILDERS[_name] = _resize_builder(_mode, _dims, backward=False)
    BUILDERS[_name + "_backward"] = _resize_builder(_mode, _dims, backward=True)
BUILDERS["conv_transpose2d"] = lambda: ((x := leaf(IMAGE[:, :, :2]), w := leaf(KERNEL[:2]), b := leaf([0.1, -0.2])),
                                        F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1))
BUILDERS["conv_transpose1d"] = lambda: ((x := leaf(IMAGE[:, :, 0]), w := leaf(KERNEL[:2, :, 0]), b := leaf([0.1, -0.2])),
                                        F.conv_transpose1d(x, w, b, stride=2))
BUILDERS["pack_padded_sequence"] = lambda: ((x := leaf(IMAGE[0]),), ad.nn.utils.rnn.pack_padded_sequence(
    x, [2, 2, 1, 1]).data)
