"""torch.save/torch.load in PyTorch's file format: files go both ways between autodidact and
PyTorch, and loading builds tensors and plain data only (never code named in the file)."""
import io
import pickle
import zipfile

import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
from autodidact import optim

X = [[0.5, -1.0], [2.0, 0.25], [-0.3, 0.8]]


def build(t):
    return t.nn.Sequential(t.nn.Linear(2, 4), t.nn.Tanh(), t.nn.Linear(4, 1))


def test_a_state_dict_saved_here_loads_in_pytorch(torch, tmp_path):
    model = build(ad)
    path = tmp_path / "model.pt"
    ad.save(model.state_dict(), path)
    state = torch.load(path)  # PyTorch's default: weights_only=True
    reference = build(torch)
    assert repr(reference.load_state_dict(state)) == "<All keys matched successfully>"
    assert list(state) == list(model.state_dict())
    assert repr(reference(torch.tensor(X))) == repr(model(ad.tensor(X)))
    assert torch.load(path, mmap=True)["0.weight"].shape == (4, 2)  # storages are 64-byte aligned


def test_a_state_dict_saved_by_pytorch_loads_here(torch, tmp_path):
    reference = build(torch)
    path = tmp_path / "theirs.pt"
    torch.save(reference.state_dict(), path)
    model = build(ad)
    state = ad.load(path)
    assert repr(model.load_state_dict(state)) == "<All keys matched successfully>"
    assert repr(model(ad.tensor(X))) == repr(reference(torch.tensor(X)))
    assert state._metadata[""] == {"version": 1}  # PyTorch's bookkeeping comes along, as there


def containers(t):
    base = t.arange(6.0).reshape(2, 3)
    return {"base": base, "column": base[:, 1], "transposed": base.t(),
            "ints": t.tensor([1, 2], dtype=t.int32), "longs": t.tensor([[3], [4]]), "bools": t.tensor([True, False]),
            "double": t.tensor(3.5, dtype=t.float64), "empty": t.zeros(0, 3), "grad": t.ones(2, requires_grad=True),
            "param": t.nn.Parameter(t.ones(2)), "plain": [1, 2.5, "s", None, (1, 2), b"xy", {3, 4}]}


def test_containers_views_and_dtypes_go_both_ways(torch):
    for save, load, make in ((ad.save, torch.load, containers(ad)), (torch.save, ad.load, containers(torch))):
        buffer = io.BytesIO()
        save(make, buffer)
        buffer.seek(0)
        loaded = load(buffer)
        assert repr(loaded) == repr(containers(torch if load is torch.load else ad))
        loaded["column"][0] = 100.0  # a view still shares memory with what it viewed
        assert float(loaded["base"][0, 1]) == 100.0 and float(loaded["transposed"][1, 0]) == 100.0


def test_optimizer_state_goes_to_pytorch_and_training_continues_identically(torch):
    def start(t):
        w = t.tensor([[0.5, -1.5], [2.0, 0.1]], dtype=t.float64, requires_grad=True)
        return w, t.optim.Adam([w], lr=0.1)

    def step(w, optimizer):
        optimizer.zero_grad()
        ((w ** 3).sum() + (w * w).mean()).backward()
        optimizer.step()

    w, optimizer = start(ad)
    for _ in range(3):
        step(w, optimizer)
    buffer = io.BytesIO()
    ad.save({"w": w.detach(), "optimizer": optimizer.state_dict()}, buffer)
    buffer.seek(0)
    checkpoint = torch.load(buffer)
    their_w, their_optimizer = start(torch)
    with torch.no_grad():
        their_w.copy_(checkpoint["w"])
    their_optimizer.load_state_dict(checkpoint["optimizer"])
    for _ in range(3):
        step(w, optimizer)
        step(their_w, their_optimizer)
    np.testing.assert_allclose(w.detach().numpy(), their_w.detach().numpy(), rtol=1e-13)


def _zip_with_pickle(payload, name="archive"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{name}/data.pkl", payload)
        archive.writestr(f"{name}/version", "3\n")
        archive.writestr(f"{name}/byteorder", "little")
    buffer.seek(0)
    return buffer


class _RunsCode:
    def __reduce__(self):
        return (exec, ("import sys; sys.modules['autodidact'].HACKED = True",))


def test_a_file_naming_code_is_refused_and_nothing_runs(torch):
    buffer = _zip_with_pickle(pickle.dumps({"weights": _RunsCode()}, protocol=2))
    with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        ad.load(buffer)
    assert not hasattr(ad, "HACKED")
    whole_model = io.BytesIO()
    torch.save(torch.nn.Linear(1, 1), whole_model)
    whole_model.seek(0)
    with pytest.raises(pickle.UnpicklingError, match="torch.nn.modules.linear.Linear"):
        ad.load(whole_model)


def test_unsupported_requests_fail_loudly(tmp_path):
    with pytest.raises(TypeError, match="state_dict"):
        ad.save(nn.Linear(2, 1), io.BytesIO())
    with pytest.raises(TypeError, match="ndarray is not supported"):
        ad.save({"x": np.ones(2)}, io.BytesIO())
    with pytest.raises(NotImplementedError, match="weights_only=False"):
        ad.load(io.BytesIO(), weights_only=False)
    with pytest.raises(AssertionError, match="CUDA"):
        ad.load(io.BytesIO(), map_location="cuda")
    with pytest.raises(FileNotFoundError):
        ad.load(tmp_path / "missing.pt")
    legacy = tmp_path / "legacy.pt"
    legacy.write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(RuntimeError, match="zip format"):
        ad.load(legacy)


def test_a_file_saved_on_a_gpu_needs_map_location():
    payload = (b"\x80\x02ctorch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storagectorch\nFloatStorage\n"
               b"X\x01\x00\x00\x000X\x06\x00\x00\x00cuda:0K\x02tQK\x00K\x02\x85K\x01\x85\x89ccollections\n"
               b"OrderedDict\n)RtR.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("archive/data.pkl", payload)
        archive.writestr("archive/data/0", np.array([1.5, 2.5], dtype="<f4").tobytes())
        archive.writestr("archive/version", "3\n")
    buffer.seek(0)
    with pytest.raises(RuntimeError, match="map_location=torch.device\\('cpu'\\)"):
        ad.load(buffer)
    buffer.seek(0)
    assert ad.load(buffer, map_location="cpu").tolist() == [1.5, 2.5]
    buffer.seek(0)
    assert ad.load(buffer, map_location=ad.device("cpu")).dtype is ad.float32


def test_a_damaged_file_is_reported_not_read_past_its_end():
    payload = (b"\x80\x02ctorch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storagectorch\nFloatStorage\n"
               b"X\x01\x00\x00\x000X\x03\x00\x00\x00cpuK\x02tQK\x00K\x05\x85K\x01\x85\x89ccollections\n"
               b"OrderedDict\n)Rtr.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("archive/data.pkl", payload.replace(b"tr.", b"tR."))
        archive.writestr("archive/data/0", np.array([1.5, 2.5], dtype="<f4").tobytes())
        archive.writestr("archive/version", "3\n")
    buffer.seek(0)
    with pytest.raises(RuntimeError, match="damaged"):
        ad.load(buffer)


def test_model_and_optimizer_checkpoint_round_trip_here(tmp_path):
    model = build(ad)
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss = model(ad.tensor(X)).pow(2).mean()
    loss.backward()
    optimizer.step()
    path = tmp_path / "checkpoint.tar"
    ad.save({"epoch": 3, "model_state_dict": model.state_dict(),
             "optimizer_state_dict": optimizer.state_dict(), "loss": loss.item()}, path)
    checkpoint = ad.load(path, weights_only=True)
    again = build(ad)
    again.load_state_dict(checkpoint["model_state_dict"])
    resumed = optim.SGD(again.parameters(), lr=0.5)
    resumed.load_state_dict(checkpoint["optimizer_state_dict"])
    assert checkpoint["epoch"] == 3 and resumed.param_groups[0]["lr"] == 0.1
    first = next(iter(again.parameters()))
    assert np.array_equal(resumed.state[first]["momentum_buffer"].numpy(),
                          optimizer.state[next(iter(model.parameters()))]["momentum_buffer"].numpy())
