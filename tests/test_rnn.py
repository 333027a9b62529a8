"""Recurrent layers (nn.RNN, nn.LSTM, nn.GRU and their cells) against PyTorch: parameter names,
shapes and printing; outputs, states, every gradient and the grad_fn names a learner prints; the
errors of wrong shapes. The layers are made of ops checked on their own in test_op_table.py; a
float64 gradcheck of each cell and layer checks the whole composition against finite differences."""
import itertools
import warnings

import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn


def _ours(t):
    return ad.tensor(t.detach().numpy().copy())


def _pair(torch, name, *args, **kwargs):
    """The same layer in PyTorch and here, with PyTorch's starting values copied over."""
    theirs, ours = getattr(torch.nn, name)(*args, **kwargs), getattr(nn, name)(*args, **kwargs)
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in theirs.named_parameters()]
    with ad.no_grad():
        for mine, reference in zip(ours.parameters(), theirs.parameters()):
            assert tuple(mine.shape) == tuple(reference.shape)
            mine.copy_(_ours(reference))
    return theirs, ours


def _flat(value):
    if isinstance(value, (tuple, list)):
        for part in value:
            yield from _flat(part)
    else:
        yield value


def _compare(torch, name, args, kwargs, shape, states=(), dtype="float64"):
    theirs, ours = _pair(torch, name, *args, **kwargs)
    if dtype == "float64":
        theirs.double(), ours.double()
    tolerance = 1e-12 if dtype == "float64" else 1e-5
    x = torch.randn(*shape, dtype=getattr(torch, dtype), requires_grad=True)
    hx = tuple(torch.randn(*s, dtype=getattr(torch, dtype), requires_grad=True) for s in states)
    our_x, our_hx = _ours(x).requires_grad_(), tuple(_ours(h).requires_grad_() for h in hx)
    if hx:
        expected = theirs(x, hx if name.startswith("LSTM") else hx[0])
        got = ours(our_x, our_hx if name.startswith("LSTM") else our_hx[0])
    else:
        expected, got = theirs(x), ours(our_x)
    expected, got = list(_flat(expected)), list(_flat(got))
    assert len(got) == len(expected)
    weights = [torch.randn(*t.shape, dtype=t.dtype) for t in expected]
    for a, b in zip(got, expected):
        assert tuple(a.shape) == tuple(b.shape)
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), rtol=tolerance, atol=tolerance)
        assert type(a.grad_fn).__name__ == type(b.grad_fn).__name__
    sum((t * w).sum() for t, w in zip(expected, weights)).backward()
    sum((t * _ours(w)).sum() for t, w in zip(got, weights)).backward()
    for a, b in zip([our_x, *our_hx, *ours.parameters()], [x, *hx, *theirs.parameters()]):
        np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy(), rtol=10 * tolerance, atol=10 * tolerance)


LAYER_SETTINGS = [dict(num_layers=layers, batch_first=batch_first, bidirectional=bidirectional, bias=bias)
                  for layers, batch_first, bidirectional, bias in [
                      (1, False, False, True), (2, False, True, True), (1, True, False, True),
                      (2, True, True, False), (2, False, False, False), (1, True, True, True)]]


@pytest.mark.parametrize("name", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize("settings", LAYER_SETTINGS, ids=lambda s: "-".join(f"{k}={v}" for k, v in s.items()))
def test_layer_matches_pytorch(torch, name, settings):
    directions = 2 if settings["bidirectional"] else 1
    shape = (2, 4, 3) if settings["batch_first"] else (4, 2, 3)
    states = [(settings["num_layers"] * directions, 2, 5)] * (2 if name == "LSTM" else 1)
    _compare(torch, name, (3, 5), settings, shape)
    _compare(torch, name, (3, 5), settings, shape, states=states)
    _compare(torch, name, (3, 5), settings, shape, dtype="float32")  # LSTM: MkldnnRnnLayerBackward0


@pytest.mark.parametrize("name", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize("batch_first", [False, True])
def test_one_sequence_without_a_batch_matches_pytorch(torch, name, batch_first):
    states = [(2, 5)] * (2 if name == "LSTM" else 1)
    _compare(torch, name, (3, 5), {"num_layers": 2, "batch_first": batch_first}, (4, 3))
    _compare(torch, name, (3, 5), {"num_layers": 2, "batch_first": batch_first}, (4, 3), states=states)


def test_relu_rnn_matches_pytorch(torch):
    _compare(torch, "RNN", (3, 5), {"nonlinearity": "relu", "num_layers": 2}, (4, 2, 3))
    _compare(torch, "RNN", (3, 5, 2, "relu"), {}, (4, 2, 3))  # nonlinearity is the fourth argument


@pytest.mark.parametrize("name", ["RNNCell", "LSTMCell", "GRUCell"])
@pytest.mark.parametrize("bias", [True, False])
def test_cell_matches_pytorch(torch, name, bias):
    states = (2,) * (2 if name == "LSTMCell" else 1)
    _compare(torch, name, (3, 5), {"bias": bias}, (2, 3))
    _compare(torch, name, (3, 5), {"bias": bias}, (2, 3), dtype="float32")
    _compare(torch, name, (3, 5), {"bias": bias}, (2, 3), states=[(2, 5)] * len(states))
    _compare(torch, name, (3, 5), {"bias": bias}, (3,), states=[(5,)] * len(states))
    _compare(torch, name, (3, 5), {"bias": bias}, (3,))


def test_relu_cell_matches_pytorch(torch):
    _compare(torch, "RNNCell", (3, 5), {"nonlinearity": "relu"}, (2, 3))


@pytest.mark.parametrize("layer", [
    "nn.RNN(3, 4)", "nn.RNN(3, 4, 2, 'relu', False, True, 0.5, True)", "nn.LSTM(10, 20, num_layers=2)",
    "nn.LSTM(3, 4, batch_first=True, bidirectional=True, dropout=0.25, num_layers=3)", "nn.GRU(3, 4, bias=False)",
    "nn.RNNCell(3, 4)", "nn.RNNCell(3, 4, nonlinearity='relu', bias=False)", "nn.LSTMCell(3, 4)", "nn.GRUCell(3, 4)",
    "nn.Sequential(nn.Embedding(10, 4), nn.LSTM(4, 8, batch_first=True))"])
def test_layers_print_and_name_their_parameters_as_pytorch(torch, layer):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = eval(layer, {"nn": nn}), eval(layer, {"nn": torch.nn})
    assert repr(ours) == repr(theirs)
    assert [(n, tuple(p.shape)) for n, p in ours.named_parameters()] == \
           [(n, tuple(p.shape)) for n, p in theirs.named_parameters()]
    assert list(ours.state_dict()) == list(theirs.state_dict())


def test_starting_values_are_uniform_within_one_over_root_hidden():
    ad.manual_seed(0)
    layer = nn.LSTM(3, 16, num_layers=2)
    values = np.concatenate([p.detach().numpy().ravel() for p in layer.parameters()])
    assert np.abs(values).max() <= 0.25 and values.std() > 0.1  # U(-1/4, 1/4) has std 0.144
    assert [len(weights) for weights in layer.all_weights] == [4, 4]
    layer.flatten_parameters()  # PyTorch's cuDNN packing: nothing to do on the CPU


@pytest.mark.parametrize("name", ["RNN", "LSTM", "GRU"])
def test_layers_pass_gradcheck(name):
    # With respect to the input and the starting states, through two layers both ways (the weights'
    # gradients are compared with PyTorch's above).
    ad.manual_seed(0)
    layer = getattr(nn, name)(2, 2, num_layers=2, bidirectional=True).double()
    x = ad.randn(3, 2, 2, dtype=ad.float64, requires_grad=True)
    h, c = (ad.randn(4, 2, 2, dtype=ad.float64, requires_grad=True) for _ in range(2))
    if name == "LSTM":
        assert ad.autograd.gradcheck(lambda x, h, c: (lambda out, state: (out, *state))(*layer(x, (h, c))), (x, h, c))
    else:
        assert ad.autograd.gradcheck(lambda x, h: layer(x, h), (x, h))


@pytest.mark.parametrize("name", ["RNNCell", "LSTMCell", "GRUCell"])
def test_cells_pass_gradcheck(name):
    ad.manual_seed(1)
    cell = getattr(nn, name)(2, 3).double()
    x = ad.randn(4, 2, dtype=ad.float64, requires_grad=True)
    h = ad.randn(4, 3, dtype=ad.float64, requires_grad=True)
    c = ad.randn(4, 3, dtype=ad.float64, requires_grad=True)
    if name == "LSTMCell":
        assert ad.autograd.gradcheck(lambda x, h, c: cell(x, (h, c)), (x, h, c))
    else:
        assert ad.autograd.gradcheck(lambda x, h: cell(x, h), (x, h))


def test_dropout_between_layers_only_while_training():
    ad.manual_seed(0)
    layer = nn.GRU(3, 4, num_layers=2, dropout=0.5)
    x = ad.randn(5, 2, 3)
    layer.eval()
    first, _ = layer(x)
    second, _ = layer(x)
    assert ad.equal(first, second)
    layer.train()
    outputs = {tuple(layer(x)[0].detach().numpy().ravel().round(6)) for _ in range(3)}
    assert len(outputs) > 1  # a fresh mask at every call


def test_no_grad_and_state_carried_between_calls(torch):
    theirs, ours = _pair(torch, "LSTM", 3, 3)
    steps = torch.randn(5, 1, 3)
    hidden, our_hidden = (torch.zeros(1, 1, 3), torch.zeros(1, 1, 3)), (ad.zeros(1, 1, 3), ad.zeros(1, 1, 3))
    for step in steps:  # one step at a time, as the sequence models tutorial does
        out, hidden = theirs(step.view(1, 1, -1), hidden)
        our_out, our_hidden = ours(_ours(step).view(1, 1, -1), our_hidden)
    np.testing.assert_allclose(our_out.detach().numpy(), out.detach().numpy(), rtol=1e-5, atol=1e-6)
    whole, _ = ours(_ours(steps))
    with ad.no_grad():
        assert ours(_ours(steps))[0].grad_fn is None
    np.testing.assert_allclose(whole[-1].detach().numpy(), our_out[0].detach().numpy(), rtol=1e-5, atol=1e-6)


ERRORS = [
    ("nn.RNN(3, 4)", "ad.randn(5, 2, 6)", None),
    ("nn.RNN(3, 4)", "ad.randn(5, 2, 3)", "ad.randn(1, 3, 4)"),
    ("nn.RNN(3, 4)", "ad.randn(5, 2, 3)", "ad.randn(2, 4)"),
    ("nn.RNN(3, 4)", "ad.randn(5, 3)", "ad.randn(1, 1, 4)"),
    ("nn.GRU(3, 4)", "ad.randn(1, 5, 2, 3)", None),
    ("nn.RNN(3, 4)", "ad.randn(3)", None),
    ("nn.RNN(3, 4)", "ad.randn(5, 2, 3).double()", None),
    ("nn.RNN(3, 4)", "ad.randn(0, 2, 3)", None),
    ("nn.LSTM(3, 4)", "ad.randn(5, 2, 3)", "(ad.randn(1, 2, 4), ad.randn(1, 3, 4))"),
    ("nn.LSTM(3, 4)", "ad.randn(5, 2, 3)", "(ad.randn(1, 3, 4), ad.randn(1, 2, 4))"),
    ("nn.LSTM(3, 4)", "ad.randn(5, 3)", "(ad.randn(1, 2, 4), ad.randn(1, 2, 4))"),
    ("nn.LSTM(3, 4)", "ad.randn(5, 2, 3)", "(ad.randn(2, 4), ad.randn(2, 4))"),
    ("nn.GRUCell(3, 4)", "ad.randn(2, 5)", None),
    ("nn.GRUCell(3, 4)", "ad.randn(2, 3)", "ad.randn(3, 4)"),
    ("nn.GRUCell(3, 4)", "ad.randn(1, 2, 3)", None),
    ("nn.RNNCell(3, 4)", "ad.randn(2, 3)", "ad.randn(2, 5)"),
    ("nn.RNNCell(3, 4, nonlinearity='sigmoid')", "ad.randn(2, 3)", None),
    ("nn.LSTMCell(3, 4)", "ad.randn(2, 3)", "ad.randn(2, 4)"),
    ("nn.LSTMCell(3, 4)", "ad.randn(2, 3)", "(ad.randn(2, 4), ad.randn(1, 2, 4))"),
]


def _message(call):
    try:
        call()
    except Exception as error:  # noqa: BLE001 (the class is what is compared)
        return type(error), str(error)
    return None, None


@pytest.mark.parametrize("layer, input, state", ERRORS)
def test_wrong_shapes_raise_pytorchs_errors(torch, layer, input, state):
    ours = eval(layer, {"nn": nn})
    theirs = eval(layer, {"nn": torch.nn})
    our_args = [eval(input, {"ad": ad})] + ([eval(state, {"ad": ad})] if state else [])
    their_args = [eval(input.replace("ad.", "torch."), {"torch": torch})] + \
                 ([eval(state.replace("ad.", "torch."), {"torch": torch})] if state else [])
    our_class, our_text = _message(lambda: ours(*our_args))
    their_class, their_text = _message(lambda: theirs(*their_args))
    assert their_class is not None and our_class.__name__ == their_class.__name__
    assert our_text == their_text


@pytest.mark.parametrize("call", [
    "nn.RNN(3, 4, nonlinearity='sigmoid')", "nn.RNN(3, 4, dropout=1.5)", "nn.RNN(3, 0)", "nn.RNN(3, 4, num_layers=0)",
    "nn.LSTM(3.0, 4)", "nn.GRU(3, 4, bias=1)", "nn.GRU(3, 4, proj_size=2)"])
def test_bad_settings_raise_pytorchs_errors(torch, call):
    our_class, our_text = _message(lambda: eval(call, {"nn": nn}))
    their_class, their_text = _message(lambda: eval(call, {"nn": torch.nn}))
    assert our_class.__name__ == their_class.__name__ and our_text == their_text


def test_dropout_with_one_layer_warns_as_pytorch():
    with pytest.warns(UserWarning, match="non-zero dropout expects num_layers greater than 1"):
        nn.LSTM(3, 4, dropout=0.5)
