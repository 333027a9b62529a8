"""``Optimizer``: what every optimizer shares.

An optimizer holds the parameters it updates, grouped in ``param_groups`` (a list of dicts: the
parameters, plus settings such as ``lr``), and per-parameter memory in ``state`` (e.g. momentum).
A subclass only writes ``step()``: how to move each parameter, given its ``.grad``.
``state_dict()`` packs both into plain data (parameters become numbers 0, 1, 2...) so training
can be saved with ``torch.save`` and resumed with ``load_state_dict``.
"""
import copy

from ..engine.grad_mode import enable_grad, no_grad
from ..engine.tensor import Tensor, tensor

# Settings PyTorch's optimizers have that choose how the same update is computed (a loop or one
# fused kernel, GPU graphs); they are kept so that printing and state_dict() match PyTorch, and
# they change nothing here.
IMPLEMENTATION_CHOICES = {"foreach": None, "capturable": False, "differentiable": False, "fused": None}


def implementation_choices(names, given):
    """PyTorch's implementation settings ``names`` with the values ``given``; ``differentiable=True``
    (differentiating through the update itself) is refused, loudly."""
    if given.get("differentiable"):
        raise NotImplementedError("differentiable=True (backpropagating through an optimizer step) is not "
                                  "part of autodidact.")
    return {name: given.get(name, IMPLEMENTATION_CHOICES[name]) for name in names}


_SETTING_NAMES = {"lr": "learning rate", "eps": "epsilon value", "momentum": "momentum value",
                  "weight_decay": "weight_decay value", "alpha": "alpha value", "lr_decay": "lr_decay value",
                  "initial_accumulator_value": "initial_accumulator_value value",
                  "momentum_decay": "momentum_decay value"}


def check_nonnegative(**settings):
    """PyTorch's ValueError ("Invalid learning rate: -1") for the first setting that is negative."""
    for name, value in settings.items():
        if value < 0.0:
            raise ValueError(f"Invalid {_SETTING_NAMES[name]}: {value}")


def check_betas(betas):
    """PyTorch's ValueError for a running-average factor outside [0, 1): at 1 the average never moves."""
    for index, beta in enumerate(betas):
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"Invalid beta parameter at index {index}: {beta}")


def step_counter():
    """The step count PyTorch keeps in Adam's, RMSprop's and Adagrad's state: a float32 0-d tensor."""
    return tensor(0.0)


class Optimizer:
    def __init__(self, params, defaults):
        if isinstance(params, Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of Tensors or "
                            f"dicts, but got {params.type()}. Put it in a list: [w].")
        if hasattr(params, "named_parameters"):
            raise TypeError(f"params argument given to the optimizer should be an iterable of Tensors or "
                            f"dicts, but got the module {type(params).__name__}. Pass model.parameters().")
        self.defaults = defaults
        self.state = {}  # parameter -> its memory between steps (momentum buffer, Adam's averages)
        self.param_groups = []
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, group):
        """Add parameters to optimize, with settings of their own (the rest come from the defaults)."""
        params = group["params"]
        group = dict(group, params=[params] if isinstance(params, Tensor) else list(params))
        for param in group["params"]:
            if not isinstance(param, Tensor):
                raise TypeError(f"optimizer can only optimize Tensors, but one of the params is "
                                f"{type(param).__name__}")
            if not param.is_leaf:
                raise ValueError("can't optimize a non-leaf Tensor: the optimizer changes leaves in place. "
                                 "Optimize the tensor you created (with requires_grad=True), not one "
                                 "computed from it.")
        for name, default in self.defaults.items():
            group.setdefault(name, default)
        already = {id(p) for g in self.param_groups for p in g["params"]}
        if any(id(p) in already for p in group["params"]):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(group)

    def zero_grad(self, set_to_none=True):
        """Forget the gradients of the last backward pass: ``.grad`` becomes None (or zeros)."""
        for group in self.param_groups:
            for param in group["params"]:
                if param.grad is None:
                    continue
                if set_to_none:
                    param.grad = None
                else:
                    param.grad.detach_()
                    param.grad.zero_()

    def step(self, closure=None):
        raise NotImplementedError(f"{type(self).__name__} must define step()")

    # -- saving and resuming -----------------------------------------------------------------------
    def state_dict(self):
        """``{"state": {0: {...}, ...}, "param_groups": [{"lr": ..., "params": [0, 1]}, ...]}``:
        the settings and memory, with each parameter replaced by its position (0, 1, 2... across
        all groups), so it can be saved and loaded into an optimizer made for the same model."""
        positions = {}
        groups = []
        for group in self.param_groups:
            packed = {key: value for key, value in group.items() if key != "params"}
            for param in group["params"]:
                positions.setdefault(id(param), len(positions))
            packed["params"] = [positions[id(param)] for param in group["params"]]
            groups.append(packed)
        state = {positions[id(param)]: values for param, values in self.state.items()}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict):
        """Take settings and memory from ``state_dict`` (from ``state_dict()`` of an optimizer over
        parameters of the same shapes, in the same order). Tensors are copied in."""
        saved_groups = state_dict["param_groups"]
        if len(saved_groups) != len(self.param_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        if any(len(saved["params"]) != len(group["params"])
               for saved, group in zip(saved_groups, self.param_groups)):
            raise ValueError("loaded state dict contains a parameter group that doesn't match the size of "
                             "optimizer's group")
        by_position = {position: param for saved, group in zip(saved_groups, self.param_groups)
                       for position, param in zip(saved["params"], group["params"])}
        self.state = {}
        for position, values in state_dict["state"].items():
            if position in by_position:
                param = by_position[position]
                self.state[param] = {key: self._copied(param, key, value) for key, value in values.items()}
        self.param_groups = [dict(copy.deepcopy({k: v for k, v in saved.items() if k != "params"}),
                                  params=group["params"])
                             for saved, group in zip(saved_groups, self.param_groups)]

    @staticmethod
    def _copied(param, key, value):
        """A state tensor for ``param``: a copy, in the parameter's float dtype (not the step count)."""
        if not isinstance(value, Tensor):
            return copy.deepcopy(value)
        with no_grad():
            if key != "step" and value.dtype.is_floating_point:
                return value.to(param.dtype).clone()
            return value.clone()

    def _with_gradients(self, group):
        """``(p, g, state)`` for each parameter of ``group`` that has a gradient: the loop every
        optimizer's step() starts with (SGD's writes it out). A parameter the last backward pass did
        not reach (``p.grad`` None) is left alone; ``g`` is the gradient to descend, negated under
        ``maximize``; ``state`` is the parameter's entry in ``self.state``, empty before the first step."""
        for p in group["params"]:
            if p.grad is not None:
                yield p, (-p.grad if group["maximize"] else p.grad), self.state.setdefault(p, {})

    @staticmethod
    def _loss_from(closure):
        """``step(closure)`` re-evaluates the model: the closure clears grads, computes and
        backpropagates the loss, and returns it."""
        if closure is None:
            return None
        with enable_grad():
            return closure()

    def __repr__(self):
        text = type(self).__name__ + " ("
        for index, group in enumerate(self.param_groups):
            text += f"\nParameter Group {index}\n"
            for key in sorted(group):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"
