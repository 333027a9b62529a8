"""Adamax: Adam with the largest recent gradient size in place of the average squared gradient."""
from ..engine.grad_mode import no_grad
from ..engine.tensor import maximum, zeros_like
from .optimizer import Optimizer, check_betas, check_nonnegative, implementation_choices, step_counter


class Adamax(Optimizer):
    """Adamax (Kingma & Ba, 2015, section 7.1), with PyTorch's formulas::

        m ← β1·m + (1-β1)·g                     (running average of the gradient, as in Adam)
        u ← max(β2·u, |g| + eps)                 (a slowly forgetting maximum of |g|)
        p ← p - lr / (1 - β1ᵗ) · m / u

    Adam divides by √v, the root of an average of g²; Adamax divides by u, a decaying maximum of
    |g| (the limit of Adam's average of |g|ᵖ as p → ∞). A maximum needs no bias correction: it is
    not pulled towards its zero start the way an average is. ``weight_decay`` (λ) adds λ·p to the
    gradient first.
    """

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, foreach=None, *,
                 maximize=False, differentiable=False, capturable=False):
        check_nonnegative(lr=lr, eps=eps)
        check_betas(betas)
        check_nonnegative(weight_decay=weight_decay)
        choices = implementation_choices(("foreach", "differentiable", "capturable"), locals())
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, maximize=maximize, **choices)
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        loss = self._loss_from(closure)
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p, g, state in self._with_gradients(group):
                if not state:
                    state.update(step=step_counter(), exp_avg=zeros_like(p), exp_inf=zeros_like(p))
                state["step"] += 1
                t, m, u = state["step"].item(), state["exp_avg"], state["exp_inf"]
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                m += (1 - beta1) * (g - m)  # PyTorch's lerp_
                u.copy_(maximum(u * beta2, g.abs() + group["eps"]))
                p -= (group["lr"] / (1 - beta1 ** t)) * (m / u)
        return loss
