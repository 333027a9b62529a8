"""Devices: naming one works as in PyTorch; only the CPU can hold tensors, and asking for a GPU
raises PyTorch's own exception class (AssertionError for CUDA, as a CPU-only PyTorch build does)."""
import pytest

import autodidact as ad
import autodidact.nn as nn


def _outcome(action):
    try:
        result = action()
    except Exception as error:  # noqa: BLE001  (the class is what we compare)
        return type(error)
    return repr(result) if not hasattr(result, "shape") else "tensor"


@pytest.mark.parametrize("spec", [("cpu",), ("cuda",), ("cuda:0",), ("cuda", 1), ("mps",), ("cpu", 0)])
def test_device_prints_compares_and_hashes_as_in_pytorch(torch, spec):
    ours, theirs = ad.device(*spec), torch.device(*spec)
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)
    assert (ours.type, ours.index) == (theirs.type, theirs.index)
    assert ours == ad.device(str(ours)) and hash(ours) == hash(ad.device(str(ours)))


@pytest.mark.parametrize("spec", [("gpu",), ("cuda:x",), ("cpu", -1), (5,)])
def test_bad_device_names_raise_pytorchs_error_class(torch, spec):
    assert _outcome(lambda: ad.device(*spec)) is _outcome(lambda: torch.device(*spec))


@pytest.mark.parametrize("action", [
    lambda t: t.zeros(2).cuda(),
    lambda t: t.zeros(2).to("cuda"),
    lambda t: t.zeros(2).to(device="cuda:0"),
    lambda t: t.zeros(2).to(t.device("cuda")),
    lambda t: t.zeros(2).to("mps"),
    lambda t: t.zeros(2, device="cuda"),
    lambda t: t.tensor([1.0], device="cuda"),
    lambda t: t.ones(2, 2, device="mps"),
    lambda t: t.randn(3, device="cuda"),
    lambda t: t.nn.Linear(2, 2).cuda(),
    lambda t: t.nn.Linear(2, 2).to("cuda"),
    lambda t: t.nn.Linear(2, 2, device="cuda"),
    lambda t: t.cuda.current_device(),
])
def test_asking_for_a_gpu_fails_as_on_cpu_only_pytorch(torch, action):
    assert _outcome(lambda: action(ad)) is _outcome(lambda: action(torch))
    with pytest.raises(Exception, match="CPU only|not compiled"):
        action(ad)


def test_the_cpu_is_accepted_everywhere_and_changes_nothing(torch):
    x = ad.tensor([1.0, 2.0], device="cpu")
    assert x.to("cpu") is x and x.cpu() is x and x.to(ad.device("cpu")) is x
    assert repr(x.device) == repr(torch.zeros(1).device) == "device(type='cpu')"
    assert x.is_cpu and not x.is_cuda and x.get_device() == -1
    converted = x.to("cpu", ad.float64)
    assert converted.dtype is ad.float64
    assert x.to(ad.zeros(1, dtype=ad.int64)).dtype is ad.int64  # to(other): other's dtype
    assert x.to("cpu", copy=True) is not x
    for make in (ad.zeros, ad.ones, ad.empty, ad.randn, ad.rand):
        assert make(2, device=ad.device("cpu")).shape == (2,)
    model = nn.Linear(2, 1, device="cpu")
    assert model.to("cpu") is model and model.cpu() is model


def test_availability_queries_say_no_gpu(torch):
    assert ad.cuda.is_available() is torch.cuda.is_available() is False
    assert ad.cuda.device_count() == torch.cuda.device_count() == 0
    assert ad.backends.mps.is_available() is torch.backends.mps.is_available() is False
    assert ad.accelerator.is_available() is torch.accelerator.is_available() is False
    assert ad.accelerator.current_accelerator() is torch.accelerator.current_accelerator() is None
    ad.cuda.manual_seed(0)
    ad.cuda.manual_seed_all(0)  # accepted and ignored, as by CPU-only PyTorch
    ad.backends.cudnn.deterministic = True
    assert ad.backends.cudnn.is_available() is False


def test_the_tutorial_device_idiom_runs():
    device = "cuda" if ad.cuda.is_available() else "cpu"
    model = nn.Linear(3, 1).to(device)
    x = ad.ones(2, 3).to(device)
    assert model(x).shape == (2, 1)
