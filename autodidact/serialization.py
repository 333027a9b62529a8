"""``torch.save`` and ``torch.load`` in PyTorch's own file format, so weights trained here open in
PyTorch and the other way round::

    torch.save(model.state_dict(), "model.pt")          # here
    model.load_state_dict(torch.load("model.pt"))       # here, or in real PyTorch

The format (``torch/serialization.py``) is a zip archive, stored without compression:

    model/data.pkl           the object, pickled; every tensor is a call
                             torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)
    model/data/0, data/1...  each storage's raw bytes (little-endian), referred to from the pickle
                             by a "persistent id" ("storage", torch.FloatStorage, "0", "cpu", numel)
    model/version, byteorder, .format_version, .storage_alignment, .data/serialization_id

Loading never runs code from the file: the unpickler accepts only the few names the format uses
(as PyTorch's ``weights_only=True``, its default), so a file cannot make it import anything else.
Tensors that share memory (views, tied weights) are saved as one storage and share it again after
loading, as in PyTorch.
"""
import codecs
import collections
import io
import os
import pickle
import secrets
import zipfile

import numpy as np

from .parity import devices as _devices
from .parity import dtypes as _dtypes
from .engine.tensor import Size, Tensor

__all__ = ["save", "load"]

_STORAGE_ALIGNMENT = 64
_FILE_FORMAT_VERSION = "3\n"  # what PyTorch 2.x writes in "version"

# torch's storage class for each dtype, as named in the pickle.
_STORAGE_NAMES = {"float32": "FloatStorage", "float64": "DoubleStorage", "int64": "LongStorage",
                  "int32": "IntStorage", "bool": "BoolStorage", "float16": "HalfStorage", "int16": "ShortStorage",
                  "int8": "CharStorage", "uint8": "ByteStorage"}
_DTYPE_OF_STORAGE = {name: _dtypes.by_name(dtype) for dtype, name in _STORAGE_NAMES.items()}


# -- saving ------------------------------------------------------------------------------------------

class _TorchGlobal:
    """Stands for one of torch's functions or classes inside the pickle. Pickle writes it by name
    (``torch._utils _rebuild_tensor_v2``); torch itself need not be installed."""

    def __init__(self, module, name):
        self.module, self.name = module, name

    def __call__(self, *args):  # pickle wants a callable in a reduce tuple; it is never called here
        raise TypeError(f"{self.module}.{self.name} exists only inside saved files")


_REBUILD_TENSOR = _TorchGlobal("torch._utils", "_rebuild_tensor_v2")
_REBUILD_PARAMETER = _TorchGlobal("torch._utils", "_rebuild_parameter")


class _Storage:
    """A block of memory to write as ``data/<key>``: the whole NumPy array a tensor is a view of."""

    def __init__(self, key, array):
        self.key, self.array = key, array


def _root_array(array):
    """The array that owns the memory ``array`` looks into (itself, if it owns it)."""
    root = array
    while isinstance(root.base, np.ndarray):
        root = root.base
    return root


# The functions and classes pickle itself names when it writes the plain types (bytes, sets...).
_NAMES_PICKLE_USES = (collections.OrderedDict, codecs.encode, set, frozenset)
_PLAIN_TYPES = {dict, collections.OrderedDict, list, tuple, set, frozenset, str, bytes, int, float, bool,
                type(None), _TorchGlobal}


class _Writer(pickle._Pickler):
    """Python's own pickler (protocol 2, as torch uses), taught three things: tensors become
    ``_rebuild_tensor_v2`` calls, storages become persistent ids, and torch's names are written
    as names."""

    dispatch = pickle._Pickler.dispatch.copy()

    def __init__(self, file):
        super().__init__(file, protocol=2)
        self.storages = {}  # id(root array) -> _Storage

    def save_torch_global(self, obj):
        self.write(pickle.GLOBAL + f"{obj.module}\n{obj.name}\n".encode("ascii"))
        self.memoize(obj)

    dispatch[_TorchGlobal] = save_torch_global

    def persistent_id(self, obj):
        if isinstance(obj, _Storage):
            dtype = _dtypes.from_numpy_dtype(obj.array.dtype)
            return ("storage", _TorchGlobal("torch", _STORAGE_NAMES[dtype.name]), obj.key, "cpu", obj.array.size)
        return None

    def reducer_override(self, obj):
        if isinstance(obj, Tensor):
            return self._reduce_tensor(obj)
        if type(obj) not in _PLAIN_TYPES and not any(obj is name for name in _NAMES_PICKLE_USES):
            raise TypeError(f"torch.save here writes tensors, numbers, strings, bytes, None, and lists, tuples, "
                            f"sets and dicts of them (such as a state_dict()); a {type(obj).__name__} is not "
                            "supported. Save model.state_dict() or optimizer.state_dict() instead.")
        return NotImplemented

    def _reduce_tensor(self, tensor):
        hooks = collections.OrderedDict()
        if type(tensor).__name__ == "Parameter":  # as PyTorch: the Parameter wraps a plain saved tensor
            return (_REBUILD_PARAMETER, (Tensor._wrap(tensor._array), tensor.requires_grad, hooks))
        storage, offset, strides = self._storage_for(tensor._array)
        return (_REBUILD_TENSOR, (storage, offset, tuple(tensor.shape), strides, tensor.requires_grad, hooks))

    def _storage_for(self, array):
        """(storage, offset, strides in elements): the memory ``array`` views, shared by every tensor
        viewing the same memory; a private contiguous copy where the view cannot be described."""
        root = _root_array(array)
        itemsize = array.itemsize
        start = array.__array_interface__["data"][0] - root.__array_interface__["data"][0]
        shareable = (root.dtype == array.dtype and root.flags.c_contiguous and start % itemsize == 0
                     and all(s % itemsize == 0 and s >= 0 for s in array.strides))
        if not shareable:
            root = np.ascontiguousarray(array)
            start = 0
        storage = self.storages.get(id(root))
        if storage is None:
            storage = self.storages[id(root)] = _Storage(str(len(self.storages)), root)
        strides = tuple(s // itemsize for s in (array.strides if shareable else root.strides))
        return storage, start // itemsize, strides


def _aligned_entry(archive, name, offset):
    """A zip entry whose data will start on a multiple of 64 bytes (so PyTorch can memory-map it),
    padded with an extra field as PyTorch pads it."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    header = 30 + len(name.encode("utf-8"))
    padding = (-(offset + header + 4)) % _STORAGE_ALIGNMENT
    info.extra = b"FB" + padding.to_bytes(2, "little") + b"Z" * padding
    return info


def save(obj, f, pickle_module=None, pickle_protocol=2, _use_new_zipfile_serialization=True):
    """Write ``obj`` (tensors, numbers, strings, None, and lists, tuples, dicts of them; typically a
    ``state_dict()``) to ``f`` (a path or a binary file) in PyTorch's zip format."""
    if pickle_module is not None or pickle_protocol != 2 or not _use_new_zipfile_serialization:
        raise NotImplementedError("torch.save here writes PyTorch's default format only (zip archive, pickle "
                                  "protocol 2): leave out pickle_module, pickle_protocol and "
                                  "_use_new_zipfile_serialization.")
    if hasattr(obj, "forward"):
        raise TypeError(f"torch.save of a whole {type(obj).__name__} is not supported here: save its "
                        "state_dict() instead (torch.save(model.state_dict(), path)), which PyTorch recommends "
                        "too, and load it into a freshly built model with model.load_state_dict(torch.load(path)).")
    buffer = io.BytesIO()
    writer = _Writer(buffer)
    writer.dump(obj)
    if isinstance(f, (str, os.PathLike)):
        archive_name = os.path.splitext(os.path.basename(os.fspath(f)))[0] or "archive"
    else:
        archive_name = "archive"
    records = [("data.pkl", buffer.getvalue()), (".format_version", b"1"),
               (".storage_alignment", str(_STORAGE_ALIGNMENT).encode()), ("byteorder", b"little")]
    records += [(f"data/{s.key}", s.array.astype(s.array.dtype.newbyteorder("<"), copy=False).tobytes())
                for s in writer.storages.values()]
    records += [("version", _FILE_FORMAT_VERSION.encode()),
                (".data/serialization_id", str(secrets.randbits(128)).zfill(40).encode())]
    with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as archive:
        for name, data in records:
            offset = archive.fp.tell()
            archive.writestr(_aligned_entry(archive, f"{archive_name}/{name}", offset), data)


# -- loading -----------------------------------------------------------------------------------------

def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, metadata=None):
    """A tensor viewing ``storage`` (a NumPy array) from ``storage_offset`` with the given strides."""
    itemsize = storage.itemsize
    end = storage_offset + sum((n - 1) * s for n, s in zip(size, stride)) + 1 if all(size) else storage_offset
    if storage_offset < 0 or end > storage.size or any(s < 0 for s in stride):
        raise RuntimeError("the file describes a tensor outside its storage: it is damaged")
    array = np.lib.stride_tricks.as_strided(storage[storage_offset:], shape=tuple(size),
                                            strides=tuple(s * itemsize for s in stride))
    tensor = Tensor._wrap(array)
    if requires_grad:
        tensor.requires_grad_(True)
    return tensor


def _rebuild_parameter(data, requires_grad, backward_hooks, *state):
    from .nn import Parameter  # the API layer above the engine; loaded only when a file holds one

    return Parameter(data, requires_grad)


def _bytes_from_latin1(text, encoding="latin1"):
    """What protocol 2 pickles of ``bytes`` call (``_codecs.encode(text, "latin1")``)."""
    if encoding not in ("latin1", "latin-1"):
        raise pickle.UnpicklingError(f"unexpected encoding {encoding!r} for bytes")
    return text.encode("latin1")


class _StorageType:
    """What ``torch.FloatStorage`` etc. mean inside a file: the dtype of a storage."""

    def __init__(self, dtype):
        self.dtype = dtype


# Everything a file may name, and what it becomes here. Anything else is refused.
_ALLOWED = {
    ("collections", "OrderedDict"): collections.OrderedDict,
    ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor_v2,
    ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
    ("torch._utils", "_rebuild_parameter_with_state"): _rebuild_parameter,
    ("_codecs", "encode"): _bytes_from_latin1,
    ("builtins", "set"): set,
    ("builtins", "frozenset"): frozenset,
    ("torch", "Size"): Size,
    ("torch", "device"): _devices.device,
    **{("torch", name): _StorageType(dtype) for name, dtype in _DTYPE_OF_STORAGE.items()},
    **{("torch", dtype.name): dtype for dtype in _dtypes.ALL},
}


class _Reader(pickle.Unpickler):
    """An unpickler that builds only tensors and plain containers, reading storages from the zip."""

    def __init__(self, file, archive, prefix, map_location):
        super().__init__(file)
        self.archive, self.prefix, self.map_location = archive, prefix, map_location
        self.storages = {}

    def find_class(self, module, name):
        if module == "__builtin__":  # Python 2's name, which protocol 2 pickles use
            module = "builtins"
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(
                f"Weights only load failed: the file names {module}.{name}, which is not a tensor, a number or a "
                "container. autodidact loads only tensors and plain data (as PyTorch's weights_only=True), "
                "never code from a file. Save a state_dict() instead of a whole object.") from None

    def persistent_load(self, saved_id):
        if not (isinstance(saved_id, tuple) and len(saved_id) == 5 and saved_id[0] == "storage"):
            raise pickle.UnpicklingError(f"unknown record in the file: {saved_id!r}")
        _, storage_type, key, location, numel = saved_id
        if not isinstance(storage_type, _StorageType):
            raise pickle.UnpicklingError(f"unsupported storage type in the file: {storage_type!r}")
        if key not in self.storages:
            self._check_location(str(location))
            data = self.archive.read(f"{self.prefix}data/{key}")
            dtype = storage_type.dtype.numpy.newbyteorder("<")
            if len(data) < numel * dtype.itemsize:
                raise pickle.UnpicklingError(f"storage {key} is shorter than the file says: it is damaged")
            self.storages[key] = np.frombuffer(data, dtype=dtype, count=numel).astype(
                storage_type.dtype.numpy)  # a writable copy in this machine's byte order
        return self.storages[key]

    def _check_location(self, location):
        if location.startswith("cpu") or self.map_location is not None:
            return
        if location.startswith("cuda"):
            raise RuntimeError("Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is "
                               "False. If you are running on a CPU-only machine, please use torch.load with "
                               "map_location=torch.device('cpu') to map your storages to the CPU.")
        raise RuntimeError(f"cannot load a tensor saved on device '{location}': pass map_location='cpu'")


def _check_map_location(map_location):
    if map_location is None or callable(map_location) and not isinstance(map_location, (str, _devices.device)):
        if callable(map_location):
            raise NotImplementedError("torch.load(map_location=<function>) is not part of autodidact; "
                                      "use map_location='cpu'.")
        return
    if isinstance(map_location, dict):
        for target in map_location.values():
            _devices.check_device(target)
        return
    _devices.check_device(map_location)


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args):
    """Read what ``torch.save`` wrote (here or in PyTorch 1.6 and later) from a path or binary file.

    Only tensors, numbers, strings and containers are built (PyTorch's ``weights_only=True``);
    everything ends up on the CPU.
    """
    if weights_only is False or pickle_module is not None:
        raise NotImplementedError("torch.load(weights_only=False) (unpickling arbitrary objects, which can run "
                                  "code from the file) is not part of autodidact: it loads tensors and plain data "
                                  "only. Save and load a state_dict().")
    if pickle_load_args:
        raise TypeError(f"load() got unexpected keyword arguments {sorted(pickle_load_args)}")
    _check_map_location(map_location)
    if isinstance(f, (str, os.PathLike)) and not os.path.exists(f):
        raise FileNotFoundError(f"[Errno 2] No such file or directory: '{os.fspath(f)}'")
    if not zipfile.is_zipfile(f):
        raise RuntimeError("This file is not in PyTorch's zip format (saved by torch.save since PyTorch 1.6). Files "
                           "in the older format are not supported: load it in PyTorch and save it again.")
    with zipfile.ZipFile(f) as archive:
        names = archive.namelist()
        pickles = [name for name in names if name.endswith("data.pkl") and name.count("/") == 1]
        if not pickles:
            raise RuntimeError("PytorchStreamReader failed locating file data.pkl: file not found")
        prefix = pickles[0][: -len("data.pkl")]
        version = archive.read(prefix + "version") if prefix + "version" in names else \
            archive.read(prefix + ".data/version") if prefix + ".data/version" in names else b"3"
        if int(version.strip() or 0) > 3:
            raise RuntimeError(f"this file was written in a newer format (version {version.strip().decode()}) "
                               "than autodidact reads (3)")
        byteorder = archive.read(prefix + "byteorder").decode() if prefix + "byteorder" in names else "little"
        if byteorder != "little":
            raise RuntimeError("files saved on big-endian machines are not supported")
        with archive.open(pickles[0]) as data:
            return _Reader(io.BytesIO(data.read()), archive, prefix, map_location).load()
