"""Random tensors: generator=, torch.Generator streams, multinomial, bernoulli, normal's forms.

The numbers are NumPy's, not PyTorch's (a documented difference), so these tests compare what
does not depend on the stream with PyTorch (shapes, dtypes, errors) and check the laws the numbers
follow (frequencies, ranges, no repeats) on large samples with wide tolerances.
"""
import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn


def _errors_alike(torch, ours, theirs):
    """Both calls raise, with the same exception class; the PyTorch message starts ours."""
    with pytest.raises(Exception) as expected:
        theirs(torch)
    with pytest.raises(type(expected.value)) as got:
        ours(ad)
    return str(expected.value), str(got.value)


def test_a_generator_is_a_stream_of_its_own():
    first = ad.Generator().manual_seed(7)
    a = ad.randn(5, generator=first)
    ad.manual_seed(0)
    ad.rand(3)  # draws from the default generator do not move a Generator's stream
    second = ad.Generator().manual_seed(7)
    assert ad.randn(5, generator=second).equal(a)
    ad.manual_seed(0)
    plain = ad.rand(3)
    ad.manual_seed(0)
    ad.randn(4, generator=ad.Generator().manual_seed(1))  # ... and a Generator does not move the default
    assert ad.rand(3).equal(plain)


@pytest.mark.parametrize("draw", [
    lambda t, g: t.rand(2, 3, generator=g),
    lambda t, g: t.randn((2, 3), generator=g),
    lambda t, g: t.randint(10, (6,), generator=g),
    lambda t, g: t.randint(3, 10, (6,), generator=g),
    lambda t, g: t.randperm(6, generator=g),
    lambda t, g: t.normal(0.0, 1.0, (4,), generator=g),
    lambda t, g: t.normal(t.zeros(4), 2.0, generator=g),
    lambda t, g: t.rand_like(t.ones(3), generator=g),
    lambda t, g: t.randn_like(t.ones(3, dtype=t.float64), generator=g),
    lambda t, g: t.multinomial(t.tensor([0.2, 0.3, 0.5]), 2, generator=g),
    lambda t, g: t.bernoulli(t.tensor([0.2, 0.8]), generator=g),
    lambda t, g: t.empty(3).normal_(generator=g),
    lambda t, g: t.empty(3).uniform_(0, 1, generator=g),
])
def test_generator_argument_reproduces_and_matches_pytorchs_shape_and_dtype(torch, draw):
    ours = draw(ad, ad.Generator().manual_seed(3))
    assert ours.equal(draw(ad, ad.Generator().manual_seed(3)))
    theirs = draw(torch, torch.Generator().manual_seed(3))
    assert tuple(ours.shape) == tuple(theirs.shape)
    assert str(ours.dtype) == str(theirs.dtype)


def test_manual_seed_returns_the_default_generator(torch):
    generator = ad.manual_seed(0)
    assert generator is ad.default_generator and isinstance(generator, ad.Generator)
    assert repr(generator).startswith("<torch._C.Generator object at 0x")
    assert ad.initial_seed() == 0 and ad.random.manual_seed(5) is generator and ad.initial_seed() == 5
    assert repr(ad.Generator().device) == repr(torch.Generator().device)


def test_size_keyword_and_shapes_as_pytorch(torch):
    for call in (lambda t: t.rand(size=(2, 3)), lambda t: t.randn(size=[4]), lambda t: t.rand(()),
                 lambda t: t.randint(5, size=(2,)), lambda t: t.randint(low=1, high=5, size=[3]),
                 lambda t: t.randint(high=5, size=(1, 2)), lambda t: t.normal(2.0, 3.0, size=(2,)),
                 lambda t: t.normal(t.zeros(2), t.ones(3, 1)), lambda t: t.randint_like(t.ones(2), 2, 10),
                 lambda t: t.randperm(3, dtype=t.float32), lambda t: t.randint(5, (2,), dtype=t.float32)):
        ours, theirs = call(ad), call(torch)
        assert tuple(ours.shape) == tuple(theirs.shape) and str(ours.dtype) == str(theirs.dtype)
    assert ad.rand(2, requires_grad=True).requires_grad


@pytest.mark.parametrize("call", [
    lambda t: t.rand(2, dtype=t.int64),
    lambda t: t.randn(2, dtype=t.int64),
    lambda t: t.randint(5, (2,), requires_grad=True),
    lambda t: t.randint(5, 2),
    lambda t: t.randint(5, 3, (2,)),
    lambda t: t.randint(3.5, (2,)),
    lambda t: t.randperm(3, requires_grad=True),
    lambda t: t.rand(-1),
    lambda t: t.randn(),
    lambda t: t.rand(2, generator=3),
    lambda t: t.ones(2).uniform_(2, 1),
    lambda t: t.ones(2).normal_(0, -1),
    lambda t: t.ones(2, dtype=t.int64).normal_(),
    lambda t: t.ones(2, dtype=t.int64).uniform_(),
    lambda t: t.randn_like(t.ones(2, dtype=t.int64)),
    lambda t: t.normal(0.0, -1.0, (2,)),
    lambda t: t.normal(t.zeros(2), t.ones(3)),
    lambda t: t.ones(3, requires_grad=True).normal_(),
    lambda t: t.zeros(2, size=(2,)),
    lambda t: t.ones(2).sum(dim=0, axis=0),
])
def test_random_errors_as_pytorch(torch, call):
    _errors_alike(torch, call, call)


def test_multinomial_frequencies_without_and_with_replacement(torch):
    weights = ad.tensor([1.0, 2.0, 0.0, 7.0])  # weights, not probabilities: they need not add to 1
    ad.manual_seed(0)
    draws = ad.multinomial(weights.expand(20000, 4), 1, replacement=True)
    assert draws.shape == (20000, 1) and draws.dtype is ad.int64
    frequencies = np.bincount(draws.numpy().ravel(), minlength=4) / 20000
    np.testing.assert_allclose(frequencies, [0.1, 0.2, 0.0, 0.7], atol=0.015)
    # Without replacement: every row is distinct indices; the first pick follows the weights.
    rows = ad.multinomial(weights.expand(20000, 4), 3).numpy()
    assert all(len(set(row)) == 3 for row in rows[:500])
    assert 2 not in rows[:, :2]  # a zero weight comes only after every other category
    first = np.bincount(rows[:, 0], minlength=4) / 20000
    np.testing.assert_allclose(first, [0.1, 0.2, 0.0, 0.7], atol=0.015)
    # The second pick, given the first, follows the remaining weights: P(second = 1) =
    # P(first=0)·2/9 + P(first=3)·2/3.
    np.testing.assert_allclose((rows[:, 1] == 1).mean(), 0.1 * 2 / 9 + 0.7 * 2 / 3, atol=0.015)
    theirs = torch.multinomial(torch.tensor([[1.0, 2.0], [3.0, 4.0]]), 2)
    ours = ad.multinomial(ad.tensor([[1.0, 2.0], [3.0, 4.0]]), 2)
    assert ours.shape == tuple(theirs.shape) and ad.tensor([1.0, 2.0]).multinomial(1).shape == (1,)


@pytest.mark.parametrize("call", [
    lambda t: t.multinomial(t.tensor([0.2, 0.8]), 3),
    lambda t: t.multinomial(t.tensor([0.0, 0.0]), 1),
    lambda t: t.multinomial(t.tensor([-1.0, 2.0]), 1),
    lambda t: t.multinomial(t.tensor([1.0, float("nan")]), 1),
    lambda t: t.multinomial(t.tensor([1.0, float("inf")]), 1),
    lambda t: t.multinomial(t.tensor([1, 2]), 1),
    lambda t: t.multinomial(t.ones(2, 2, 2), 1),
    lambda t: t.multinomial(t.tensor(0.5), 1),
    lambda t: t.multinomial(t.tensor([0.2, 0.8]), 0),
    lambda t: t.multinomial(t.tensor([0.2, 0.8]), 1.5),
    lambda t: t.multinomial(t.tensor([[1.0, 1.0], [0.0, 0.0]]), 1),
    lambda t: t.bernoulli(t.tensor([2.0])),
    lambda t: t.bernoulli(t.tensor([1, 0])),
])
def test_multinomial_and_bernoulli_errors_as_pytorch(torch, call):
    expected, got = _errors_alike(torch, call, call)
    assert got.startswith(expected.split(".")[0].split(" (")[0][:40])


def test_bernoulli_draws_ones_with_the_given_probability(torch):
    ad.manual_seed(1)
    probabilities = ad.tensor([0.0, 0.25, 1.0], dtype=ad.float64).expand(20000, 3)
    draws = ad.bernoulli(probabilities)
    assert draws.dtype is ad.float64 and set(np.unique(draws.numpy())) <= {0.0, 1.0}
    np.testing.assert_allclose(draws.numpy().mean(axis=0), [0.0, 0.25, 1.0], atol=0.015)
    assert abs(ad.ones(20000).bernoulli(0.3).numpy().mean() - 0.3) < 0.015
    filled = ad.ones(20000)
    assert filled.bernoulli_(0.6) is filled and abs(filled.numpy().mean() - 0.6) < 0.015
    assert str(torch.bernoulli(torch.ones(2), p=0.5).dtype) == str(ad.bernoulli(ad.ones(2), p=0.5).dtype)


def test_random_functions_given_tensors_that_require_grad_say_what_is_missing():
    p = ad.tensor([0.5, 0.5], requires_grad=True)
    with pytest.raises(NotImplementedError, match="BernoulliBackward0"):
        ad.bernoulli(p)
    with pytest.raises(NotImplementedError, match="NormalBackward"):
        ad.normal(p, 1.0)
    assert ad.multinomial(p, 1).shape == (1,)  # no gradient flows to a sample's index (as in PyTorch)
    with ad.no_grad():
        assert ad.bernoulli(p).shape == (2,)


def test_normal_with_tensor_mean_and_std_draws_elementwise():
    ad.manual_seed(2)
    samples = ad.normal(ad.tensor([0.0, 10.0]).expand(20000, 2), ad.tensor([1.0, 0.1]))
    np.testing.assert_allclose(samples.numpy().mean(axis=0), [0.0, 10.0], atol=0.05)
    np.testing.assert_allclose(samples.numpy().std(axis=0), [1.0, 0.1], rtol=0.05)
    assert ad.normal(ad.zeros(2, dtype=ad.float64), 1.0).dtype is ad.float64
    assert ad.normal(mean=ad.zeros(3)).shape == (3,)


def test_nn_init_and_dataloader_take_a_generator():
    weight = ad.empty(3, 4)
    nn.init.kaiming_uniform_(weight, generator=ad.Generator().manual_seed(4))
    again = nn.init.kaiming_uniform_(ad.empty(3, 4), generator=ad.Generator().manual_seed(4))
    assert weight.equal(again)
    for init in (nn.init.trunc_normal_, nn.init.orthogonal_, nn.init.xavier_normal_):
        a = init(ad.empty(3, 4), generator=ad.Generator().manual_seed(1))
        assert a.equal(init(ad.empty(3, 4), generator=ad.Generator().manual_seed(1)))


@pytest.mark.parametrize("call", [
    lambda t: t.bincount(t.tensor([0, 2, 2, 5])),
    lambda t: t.bincount(t.tensor([0, 2, 2, 5]), minlength=8),
    lambda t: t.bincount(t.tensor([0, 2, 2, 5]), weights=t.tensor([1.0, 0.5, 0.5, 2.0])),
    lambda t: t.bincount(t.tensor([0, 2]), weights=t.tensor([1, 2])),
    lambda t: t.bincount(t.tensor([], dtype=t.int64)),
    lambda t: t.tensor([3, 1, 3]).bincount(),
])
def test_bincount_counts_as_pytorch(torch, call):
    assert repr(call(ad)) == repr(call(torch))


@pytest.mark.parametrize("call", [
    lambda t: t.bincount(t.tensor([-1, 2])), lambda t: t.bincount(t.tensor([[1, 2]])),
    lambda t: t.bincount(t.tensor([1.0, 2.0])), lambda t: t.bincount(t.tensor([1, 2]), minlength=-1),
    lambda t: t.bincount(t.tensor([1, 2]), weights=t.ones(3)),
])
def test_bincount_errors_as_pytorch(torch, call):
    _errors_alike(torch, call, call)
