"""Small dtypes (uint8 images, int8/int16, float16) and memory layout (stride, storage_offset,
is_contiguous, the views narrow/select/diagonal/unfold/movedim) as PyTorch shows them: each
scenario runs on autodidact and on PyTorch and must print the same.

The gradient checks of diagonal and unfold are generated from the op registry (test_op_table.py).
"""
import numpy as np
import pytest

import autodidact
from test_breadth_ops import seen

SCENARIOS = {}


def scenario(function):
    SCENARIOS[function.__name__] = function
    return function


@scenario
def promotion_between_small_types(torch, show):
    kinds = [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float16,
             torch.float32, torch.float64]
    for a in kinds:
        show([torch.promote_types(a, b) for b in kinds])
    u = torch.tensor([1, 2, 250], dtype=torch.uint8)
    show(torch.result_type(u, 2.5))
    show(torch.result_type(u, torch.tensor(1000)))
    show(torch.result_type(u, torch.tensor([1000])))


@scenario
def uint8_arithmetic_wraps_and_promotes(torch, show):
    u = torch.tensor([1, 2, 250], dtype=torch.uint8)
    i8 = torch.tensor([1, -2, 3], dtype=torch.int8)
    s16 = torch.tensor([1, -2, 3], dtype=torch.int16)
    show(u + 10)
    show(u * 2)
    show(u - 5)
    show(-u)
    show(u / 255)
    show(u // 3)
    show(u % 3)
    show(u ** 2)
    show(u + i8)
    show(u * s16)
    show(u + torch.tensor(1.5))
    show(u + torch.tensor(1000))
    show(u + torch.tensor([1000]))
    show(torch.tensor(200, dtype=torch.uint8) + torch.tensor(100, dtype=torch.uint8))
    show(torch.cat([u, i8]))
    show(u.clamp(2, 100))
    show(torch.where(u > 1, u, torch.tensor(0, dtype=torch.uint8)))


@scenario
def small_integer_reductions(torch, show):
    u = torch.tensor([[1, 2, 250], [7, 8, 9]], dtype=torch.uint8)
    show(u.sum())
    show(u.sum(0))
    show(u.sum(1, keepdim=True))
    show(u.prod())
    show(u.cumsum(1))
    show(u.max())
    show(u.argmax())
    show((u == 250).sum())
    show(torch.tensor([3, -4], dtype=torch.int8).sum())
    show(u.float().mean())
    u.mean()


@scenario
def conversions_and_names(torch, show):
    x = torch.tensor([1.5, -2.0, 300.0])
    show(x.half())
    show(torch.tensor([3, 200]).byte())
    show(torch.tensor([3, -100]).char())
    show(torch.tensor([3, -100]).short())
    show(torch.tensor([True, False]).byte())
    u = torch.tensor([1, 2, 250], dtype=torch.uint8)
    show([u.type(), u.char().type(), x.half().type(), u.short().type()])
    show(u.type(torch.float16))
    show(u.to(torch.int16))
    show([u.long(), u.bool(), u.double()])
    show([torch.half, torch.short, torch.uint8.is_floating_point, torch.float16.is_floating_point,
          torch.float16.is_signed, torch.uint8.is_signed, torch.int8.is_signed])
    show([u.element_size(), x.half().element_size(), torch.int16.itemsize])
    show([u.numpy().dtype, x.half().numpy().dtype, u.tolist(), x.half().tolist(), type(u[0].item())])
    show(torch.tensor([65504.0, 70000.0, 1e-3]).half())


@scenario
def creating_small_types(torch, show):
    show(torch.zeros(2, dtype=torch.uint8))
    show(torch.ones(2, 2, dtype=torch.half))
    show(torch.full((2,), 7, dtype=torch.int8))
    show(torch.arange(3, dtype=torch.uint8))
    show(torch.empty(2, 3, dtype=torch.int16).shape)
    show(torch.tensor([], dtype=torch.uint8))
    show(torch.tensor(3, dtype=torch.int16))
    show(torch.from_numpy(np.array([[1, 2]], dtype=np.uint8)) * 2)
    show(torch.from_numpy(np.array([1, 2], dtype=np.int8)).float())
    show(torch.from_numpy(np.array([1, 2], dtype=np.float16)))
    show(torch.tensor(np.array([1, 2], dtype=np.int16)))
    show(torch.tensor([np.uint8(3), np.uint8(4)]))
    show([torch.ByteTensor([1, 2]), torch.HalfTensor([1.5]), torch.CharTensor(2).shape, torch.ShortTensor([1])])
    show(isinstance(torch.tensor([1], dtype=torch.uint8), torch.ByteTensor))
    show(torch.randint(0, 255, (2,), dtype=torch.uint8).dtype)
    show(torch.randn(2, dtype=torch.float16).dtype)


@scenario
def image_to_float_pipeline(torch, show):
    image = torch.from_numpy(np.arange(24, dtype=np.uint8).reshape(2, 3, 4) * 10)
    show(image.permute(2, 0, 1).float().div(255))
    show(image[0, 1])
    show(image.float().mean(dim=(0, 1)))
    show(torch.stack([image, image]).shape)
    batch = torch.stack([image, image]).to(torch.float32) / 255
    show(batch.dtype)


@scenario
def half_needs_grad_like_float(torch, show):
    x = torch.ones(3, dtype=torch.float16, requires_grad=True)
    y = (x * x).sum()
    y.backward()
    show(y)
    show(x.grad)
    torch.tensor([1.0], dtype=torch.uint8, requires_grad=True)


@scenario
def strides_of_views(torch, show):
    x = torch.arange(24.0).reshape(2, 3, 4)
    v = torch.arange(6)
    m = torch.arange(6.0).reshape(2, 3)
    views = [x, x.transpose(0, 1), x.permute(2, 0, 1), x[:, 1:], x[..., ::2], x[1], x[:, 2], v.unsqueeze(0),
             v.unsqueeze(1), m.unsqueeze(-1), v[None], v[:, None], v.unsqueeze(0).expand(3, 6), v.expand(2, 6),
             torch.ones(3, 1).expand(3, 4), m.T, x.view(6, 4), m.t().reshape(6), m.t().contiguous(), x.flatten(),
             torch.zeros(1, 3, 1).squeeze(), m.t().exp(), m.t() + 1, m @ m.t(), x.sum(1), torch.tensor(3.0),
             torch.zeros(0, 3), torch.ones(1, 3).t(), x[[0, 1]], torch.cat([m, m]), torch.stack([m, m], 1),
             m.narrow(1, 1, 2), m.select(1, 2), m.diagonal(1), m.diagonal(-1), m.unfold(1, 2, 1), x.movedim(0, 2),
             x.swapaxes(0, 2), m[1].unfold(0, 2, 1)]
    for t in views:
        show([tuple(t.shape), t.stride(), t.storage_offset(), t.is_contiguous()])
    show([m.stride(0), m.stride(-1)])
    m.stride(2)


@scenario
def clone_and_like_keep_the_layout(torch, show):
    m = torch.arange(6.0).reshape(2, 3)
    for t in [m.t(), m[:, ::2], torch.arange(24.0).reshape(2, 3, 4).permute(2, 0, 1)]:
        made = [t.clone(), torch.clone(t), t.detach().clone(), torch.zeros_like(t), torch.ones_like(t),
                torch.empty_like(t), torch.full_like(t, 2.0), torch.zeros_like(t, dtype=torch.int64)]
        show([(c.stride(), c.is_contiguous()) for c in made])
    show(torch.full_like(m.t(), 7.0))
    m.t().clone().view(6)


@scenario
def contiguous_and_view(torch, show):
    t = torch.tensor([[0, 1], [2, 3]]).transpose(0, 1)
    c = t.contiguous()
    show([c.is_contiguous(), c.stride(), t.contiguous() is t, c.contiguous() is c])
    show(t.reshape(4))
    t.view(4)


@scenario
def narrow_select_diagonal_unfold(torch, show):
    u = torch.arange(6.0).reshape(2, 3).requires_grad_()
    show(u.narrow(1, 1, 2))
    show(torch.narrow(u, 0, -1, 1))
    show(u.select(1, 2))
    show(torch.select(u, 0, -1))
    show(u.diagonal())
    show(torch.diagonal(u, 1))
    show(u.unfold(1, 2, 1))
    show(u.unfold(1, 3, 5))
    show(torch.arange(24.0).reshape(2, 3, 4).diagonal(0, -1, 0))
    show(torch.arange(24.0).reshape(2, 3, 4).unfold(2, 3, 2).shape)
    show(u.movedim(0, 1))
    show(torch.movedim(torch.zeros(2, 3, 4), (0, 1), (2, 0)).shape)
    show(torch.moveaxis(torch.zeros(2, 3, 4), 0, -1).shape)
    show(u.swapaxes(0, 1))
    show(torch.swapdims(u, 0, 1))
    show(torch.tensor(5.0).unfold(0, 1, 1))
    ((u.unfold(1, 2, 1) * torch.arange(8.0).reshape(2, 2, 2)).sum() + u.diagonal(1).sum() * 10
     + u.narrow(0, 1, 1).sum() * 100 + u.select(1, 0).sum()).backward()
    show(u.grad)


@scenario
def writes_through_strided_views(torch, show):
    u = torch.arange(6.0).reshape(2, 3)
    u.diagonal(1)[0] = 100.0
    u.unfold(1, 2, 1)[1, 1, 1] = -5.0
    u.narrow(0, 0, 1).mul_(2)
    u.select(1, 0).fill_(7.0)
    show(u)


@pytest.mark.parametrize("bad", ["narrow_past_end", "select_out_of_range", "unfold_too_big", "unfold_step_0",
                                 "diagonal_same_dims", "narrow_bad_dim", "movedim_lengths"])
def test_view_errors_have_pytorchs_class(bad, torch):
    calls = {
        "narrow_past_end": lambda lib, u: u.narrow(1, 2, 5),
        "select_out_of_range": lambda lib, u: u.select(1, 3),
        "unfold_too_big": lambda lib, u: u.unfold(1, 4, 1),
        "unfold_step_0": lambda lib, u: u.unfold(1, 2, 0),
        "diagonal_same_dims": lambda lib, u: u.diagonal(0, 1, 1),
        "narrow_bad_dim": lambda lib, u: u.narrow(3, 0, 1),
        "movedim_lengths": lambda lib, u: u.movedim((0, 1), (1,)),
    }

    def raised(lib):
        with pytest.raises(Exception) as error:
            calls[bad](lib, lib.arange(6.0).reshape(2, 3))
        return type(error.value).__name__

    assert raised(autodidact) == raised(torch)


def test_dtypes_pytorch_has_and_autodidact_lacks_fail_loudly():
    for name in ("bfloat16", "complex64", "cfloat", "uint16"):
        with pytest.raises(AttributeError, match=f"torch.{name} .*not supported by autodidact"):
            getattr(autodidact, name)
    with pytest.raises(TypeError, match="uint16"):
        autodidact.from_numpy(np.array([1, 2], dtype=np.uint16))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_learner_sees_what_pytorch_shows(name, torch):
    assert seen(autodidact, SCENARIOS[name]) == seen(torch, SCENARIOS[name])


def test_scenarios_run_through():
    for name, function in SCENARIOS.items():
        shown = seen(autodidact, function)
        assert shown.count("raises") <= 1 and len(shown.splitlines()) > 1, name


def test_small_types_save_and_load_both_ways(tmp_path, torch):
    values = {"image": np.arange(12, dtype=np.uint8).reshape(3, 4) * 20, "codes": np.array([-3, 7], dtype=np.int8),
              "shorts": np.array([-300, 700], dtype=np.int16), "half": np.array([0.5, -1.25], dtype=np.float16)}
    ours = {name: autodidact.from_numpy(array.copy()) for name, array in values.items()}
    autodidact.save(ours, tmp_path / "ours.pt")
    loaded_in_torch = torch.load(tmp_path / "ours.pt")
    theirs = {name: torch.from_numpy(array.copy()) for name, array in values.items()}
    torch.save(theirs, tmp_path / "theirs.pt")
    loaded_here = autodidact.load(tmp_path / "theirs.pt")
    for name, array in values.items():
        assert str(loaded_in_torch[name].dtype) == str(ours[name].dtype)
        np.testing.assert_array_equal(loaded_in_torch[name].numpy(), array)
        assert loaded_here[name].dtype is ours[name].dtype
        np.testing.assert_array_equal(loaded_here[name].numpy(), array)


@scenario
def gradients_are_laid_out_like_their_leaves(torch, show):
    linear = torch.nn.Linear(3, 2)
    linear(torch.ones(4, 3)).sum().backward()
    show([linear.weight.grad.is_contiguous(), linear.weight.grad.stride(), tuple(linear.weight.grad.view(-1).shape)])
    x = torch.ones(2, 3, requires_grad=True)
    (x.t() * 2).sum().backward()
    show([x.grad.stride(), x.grad.is_contiguous()])
    before = x.grad
    (x.t() * 3).sum().backward()
    show([x.grad is before, x.grad.stride(), x.grad])
