"""gather, scatter, scatter_add, index_select, take, masked_fill, nonzero, one-argument where,
unbind, hstack/vstack/dstack/column_stack, all/any, amax/amin, argmax/argmin, norms (torch.norm,
torch.linalg) and einsum, run as a learner writes them with autodidact and with PyTorch: the printed
output (values, grad_fn names, gradients, error classes and messages' start) must be the same.

The op-table checks (tests/test_op_table.py) gradient-check the ops with finite differences, to
second order; einsum is built from other ops and gets its own checks here.
"""
import contextlib
import io
import math
import re

import numpy as np
import pytest

import autodidact as ad
from autodidact.autograd import gradcheck, gradgradcheck

SNIPPETS = [
    'x = torch.arange(12.).reshape(3, 4).requires_grad_()\ni = torch.tensor([[0, 1], [2, 0], [3, 3]])\ny = x.gather(1, i)\nprint(y)\n(y * torch.tensor([[1., 2.], [3., 4.], [5., 6.]])).sum().backward()\nprint(x.grad)\nprint(torch.gather(x, 0, torch.tensor([[0, 1, 2, 0]])))',
    'x = torch.arange(12.).reshape(3, 4).requires_grad_()\nsrc = torch.arange(6.).reshape(3, 2).mul(10).requires_grad_()\ny = x.scatter(1, torch.tensor([[0, 1], [1, 2], [3, 0]]), src)\nprint(y)\n(y * torch.arange(12.).reshape(3, 4)).sum().backward()\nprint(x.grad, src.grad)',
    'x = torch.arange(12.).reshape(3, 4).requires_grad_()\ny = x.scatter(0, torch.tensor([[0, 1, 2, 0]]), 5.)\nprint(y)\n(y * torch.arange(12.).reshape(3, 4)).sum().backward()\nprint(x.grad)',
    'x = torch.zeros(3, 5).requires_grad_()\nsrc = torch.ones(2, 5).requires_grad_()\ny = x.scatter_add(0, torch.tensor([[0, 1, 2, 0, 0], [2, 0, 0, 1, 2]]), src)\nprint(y)\n(y * torch.arange(15.).reshape(3, 5)).sum().backward()\nprint(x.grad, src.grad)',
    "x = torch.zeros(3, 4)\nprint(x.scatter(1, torch.tensor([[0, 0], [1, 1], [2, 2]]), 2., reduce='add'))\nprint(x.scatter(1, torch.tensor([[0], [1], [2]]), torch.ones(3, 1), reduce='multiply'))",
    'x = torch.arange(12.).reshape(3, 4).requires_grad_()\ny = x.scatter(1, torch.tensor([[0], [1], [2]]), 2., reduce=\'add\')\nprint(y.grad_fn)\ntry:\n    y.sum().backward()\nexcept RuntimeError as e:\n    print("RuntimeError", str(e)[:40])',
    'x = torch.zeros(3, 4)\nx.scatter_(1, torch.tensor([[0], [1], [2]]), 1.)\nprint(x)\nx.scatter_add_(0, torch.tensor([[0, 0, 0, 0]]), torch.ones(1, 4))\nprint(x)',
    'x = torch.arange(12.).reshape(3, 4).requires_grad_()\ny = x.index_select(1, torch.tensor([3, 0, 3]))\nprint(y)\n(y * torch.arange(9.).reshape(3, 3)).sum().backward()\nprint(x.grad)\nprint(torch.index_select(x, 0, torch.tensor(1)))',
    'x = torch.arange(12.).reshape(3, 4).requires_grad_()\ny = x.take(torch.tensor([[0, 5], [-1, 5]]))\nprint(y)\n(y * torch.tensor([[1., 2.], [3., 4.]])).sum().backward()\nprint(x.grad)',
    'x = torch.arange(12.).reshape(3, 4).requires_grad_()\ny = x.masked_fill(x > 5, -1.)\nprint(y)\ny.sum().backward(); print(x.grad)\nv = torch.tensor(2., requires_grad=True)\nz = torch.masked_fill(x, x < 3, v)\nprint(z)\n(z * 2).sum().backward(); print(v.grad)',
    'x = torch.arange(6.).reshape(2, 3)\nx.masked_fill_(torch.tensor([True, False, True]), 0.)\nprint(x)\nprint(torch.tensor([1, 2]).masked_fill(torch.tensor([True, False]), 2.5))\nprint(torch.arange(3.).masked_fill(torch.tensor([[True], [False]]), 9))',
    'x = torch.arange(6.).reshape(2, 3).requires_grad_()\na = x * 1\na.masked_fill_(a > 2, 0.)\nprint(a)\na.sum().backward(); print(x.grad)',
    'x = torch.tensor([[0., 1., 0.], [2., 0., 3.]])\nprint(torch.nonzero(x), x.nonzero(as_tuple=True), torch.where(x > 0), torch.nonzero(torch.tensor(5.)), torch.nonzero(torch.tensor(0.), as_tuple=True))\nprint(torch.where(torch.tensor([True, False, True])))',
    'x = torch.arange(12.).reshape(3, 4).requires_grad_()\nparts = x.unbind(1)\nprint(parts)\n(parts[0] * 2 + parts[3]).sum().backward(); print(x.grad)\nprint(torch.unbind(x)[2])',
    'a = torch.arange(3.).requires_grad_()\nb = torch.arange(3., 6.)\nprint(torch.hstack([a, b]), torch.vstack([a, b]), torch.dstack([a, b]), torch.column_stack([a, b]))\nprint(torch.hstack((a.reshape(3, 1), b.reshape(3, 1))).shape, torch.vstack([a.reshape(1, 3), b]).shape)\nprint(torch.dstack([torch.ones(2, 2), torch.zeros(2, 2)]).shape, torch.row_stack([a, b]).shape)\ntorch.vstack([a, b]).sum().backward(); print(a.grad)\nprint(torch.atleast_2d(a), torch.atleast_3d(torch.tensor(1.)).shape, torch.atleast_1d(torch.tensor(1.), a))',
    'x = torch.tensor([[1., 3., 3.], [2., 2., 0.]], requires_grad=True)\ny = x.amax(1)\nprint(y, x.amax(), x.amin(dim=(0, 1)), x.amin(0, keepdim=True), torch.amax(x, dim=-1, keepdim=True))\ny.sum().backward(); print(x.grad)',
    'x = torch.tensor([[1., 3., 3.], [2., 2., 0.]], requires_grad=True)\nx.amax().backward(); print(x.grad)\nx.grad = None\nx.amin(1).sum().backward(); print(x.grad)',
    'x = torch.tensor([[1., 3., 3.], [2., 2., 0.]])\nprint(x.argmax(), x.argmax(dim=1), x.argmax(1, keepdim=True), x.argmin(keepdim=True), torch.argmin(x, dim=0))',
    "x = torch.tensor([[1., -3., 3.], [2., 2., 0.]], requires_grad=True)\nfor p in [1, 2, float('inf'), -float('inf'), 3, 0.5, 1.5, 'fro']:\n    n = x.norm(p=p)\n    x.grad = None\n    n.backward()\n    print(p, n, x.grad)",
    "x = torch.tensor([[1., -3., 3.], [2., 2., 0.]], requires_grad=True)\nprint(x.norm(p=1, dim=1), torch.norm(x, dim=0, keepdim=True), x.norm(float('inf'), 1), x.norm(p='fro', dim=(0, 1)))\nn = torch.norm(x, p=3, dim=1)\nn.sum().backward(); print(x.grad)",
    'x = torch.tensor([[0., 0.], [1., 2.]], requires_grad=True)\nx.norm(dim=1).sum().backward(); print(x.grad)\nx.grad = None\nx.norm(p=3, dim=1).sum().backward(); print(x.grad)\nx.grad = None\nx.norm(p=1.5, dim=1).sum().backward(); print(x.grad)',
    'x = torch.tensor([[1., 0.], [3., 4.]])\nprint(x.all(), x.any(), x.all(1), x.any(dim=0, keepdim=True), torch.all(x > -1), torch.any(x > 3, 1), x.bool().all(dim=(0, 1)))\nprint(torch.tensor([]).all(), torch.tensor([]).any())',
    'x = torch.arange(6.).reshape(2, 3)\nprint(x.numel(), x.nelement(), torch.numel(x))',
    "torch.manual_seed(0)\na = torch.arange(6.).reshape(2, 3).requires_grad_()\nb = torch.arange(12.).reshape(3, 4).div(7).requires_grad_()\nv = torch.tensor([1., -2., 0.5], requires_grad=True)\nc = torch.arange(30.).reshape(5, 2, 3).div(9).requires_grad_()\nd = torch.arange(60.).reshape(5, 3, 4).div(11).requires_grad_()\ns = torch.arange(9.).reshape(3, 3).requires_grad_()\ncases = [('ij,jk->ik', (a, b)), ('ij->ji', (a,)), ('ij->', (a,)), ('ij->i', (a,)), ('ii->i', (s,)), ('ii', (s,)),\n         ('i,i->', (v, v)), ('i,j->ij', (v, v)), ('bij,bjk->bik', (c, d)), ('ij,j->i', (a, v)), ('ij,ij->ij', (a, a)),\n         ('ij,ij->', (a, a)), ('bij->bji', (c,)), ('ij', (a,)), ('ij,jk', (a, b)), ('...ij->...ji', (c,)),\n         ('bij,jk->bik', (c, b)), ('ij,jk,kl->il', (a, b, b.t())), ('i,i,i->i', (v, v, v)), ('iji->j', (torch.arange(18.).reshape(3, 2, 3).requires_grad_(),)),\n         ('b i j, b j k -> b i k', (c, d)), ('...j,j->...', (c, v)), ('ij,kl->ijkl', (a, a)), ('bi,bi->b', (a, a)),\n         ('ij,ik->jk', (a, a)), ('ji', (a,)), ('i,i', (v, v)), ('ab,cd->ad', (a, a))]\nfor eq, ops in cases:\n    r = torch.einsum(eq, *ops)\n    print(eq, r, r.grad_fn.name())\n    for o in ops:\n        o.grad = None\n    (r * torch.arange(r.numel()).reshape(r.shape).float()).sum().backward()\n    print([o.grad for o in ops])",
    "a = torch.arange(6.).reshape(2, 3)\nb = torch.arange(12.).reshape(3, 4)\nprint(torch.einsum('ij,jk->ik', [a, b]))\nprint(torch.einsum(a, [0, 1], b, [1, 2], [0, 2]))\nprint(torch.einsum(a, [0, 1], b, [1, 2]))\nprint(torch.einsum(a, [Ellipsis, 1], b, [1, 2], [Ellipsis, 2]))",
    'a = torch.ones(2, 3)\nfor eq in [\'ij,jk->ik\', \'ij->k\', \'iij->\', \'i1->i\', \'ij->ii\']:\n    try:\n        torch.einsum(eq, a, a)\n    except RuntimeError as e:\n        print("RuntimeError", str(e)[:70])\ntry:\n    torch.einsum(\'ijk->i\', a)\nexcept RuntimeError as e:\n    print("RuntimeError", str(e)[:70])\ntry:\n    torch.einsum(\'ij,jk->ik\', a, torch.ones(4, 3))\nexcept RuntimeError as e:\n    print("RuntimeError", str(e)[:30])',
    "a = torch.arange(6.).reshape(1, 2, 3)\nb = torch.arange(24.).reshape(4, 3, 2)\nprint(torch.einsum('bij,bjk->bik', a, b).shape)\nprint(torch.einsum('...ij,...jk->...ik', torch.ones(3, 2, 2), torch.ones(2, 2)).shape)",
    "x = torch.tensor([[1., -3., 3.], [2., 2., 0.]], requires_grad=True)\nprint(torch.linalg.vector_norm(x), torch.linalg.vector_norm(x, ord=1, dim=1), torch.linalg.norm(x), torch.linalg.norm(x, dim=1))\nprint(torch.linalg.norm(x, ord=1), torch.linalg.norm(x, ord=float('inf')), torch.linalg.norm(x, ord=-1), torch.linalg.norm(x, 'fro'))\nprint(torch.linalg.matrix_norm(x), torch.linalg.matrix_norm(x, ord=1, keepdim=True), torch.linalg.norm(torch.tensor([3., 4.]), ord=1))\nn = torch.linalg.norm(x, ord=1)\nn.backward(); print(x.grad)",
    'x = torch.arange(6).reshape(2, 3)\nprint(x.gather(1, torch.tensor([[0], [2]])), x.amax(1), x.amin(), x.masked_fill(x > 2, 7), x.index_select(0, torch.tensor([1])), x.take(torch.tensor([4])))\nprint(x.scatter(1, torch.tensor([[0], [2]]), 9), x.scatter_add(1, torch.tensor([[0], [2]]), torch.tensor([[1], [1]])))\nprint(torch.unbind(x, 1), torch.hstack([x, x]).dtype, torch.nonzero(x).dtype)',
    'x = torch.zeros(2, 3)\ntry:\n    x.scatter(1, torch.tensor([[0], [2]]), torch.ones(2, 1, dtype=torch.float64))\nexcept RuntimeError as e:\n    print("RuntimeError", str(e)[:50])\ntry:\n    x.scatter_add(1, torch.tensor([[0], [2]]), torch.ones(2, 1, dtype=torch.float64))\nexcept RuntimeError as e:\n    print("RuntimeError", str(e)[:50])',
    'x = torch.zeros(2, 3)\ntry:\n    x.gather(1, torch.tensor([[0], [2]]).float())\nexcept RuntimeError as e:\n    print("RuntimeError", str(e)[:40])\ntry:\n    x.gather(1, torch.tensor([[-1], [2]]))\nexcept RuntimeError as e:\n    print("RuntimeError", str(e)[:50])',
    'x = torch.arange(6.).reshape(2, 3).requires_grad_()\ny = x.float().norm()\nprint(y, torch.norm(x, 2, 1), torch.amax(x, (0, 1)))\ntry:\n    torch.arange(4).norm()\nexcept RuntimeError as e:\n    print("RuntimeError", str(e)[:50])',
    'x = torch.tensor(3., requires_grad=True)\nprint(x.amax(), x.norm(), x.gather(0, torch.tensor(0)), torch.take(x, torch.tensor([0, 0])), x.unbind() if False else 0)',
    'print(torch.tensor([[1, 2], [3, 4]]).all(), torch.tensor([0.5, 0.0]).any(0), torch.tensor([True]).all(dim=0, keepdim=True))',
    'x = torch.ones(2, 3, requires_grad=True)\nprint(torch.vstack([x, x]).grad_fn, torch.stack([x, x]).shape, torch.hstack([x[0], x[1]]).grad_fn)',
    'x = torch.randn(3, 4)\ny = torch.tensor([1, 0, 3])\nprint(x.gather(1, y.unsqueeze(1)).shape, x.gather(1, y.view(-1, 1)).squeeze(1).shape)',
    'scores = torch.tensor([[0.1, 0.9], [0.8, 0.2]])\nprint(scores.argmax(dim=1) == torch.tensor([1, 0]), (scores.argmax(1) == torch.tensor([1, 1])).float().mean())',
    'x = torch.arange(9.).reshape(3, 3).requires_grad_()\nt = torch.trace(x)\nprint(t, x.trace(), torch.diag(torch.tensor([1., 2.]), 1), torch.triu(x, 1), x.tril(), torch.diag(x, -1))\nt.backward(); print(x.grad)\nx.grad = None\n(x.triu() * torch.arange(9.).reshape(3, 3)).sum().backward(); print(x.grad)',
    'acc = torch.zeros(3, 2).index_add_(0, torch.tensor([0, 1, 0]), torch.arange(6.).reshape(3, 2))\nprint(acc)\nsrc = torch.ones(2, 2, requires_grad=True)\ny = torch.zeros(3, 2).index_add(0, torch.tensor([2, 2]), src, alpha=3)\ny.sum().backward(); print(y, src.grad)',
    'print(torch.bincount(torch.tensor([0, 1, 1, 4])), torch.bincount(torch.tensor([0, 1]), minlength=4), torch.bincount(torch.tensor([1, 1]), weights=torch.tensor([0.5, 2.])))\nprint(torch.argsort(torch.tensor([3., 1., 2., 1.])), torch.tensor([[3, 1], [0, 5]]).argsort(dim=0, descending=True), torch.argsort(torch.tensor([2, 1, 2, 1]), descending=True))',
    'a = torch.tensor([1.0, 2.0, 3.0])\nb = torch.tensor([1.0, 2.00001, 2.5])\nprint(torch.isclose(a, b), a.isclose(b, atol=1.), torch.logical_and(a > 1, b < 3), torch.logical_or(a > 2, b > 2), torch.logical_xor(a > 1, b > 1), torch.logical_not(a > 2), (a > 1).logical_not())',
    'x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\nr = x.repeat_interleave(2, dim=0)\nprint(r, torch.tensor([1, 2, 3]).repeat_interleave(2), x.repeat_interleave(torch.tensor([1, 2]), dim=1))\nr.sum().backward(); print(x.grad)',
    'gx, gy = torch.meshgrid(torch.arange(3), torch.arange(2), indexing="ij")\nprint(gx, gy)\nax, ay = torch.meshgrid(torch.arange(3.), torch.arange(2.), indexing="xy")\nprint(ax, ay)'
]


def _printed(lib, code):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(code, {"torch": lib})
    except Exception as error:  # the same error class and message start count as the same
        out.write(f"!! {type(error).__name__}: {str(error)[:40]}")
    return re.sub(r" at 0x[0-9a-f]+", "", out.getvalue())


def _same_up_to_last_digit(ours, theirs):
    """Printed the same, except maybe the last printed digit of a float32 (best effort)."""
    if ours == theirs:
        return True
    a, b = re.split(r"(-?\d+\.\d+)", ours), re.split(r"(-?\d+\.\d+)", theirs)
    return len(a) == len(b) and all(
        x == y or (re.fullmatch(r"-?\d+\.\d+", x) and re.fullmatch(r"-?\d+\.\d+", y)
                   and len(x) == len(y) and abs(float(x) - float(y)) <= 1.01 * 10 ** -len(x.split(".")[1]))
        for x, y in zip(a, b))


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("code", SNIPPETS, ids=[s.splitlines()[-1][:50] for s in SNIPPETS])
def test_prints_what_pytorch_prints(code, torch):
    ours, theirs = _printed(ad, code), _printed(torch, code)
    assert _same_up_to_last_digit(ours, theirs), f"autodidact:\n{ours}\nPyTorch:\n{theirs}"


EQUATIONS = [("ij,jk->ik", [(2, 3), (3, 4)]), ("ii->i", [(3, 3)]), ("ii", [(3, 3)]), ("ij->", [(2, 3)]),
             ("bij,bjk->bik", [(2, 2, 3), (2, 3, 2)]), ("i,j->ij", [(2,), (3,)]), ("iji->j", [(2, 3, 2)]),
             ("...j,j->...", [(2, 2, 3), (3,)]), ("ij,jk,kl->il", [(2, 3), (3, 2), (2, 2)]),
             ("bi,bi->b", [(3, 2), (3, 2)]), ("ab,cd->ad", [(2, 2), (3, 2)]), ("ij,ij->ij", [(2, 3), (2, 3)])]


@pytest.mark.parametrize("equation, shapes", EQUATIONS)
def test_einsum_gradients_pass_finite_differences(equation, shapes):
    rng = np.random.default_rng(1)
    operands = [ad.tensor(rng.standard_normal(s), requires_grad=True) for s in shapes]

    def contract(*ts):
        return ad.einsum(equation, *ts)

    assert gradcheck(contract, operands)
    assert gradgradcheck(contract, operands)


@pytest.mark.parametrize("equation, shapes", EQUATIONS)
def test_einsum_matches_pytorch(equation, shapes, torch):
    rng = np.random.default_rng(2)
    arrays = [rng.standard_normal(s) for s in shapes]
    results = []
    for lib in (ad, torch):
        operands = [lib.tensor(a, requires_grad=True) for a in arrays]
        out = lib.einsum(equation, *operands)
        out.backward(lib.ones_like(out) * 0.5 + out.detach())
        results.append((out, [o.grad for o in operands]))
    (ours, our_grads), (theirs, their_grads) = results
    assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__
    np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), rtol=1e-12)
    for mine, reference in zip(our_grads, their_grads):
        np.testing.assert_allclose(mine.numpy(), reference.numpy(), rtol=1e-10, atol=1e-12)


def test_the_nuclear_norm_of_tensor_norm_points_to_matrix_norm():
    x = ad.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 7.0]])
    with pytest.raises(NotImplementedError, match="matrix_norm"):
        x.norm(p="nuc")
    assert ad.linalg.matrix_norm(x, ord="nuc").item() == pytest.approx(10.7625, abs=1e-4)  # PyTorch's


def test_scatter_with_reduce_records_no_derivative_as_pytorch(torch):
    for lib in (ad, torch):
        x = lib.zeros(2, 3, requires_grad=True)
        y = x.scatter(1, lib.tensor([[0], [2]]), 2.0, reduce="add")
        assert type(y.grad_fn).__name__ == "NotImplemented"
        with pytest.raises(RuntimeError, match="derivative for aten::scatter is not implemented"):
            y.sum().backward()


def test_in_place_variants_keep_the_tensor_and_refuse_leaves(torch):
    for lib in (ad, torch):
        x = lib.zeros(2, 3)
        assert x.masked_fill_(lib.tensor([True, False, True]), 1.0) is x
        assert x.scatter_(1, lib.tensor([[1], [1]]), 5.0) is x
        assert x.scatter_add_(0, lib.tensor([[0, 0, 0]]), lib.ones(1, 3)) is x
        assert x.tolist() == [[2.0, 6.0, 2.0], [1.0, 5.0, 1.0]]
        leaf = lib.zeros(3, requires_grad=True)
        with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
            leaf.masked_fill_(lib.tensor([True, False, False]), 1.0)


def test_the_missing_parts_of_linalg_are_named():
    with pytest.raises(AttributeError, match="torch.linalg.qr is not part of autodidact"):
        ad.linalg.qr(ad.eye(2))
    assert not hasattr(ad.linalg, "eig")


def test_trace_of_a_matrix_and_the_tracer_share_the_name(torch):
    m = [[1.0, 2.0], [3.0, 4.0]]
    assert str(ad.trace(ad.tensor(m))) == str(torch.trace(torch.tensor(m)))
    with ad.trace() as t:  # without a tensor it is still the course's tracer
        ad.tensor(m, requires_grad=True).sum().backward()
    assert t.steps


@pytest.mark.parametrize("call", ["lib.gather([1.0, 2.0], 0, lib.tensor([0]))", "lib.amax([1.0, 2.0])",
                                  "lib.nonzero([1, 0])", "lib.masked_fill(1.0, lib.tensor(True), 0.0)",
                                  "lib.take([1.0], lib.tensor([0]))"])
def test_functions_refuse_what_is_not_a_tensor(call, torch):
    for lib in (ad, torch):
        with pytest.raises(TypeError, match="Tensor"):
            eval(call, {"lib": lib})
