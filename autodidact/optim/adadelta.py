"""Adadelta: a step whose size comes from running averages, with no learning rate to tune."""
from ..engine.grad_mode import no_grad
from ..engine.tensor import zeros_like
from .optimizer import Optimizer, check_nonnegative, implementation_choices, step_counter


class Adadelta(Optimizer):
    """Adadelta (Zeiler, 2012), with PyTorch's formulas::

        v ← ρ·v + (1-ρ)·g²                      (running average of the squared gradient)
        Δ ← √(u + eps) / √(v + eps) · g          (u: running average of the squared steps)
        u ← ρ·u + (1-ρ)·Δ²
        p ← p - lr · Δ

    The ratio √u / √v gives each weight a step in the units of the weight itself, so the default
    ``lr=1.0`` usually works. ``weight_decay`` (λ) adds λ·p to the gradient first.
    """

    def __init__(self, params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, foreach=None, *, capturable=False,
                 maximize=False, differentiable=False):
        check_nonnegative(lr=lr, eps=eps, weight_decay=weight_decay)
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        choices = implementation_choices(("capturable", "foreach", "differentiable"), locals())
        defaults = dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay, maximize=maximize,
                        capturable=choices["capturable"], foreach=choices["foreach"],
                        differentiable=choices["differentiable"])
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        loss = self._loss_from(closure)
        for group in self.param_groups:
            rho, eps = group["rho"], group["eps"]
            for p, g, state in self._with_gradients(group):
                if not state:  # as PyTorch, the state appears at the first step
                    state.update(step=step_counter(), square_avg=zeros_like(p), acc_delta=zeros_like(p))
                state["step"] += 1
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                square_avg, acc_delta = state["square_avg"], state["acc_delta"]
                square_avg.mul_(rho).add_(g * g, alpha=1 - rho)
                delta = (acc_delta + eps).sqrt() / (square_avg + eps).sqrt() * g
                acc_delta.mul_(rho).add_(delta * delta, alpha=1 - rho)
                p -= group["lr"] * delta
        return loss
