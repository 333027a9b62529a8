"""``Optimizer``: what SGD and Adam share.

An optimizer holds the parameters it updates, grouped in ``param_groups`` (a list of dicts: the
parameters, plus settings such as ``lr``), and per-parameter memory in ``state`` (e.g. momentum).
A subclass only writes ``step()``: how to move each parameter, given its ``.grad``.
"""
from .._engine import enable_grad
from .._tensor import Tensor


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
