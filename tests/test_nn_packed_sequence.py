"""PackedSequence, pack_padded_sequence / pad_packed_sequence / pack_sequence, and RNN / GRU / LSTM
over packed batches, against PyTorch: values, last states, gradients of inputs and weights (sorted
and unsorted lengths, one and two layers, one and two directions), grad_fn names, errors."""
import numpy as np
import pytest

import autodidact as ad

RNG = np.random.default_rng(0)
X = RNG.standard_normal((4, 3, 2))


@pytest.mark.parametrize("mode", ["RNN", "GRU", "LSTM"])
@pytest.mark.parametrize("bidirectional, layers, lengths", [(False, 1, [3, 4, 1]), (True, 2, [4, 3, 1]),
                                                            (True, 1, [2, 4, 3])])
def test_recurrent_layers_over_packed_batches_match_pytorch(torch, mode, bidirectional, layers, lengths):
    h0 = RNG.standard_normal((layers * (2 if bidirectional else 1), 3, 3))
    results = []
    for t in (torch, ad):
        t.manual_seed(0)
        layer = getattr(t.nn, mode)(2, 3, num_layers=layers, bidirectional=bidirectional).double()
        if t is ad:  # the same weights as PyTorch's layer
            with ad.no_grad():
                for ours, theirs in zip(layer.parameters(), reference.parameters()):
                    ours.copy_(ad.tensor(theirs.detach().numpy()))
        else:
            reference = layer
        x = t.tensor(X, requires_grad=True)
        packed = t.nn.utils.rnn.pack_padded_sequence(x, lengths, enforce_sorted=False)
        output, last = layer(packed, (t.tensor(h0), t.tensor(-h0)) if mode == "LSTM" else t.tensor(h0))
        last = last[0] + 2 * last[1] if mode == "LSTM" else last
        padded, sizes = t.nn.utils.rnn.pad_packed_sequence(output, batch_first=True)
        (padded.pow(2).sum() + last.pow(3).sum()).backward()
        results.append([padded.detach().numpy(), last.detach().numpy(), sizes.numpy(), x.grad.numpy(),
                        *(p.grad.numpy() for p in layer.parameters()), type(output).__name__,
                        output.batch_sizes.tolist(), type(output.data.grad_fn).__name__])
    for a, b in zip(*results):
        if isinstance(a, np.ndarray):
            np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)
        else:
            assert a == b


def test_packing_utilities_match_pytorch(torch):
    outputs = []
    for t in (torch, ad):
        x = t.tensor(X, requires_grad=True)
        packed = t.nn.utils.rnn.pack_padded_sequence(x, t.tensor([2, 4, 3]), enforce_sorted=False)
        padded, lengths = t.nn.utils.rnn.pad_packed_sequence(packed, padding_value=-1.0, total_length=5)
        padded.sum().backward()
        first = t.nn.utils.rnn.pack_padded_sequence(x.transpose(0, 1), [4, 3, 3], batch_first=True)
        outputs.append([repr(packed.batch_sizes), repr(packed.sorted_indices), repr(packed.unsorted_indices),
                        type(packed.data.grad_fn).__name__, type(padded.grad_fn).__name__, repr(lengths),
                        padded.detach().numpy(), x.grad.numpy(), first.data.detach().numpy(),
                        repr(t.nn.utils.rnn.pack_sequence([t.ones(3), t.ones(2) * 2]))])
    for a, b in zip(*outputs):
        if isinstance(a, np.ndarray):
            np.testing.assert_allclose(a, b)
        else:
            assert a == b


@pytest.mark.parametrize("call", [
    lambda t, x: t.nn.utils.rnn.pack_padded_sequence(x, [2, 3, 4]),
    lambda t, x: t.nn.utils.rnn.pack_padded_sequence(x, [4, 3]),
    lambda t, x: t.nn.utils.rnn.pad_packed_sequence(t.nn.utils.rnn.pack_padded_sequence(x, [4, 3, 2]), total_length=2),
])
def test_packing_errors_are_pytorchs(torch, call):
    with pytest.raises(Exception) as ours:
        call(ad, ad.tensor(X))
    with pytest.raises(Exception) as theirs:
        call(torch, torch.tensor(X))
    assert type(ours.value) is type(theirs.value)
