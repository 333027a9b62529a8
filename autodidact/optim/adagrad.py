"""Adagrad: each weight's step shrinks with the sum of all its squared gradients so far."""
from ..engine.grad_mode import no_grad
from ..engine.tensor import full_like
from .optimizer import Optimizer, check_nonnegative, implementation_choices, step_counter


class Adagrad(Optimizer):
    """Adagrad (Duchi et al., 2011), with PyTorch's formulas::

        s ← s + g²                              (s starts at initial_accumulator_value)
        p ← p - lr_t · g / (√s + eps),   lr_t = lr / (1 + (t-1)·lr_decay)

    Weights that have had large gradients slow down; rarely-updated ones keep large steps, which
    suits sparse features. Because s only grows, the steps only shrink.
    """

    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10,
                 foreach=None, *, maximize=False, differentiable=False, fused=None):
        check_nonnegative(lr=lr, lr_decay=lr_decay, weight_decay=weight_decay,
                          initial_accumulator_value=initial_accumulator_value, eps=eps)
        choices = implementation_choices(("foreach", "differentiable", "fused"), locals())
        defaults = dict(lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
                        initial_accumulator_value=initial_accumulator_value, foreach=choices["foreach"],
                        maximize=maximize, differentiable=choices["differentiable"], fused=choices["fused"])
        super().__init__(params, defaults)
        for group in self.param_groups:  # as PyTorch, the state exists from the start
            for p in group["params"]:
                self.state[p] = {"step": step_counter(),
                                 "sum": full_like(p, group["initial_accumulator_value"])}

    @no_grad()
    def step(self, closure=None):
        loss = self._loss_from(closure)
        for group in self.param_groups:
            for p, g, state in self._with_gradients(group):
                state["step"] += 1
                t = state["step"].item()
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                step_size = group["lr"] / (1 + (t - 1) * group["lr_decay"])
                state["sum"] += g * g
                p -= step_size * (g / (state["sum"].sqrt() + group["eps"]))
        return loss
