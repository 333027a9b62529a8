"""Recurrent layers: RNN, LSTM and GRU, and their one-step cells RNNCell, LSTMCell and GRUCell.

A recurrent layer reads a sequence one step at a time and carries a *hidden state* ``h`` from each
step to the next: ``h_t = cell(x_t, h_{t-1})``. The cells differ in how they mix the new input with
the old state:

* RNN (Elman): ``h' = tanh(W_ih x + b_ih + W_hh h + b_hh)`` (or relu).
* LSTM: four gates from one product, input ``i``, forget ``f``, cell ``g`` and output ``o``;
  a second state, the cell ``c``, is updated by ``c' = f·c + i·g``, and ``h' = o·tanh(c')``.
* GRU: reset ``r`` and update ``z`` gates, a candidate ``n = tanh(W_in x + b_in + r·(W_hn h + b_hn))``,
  then ``h' = (1 - z)·n + z·h``.

Nothing here has a derivative of its own: every step is made of linear, sigmoid, tanh, mul and add,
so the engine differentiates the unrolled sequence (backpropagation through time) by itself. The
steps are written as PyTorch's CPU kernels write them (the input projections of the whole sequence
first, stacked outputs, ``cat`` for the two directions), so the graph ends in the nodes PyTorch shows.

Parameters, their names (``weight_ih_l0``, ``bias_hh_l1_reverse``...), shapes, order and starting
values U(-1/√hidden_size, 1/√hidden_size) are PyTorch's.
"""
import math
import numbers
import warnings

from ..engine import ops
from ..parity import dtypes
from ..engine import tensor as _tensor
from . import functional as F
from . import init
from .module import Module
from .parameter import Parameter

__all__ = ["RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell"]

_GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "LSTM": 4, "GRU": 3}


# -- one step of each cell (shared by the cells and the full layers) ----------------------------------

def _simple_step(projected_input, hidden, w_hh, b_hh, nonlinearity):
    """Elman step: act(W_hh h + b_hh + (W_ih x + b_ih))."""
    total = F.linear(hidden, w_hh, b_hh) + projected_input
    return _tensor.tanh(total) if nonlinearity == "tanh" else _tensor.relu(total)


def _lstm_step(projected_input, state, w_hh, b_hh):
    """LSTM step: the four gates (input, forget, cell, output) are four slices of one product."""
    hidden, cell = state
    gates = F.linear(hidden, w_hh, b_hh) + projected_input
    in_gate, forget_gate, cell_gate, out_gate = gates.chunk(4, 1)
    in_gate, forget_gate = _tensor.sigmoid(in_gate), _tensor.sigmoid(forget_gate)
    cell_gate, out_gate = _tensor.tanh(cell_gate), _tensor.sigmoid(out_gate)
    new_cell = forget_gate * cell + in_gate * cell_gate
    return out_gate * _tensor.tanh(new_cell), new_cell


def _gru_step(projected_input, hidden, w_hh, b_hh):
    """GRU step. The reset gate scales the hidden part of the candidate only (after its bias)."""
    input_reset, input_update, input_new = projected_input.chunk(3, 1)
    hidden_reset, hidden_update, hidden_new = F.linear(hidden, w_hh, b_hh).chunk(3, 1)
    reset_gate = _tensor.sigmoid(hidden_reset + input_reset)
    update_gate = _tensor.sigmoid(hidden_update + input_update)
    new_gate = _tensor.tanh(input_new + hidden_new * reset_gate)
    return (hidden - new_gate) * update_gate + new_gate  # = (1 - z)·n + z·h


def _step(mode, projected_input, state, w_hh, b_hh):
    if mode == "LSTM":
        return _lstm_step(projected_input, state, w_hh, b_hh)
    if mode == "GRU":
        return _gru_step(projected_input, state, w_hh, b_hh)
    return _simple_step(projected_input, state, w_hh, b_hh, "tanh" if mode == "RNN_TANH" else "relu")


# -- packed sequences: at step t only the first batch_sizes[t] sequences (the longest) still run ----

def _rows(state, start, stop):
    return tuple(part[start:stop] for part in state) if isinstance(state, tuple) else state[start:stop]


def _join(states):
    states = list(states)
    if isinstance(states[0], tuple):
        return tuple(_tensor.cat(list(parts), 0) for parts in zip(*states))
    return _tensor.cat(states, 0)


def _packed_forward(mode, projected, initial, w_hh, b_hh, sizes, starts):
    """Left to right: a sequence's last state is kept when it stops running."""
    state, per_step, finished = initial, [], []
    for t, n in enumerate(sizes):
        state = _step(mode, projected[starts[t]:starts[t] + n], _rows(state, 0, n), w_hh, b_hh)
        per_step.append(state[0] if mode == "LSTM" else state)
        after = sizes[t + 1] if t + 1 < len(sizes) else 0
        if after < n:
            finished.append(_rows(state, after, n))
    return _tensor.cat(per_step, 0), _join(reversed(finished))


def _packed_reverse(mode, projected, initial, w_hh, b_hh, sizes, starts):
    """Right to left: a sequence starts (from its initial state) at its own last step."""
    state, per_step = None, []
    for t in reversed(range(len(sizes))):
        n, running = sizes[t], 0 if state is None else sizes[t + 1]
        joining = _rows(initial, running, n)
        state = joining if state is None else _join([state, joining]) if n > running else state
        state = _step(mode, projected[starts[t]:starts[t] + n], state, w_hh, b_hh)
        per_step.append(state[0] if mode == "LSTM" else state)
    per_step.reverse()
    return _tensor.cat(per_step, 0), state


def _check_positive_int(name, value):
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} should be of type int, got: {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"{name} must be greater than zero")


# -- the full layers ----------------------------------------------------------------------------------

class RNNBase(Module):
    """What RNN, LSTM and GRU share: the parameters of every layer and direction, the checks of the
    input and hidden state, and the loop over time steps, layers and directions."""

    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False,
                 dropout=0.0, bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__()
        if (not isinstance(dropout, numbers.Number) or isinstance(dropout, bool)
                or not 0 <= dropout <= 1):
            raise ValueError("dropout should be a number in range [0, 1] representing the probability of an "
                             "element being zeroed")
        if dropout > 0 and num_layers == 1:
            warnings.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
                          f"expects num_layers greater than 1, but got dropout={dropout} and "
                          f"num_layers={num_layers}", UserWarning, stacklevel=3)
        if not isinstance(bias, bool):
            raise TypeError(f"bias should be of type bool, got: {type(bias).__name__}")
        if not isinstance(batch_first, bool):
            raise TypeError(f"batch_first should be of type bool, got: {type(batch_first).__name__}")
        _check_positive_int("input_size", input_size)
        _check_positive_int("hidden_size", hidden_size)
        if num_layers <= 0:
            raise ValueError("num_layers must be greater than zero")
        if proj_size != 0:
            raise NotImplementedError("LSTM(proj_size=...) (projected hidden states) is not part of autodidact; "
                                      "add an nn.Linear after the LSTM instead.")
        self.mode = mode
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.bias, self.batch_first = bias, batch_first
        self.dropout, self.bidirectional, self.proj_size = float(dropout), bidirectional, proj_size
        gate_size = _GATES[mode] * hidden_size
        directions = 2 if bidirectional else 1
        self._flat_weights_names, self._all_weights = [], []
        for layer in range(num_layers):
            layer_input_size = input_size if layer == 0 else hidden_size * directions
            for direction in range(directions):
                suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")
                shapes = {"weight_ih": (gate_size, layer_input_size), "weight_hh": (gate_size, hidden_size)}
                if bias:
                    shapes.update(bias_ih=(gate_size,), bias_hh=(gate_size,))
                names = [name + suffix for name in shapes]
                for name, shape in zip(names, shapes.values()):
                    setattr(self, name, Parameter(_tensor.empty(*shape, dtype=dtype, device=device)))
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    def reset_parameters(self):
        # Every weight and bias from U(-1/√hidden, 1/√hidden), drawn in the parameters' order.
        bound = 1.0 / math.sqrt(self.hidden_size)
        for weight in self.parameters():
            init.uniform_(weight, -bound, bound)

    def flatten_parameters(self):
        """PyTorch packs the weights into one block for cuDNN here; on the CPU there is nothing to do."""

    @property
    def _flat_weights(self):
        return [getattr(self, name) for name in self._flat_weights_names]

    @property
    def all_weights(self):
        """The parameters per layer and direction: ``[[w_ih, w_hh, b_ih, b_hh], ...]``."""
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def extra_repr(self):
        text = f"{self.input_size}, {self.hidden_size}"
        if self.num_layers != 1:
            text += f", num_layers={self.num_layers}"
        if self.bias is not True:
            text += f", bias={self.bias}"
        if self.batch_first is not False:
            text += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            text += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            text += f", bidirectional={self.bidirectional}"
        return text

    # -- checks, as PyTorch words them --------------------------------------------------------------
    def _check_input(self, input):
        weight = self._flat_weights[0]
        if input.dtype is not weight.dtype:
            raise ValueError(f"RNN input dtype ({input.dtype}) does not match weight dtype ({weight.dtype}). "
                             f"Convert input: input.to({weight.dtype}), or convert model: model.to({input.dtype})")
        if input.shape[-1] != self.input_size:
            raise RuntimeError(f"input.size(-1) must be equal to input_size. Expected {self.input_size}, "
                               f"got {input.shape[-1]}")
        if input.shape[1 if self.batch_first else 0] == 0:
            raise RuntimeError("Expected sequence length to be larger than 0 in RNN")

    def _expected_hidden_size(self, input):
        batch = input.shape[0] if self.batch_first else input.shape[1]
        return (self.num_layers * (2 if self.bidirectional else 1), batch, self.hidden_size)

    @staticmethod
    def _check_hidden_size(hx, expected, message="Expected hidden size {}, got {}"):
        if tuple(hx.shape) != expected:
            raise RuntimeError(message.format(expected, list(hx.shape)))

    def _batched(self, input, name):
        """The input as a batch (3-D) and whether it was a single sequence (2-D)."""
        if input.ndim not in (2, 3):
            raise ValueError(f"{name}: Expected input to be 2D or 3D, got {input.ndim}D "
                             f"{'tensor ' if name == 'RNN' else ''}instead")
        if input.ndim == 2:
            return input.unsqueeze(0 if self.batch_first else 1), False
        return input, True

    def _zeros(self, input):
        return _tensor.zeros(*self._expected_hidden_size(input), dtype=input.dtype, device=input.device)

    def _run_packed(self, packed, hx):
        """The layer over a PackedSequence (see ``nn.utils.rnn``): the same steps as ``_run``, where
        step t takes only the first ``batch_sizes[t]`` sequences; returns a PackedSequence and the
        last states, in the caller's order of sequences."""
        from .utils.rnn import PackedSequence
        sizes = packed.batch_sizes.tolist()
        starts = [0]
        for n in sizes:
            starts.append(starts[-1] + n)
        directions = 2 if self.bidirectional else 1
        lstm = self.mode == "LSTM"
        if hx is None:
            zeros = _tensor.zeros(self.num_layers * directions, sizes[0], self.hidden_size, dtype=packed.data.dtype)
            hx = (zeros, zeros) if lstm else zeros
        elif packed.sorted_indices is not None:  # the states come in the caller's order: sort them too
            hx = (tuple(h.index_select(1, packed.sorted_indices) for h in hx) if lstm
                  else hx.index_select(1, packed.sorted_indices))
        states = list(zip(*(h.unbind(0) for h in hx))) if lstm else hx.unbind(0)
        data, last_states = packed.data, []
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                index = layer * directions + direction
                w_ih, w_hh, *biases = self.all_weights[index]
                b_ih, b_hh = biases if biases else (None, None)
                run = _packed_reverse if direction == 1 else _packed_forward
                output, last = run(self.mode, F.linear(data, w_ih, b_ih), states[index], w_hh, b_hh, sizes, starts)
                outputs.append(output)
                last_states.append(last)
            data = outputs[0] if directions == 1 else _tensor.cat(outputs, 1)
            if self.dropout and self.training and layer < self.num_layers - 1:
                data = F.dropout(data, self.dropout, True)
        if lstm:
            final = tuple(_tensor.stack(list(parts), 0) for parts in zip(*last_states))
        else:
            final = _tensor.stack(last_states, 0)
        if packed.unsorted_indices is not None:
            final = (tuple(h.index_select(1, packed.unsorted_indices) for h in final) if lstm
                     else final.index_select(1, packed.unsorted_indices))
        return PackedSequence(data, packed.batch_sizes, packed.sorted_indices, packed.unsorted_indices), final

    # -- the computation --------------------------------------------------------------------------
    def _run(self, input, hidden):
        """Every layer over the whole sequence. ``hidden`` is h0 (or (h0, c0) for the LSTM), one row
        of states per layer and direction; returns the output sequence and the last states."""
        sequence = input.transpose(0, 1) if self.batch_first else input  # time first
        directions = 2 if self.bidirectional else 1
        states = list(zip(*(h.unbind(0) for h in hidden))) if self.mode == "LSTM" else hidden.unbind(0)
        last_states = []
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                index = layer * directions + direction
                w_ih, w_hh, *biases = self.all_weights[index]
                b_ih, b_hh = biases if biases else (None, None)
                steps = F.linear(sequence, w_ih, b_ih).unbind(0)  # every step's input projection at once
                state = states[index]
                per_step = []
                for projected in (reversed(steps) if direction == 1 else steps):
                    state = _step(self.mode, projected, state, w_hh, b_hh)
                    per_step.append(state[0] if self.mode == "LSTM" else state)
                if direction == 1:
                    per_step.reverse()
                # PyTorch's float32 LSTM layer is one kernel; its node's name goes to the stack here.
                lstm_kernel = self.mode == "LSTM" and input.dtype == dtypes.float32
                outputs.append(ops.LSTM_LAYER_OUTPUT(*per_step, dim=0) if lstm_kernel else _tensor.stack(per_step, 0))
                last_states.append(state)
            sequence = outputs[0] if directions == 1 else _tensor.cat(outputs, 2)
            if self.dropout and self.training and layer < self.num_layers - 1:
                sequence = F.dropout(sequence, self.dropout, True)
        if self.mode == "LSTM":
            final = tuple(_tensor.stack(list(parts), 0) for parts in zip(*last_states))
        else:
            final = _tensor.stack(last_states, 0)
        if self.batch_first:  # back to batch first: PyTorch's RNN and GRU do it in place (transpose_)
            sequence = sequence.transpose(0, 1) if self.mode == "LSTM" else ops.RNN_BATCH_FIRST(sequence, dim0=0, dim1=1)
        return sequence, final


class RNN(RNNBase):
    """An Elman RNN: ``h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)`` at every step
    (``nonlinearity='relu'`` for relu). ``rnn(x, h0)`` returns ``(output, h_n)``: every step's last
    layer state, and every layer's last state.

    Shapes: ``x`` is (L, N, input_size), or (N, L, input_size) with ``batch_first=True``, or
    (L, input_size) for one sequence; ``h0`` is (num_layers·directions, N, hidden_size), zeros if
    not given."""

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if len(args) > 3:
            self.nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            self.nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if self.nonlinearity == "tanh":
            mode = "RNN_TANH"
        elif self.nonlinearity == "relu":
            mode = "RNN_RELU"
        else:
            raise ValueError(f"Unknown nonlinearity '{self.nonlinearity}'. Select from 'tanh' or 'relu'.")
        super().__init__(mode, *args, **kwargs)

    def forward(self, input, hx=None):
        if type(input).__name__ == "PackedSequence":
            return self._run_packed(input, hx)
        input, batched = self._batched(input, "RNN")
        if hx is not None:
            if batched and hx.ndim != 3:
                raise RuntimeError(f"For batched 3-D input, hx should also be 3-D but got {hx.ndim}-D tensor")
            if not batched:
                if hx.ndim != 2:
                    raise RuntimeError(f"For unbatched 2-D input, hx should also be 2-D but got {hx.ndim}-D tensor")
                hx = hx.unsqueeze(1)
        else:
            hx = self._zeros(input)
        self._check_input(input)
        self._check_hidden_size(hx, self._expected_hidden_size(input))
        output, hidden = self._run(input, hx)
        if not batched:
            return output.squeeze(0 if self.batch_first else 1), hidden.squeeze(1)
        return output, hidden


class GRU(RNNBase):
    """A gated recurrent unit layer: at every step, reset and update gates decide how much of the
    old state to use and to keep (see the module docstring). ``gru(x, h0)`` returns
    ``(output, h_n)``, shaped as for :class:`RNN`."""

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        super().__init__("GRU", *args, **kwargs)

    forward = RNN.forward

    def _batched(self, input, name):
        return super()._batched(input, "GRU")


class LSTM(RNNBase):
    """A long short-term memory layer: besides the hidden state ``h`` it carries a cell state ``c``
    that gates add to and forget from (see the module docstring). ``lstm(x, (h0, c0))`` returns
    ``(output, (h_n, c_n))``; ``h0`` and ``c0`` are zeros if not given."""

    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)

    def forward(self, input, hx=None):
        if type(input).__name__ == "PackedSequence":
            return self._run_packed(input, hx)
        input, batched = self._batched(input, "LSTM")
        if hx is None:
            hx = (self._zeros(input), self._zeros(input))
        else:
            h0, c0 = hx[0], hx[1]
            if batched and (h0.ndim != 3 or c0.ndim != 3):
                raise RuntimeError(f"For batched 3-D input, hx and cx should also be 3-D but got ({h0.ndim}-D, "
                                   f"{c0.ndim}-D) tensors")
            if not batched:
                if h0.ndim != 2 or c0.ndim != 2:
                    raise RuntimeError(f"For unbatched 2-D input, hx and cx should also be 2-D but got "
                                       f"({h0.ndim}-D, {c0.ndim}-D) tensors")
                h0, c0 = h0.unsqueeze(1), c0.unsqueeze(1)
            hx = (h0, c0)
        self._check_input(input)
        expected = self._expected_hidden_size(input)
        self._check_hidden_size(hx[0], expected, "Expected hidden[0] size {}, got {}")
        self._check_hidden_size(hx[1], expected, "Expected hidden[1] size {}, got {}")
        output, (h_n, c_n) = self._run(input, hx)
        if not batched:
            return output.squeeze(0 if self.batch_first else 1), (h_n.squeeze(1), c_n.squeeze(1))
        return output, (h_n, c_n)


# -- the cells: one step, for writing the loop over time yourself ----------------------------------

class RNNCellBase(Module):
    """What the cells share: ``weight_ih`` (gates·hidden, input), ``weight_hh`` (gates·hidden, hidden),
    ``bias_ih`` and ``bias_hh``, all from U(-1/√hidden_size, 1/√hidden_size)."""

    _mode = None

    def __init__(self, input_size, hidden_size, bias, num_chunks, device=None, dtype=None):
        super().__init__()
        self.input_size, self.hidden_size, self.bias = input_size, hidden_size, bias
        rows = num_chunks * hidden_size
        self.weight_ih = Parameter(_tensor.empty(rows, input_size, dtype=dtype, device=device))
        self.weight_hh = Parameter(_tensor.empty(rows, hidden_size, dtype=dtype, device=device))
        if bias:
            self.bias_ih = Parameter(_tensor.empty(rows, dtype=dtype, device=device))
            self.bias_hh = Parameter(_tensor.empty(rows, dtype=dtype, device=device))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    reset_parameters = RNNBase.reset_parameters

    def extra_repr(self):
        text = f"{self.input_size}, {self.hidden_size}"
        if self.bias is not True:
            text += f", bias={self.bias}"
        if getattr(self, "nonlinearity", "tanh") != "tanh":
            text += f", nonlinearity={self.nonlinearity}"
        return text

    def _batched(self, input, hidden, hidden_name="hidden"):
        name = type(self).__name__
        if input.ndim not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.ndim}D instead")
        for index, state in enumerate(hidden):
            if state is not None and state.ndim not in (1, 2):
                which = f"hx[{index}]" if hidden_name == "hx" else hidden_name
                raise ValueError(f"{name}: Expected {which} to be 1D or 2D, got {state.ndim}D instead")
        return input.ndim == 2

    def _check(self, input, hidden):
        if input.shape[1] != self.input_size:
            raise RuntimeError(f"input has inconsistent input_size: got {input.shape[1]} expected {self.input_size}")
        for index, state in enumerate(hidden):
            if state.shape[0] != input.shape[0]:
                raise RuntimeError(f"Input batch size {input.shape[0]} doesn't match hidden{index} batch size "
                                   f"{state.shape[0]}")
            if state.shape[1] != self.hidden_size:
                raise RuntimeError(f"hidden{index} has inconsistent hidden_size: got {state.shape[1]}, expected "
                                   f"{self.hidden_size}")

    def _project(self, input):
        return F.linear(input, self.weight_ih, self.bias_ih)

    def _single_state_forward(self, input, hx):
        batched = self._batched(input, [hx])
        if not batched:
            input = input.unsqueeze(0)
        hx = _tensor.zeros(input.shape[0], self.hidden_size, dtype=input.dtype, device=input.device) \
            if hx is None else (hx if batched else hx.unsqueeze(0))
        self._check(input, [hx])
        result = _step(self._mode, self._project(input), hx, self.weight_hh, self.bias_hh)
        return result if batched else result.squeeze(0)


class RNNCell(RNNCellBase):
    """One Elman step: ``h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)`` (or relu).
    ``cell(x, h)`` with ``x`` (N, input_size) and ``h`` (N, hidden_size), zeros if not given."""

    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=1, device=device, dtype=dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        if self.nonlinearity not in ("tanh", "relu"):
            self._batched(input, [hx])
            raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
        self._mode = "RNN_TANH" if self.nonlinearity == "tanh" else "RNN_RELU"
        return self._single_state_forward(input, hx)


class GRUCell(RNNCellBase):
    """One GRU step (see the module docstring). ``cell(x, h)`` returns the new hidden state."""

    _mode = "GRU"

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=3, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        return self._single_state_forward(input, hx)


class LSTMCell(RNNCellBase):
    """One LSTM step. ``cell(x, (h, c))`` returns the new ``(h, c)``; zeros if no state is given."""

    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=4, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        batched = self._batched(input, list(hx) if hx is not None else [], hidden_name="hx")
        if not batched:
            input = input.unsqueeze(0)
        if hx is None:
            zeros = _tensor.zeros(input.shape[0], self.hidden_size, dtype=input.dtype, device=input.device)
            hx = (zeros, zeros)
        elif not isinstance(hx, (tuple, list)):
            raise TypeError(f"lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, not "
                            f"{type(hx).__name__}")
        elif not batched:
            hx = (hx[0].unsqueeze(0), hx[1].unsqueeze(0))
        self._check(input, list(hx))
        hidden, cell = _lstm_step(self._project(input), hx, self.weight_hh, self.bias_hh)
        return (hidden, cell) if batched else (hidden.squeeze(0), cell.squeeze(0))
