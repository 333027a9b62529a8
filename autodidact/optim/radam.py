"""RAdam: Adam that takes plain momentum steps until its estimate of the gradient's size is reliable."""
import math

from ..engine.grad_mode import no_grad
from ..engine.tensor import zeros_like
from .optimizer import Optimizer, check_betas, check_nonnegative, implementation_choices, step_counter


class RAdam(Optimizer):
    """RAdam, "rectified Adam" (Liu et al., 2020), with PyTorch's formulas::

        m ← β1·m + (1-β1)·g          v ← β2·v + (1-β2)·g²
        m̂ = m / (1 - β1ᵗ)
        ρ∞ = 2/(1-β2) - 1            ρₜ = ρ∞ - 2t·β2ᵗ / (1 - β2ᵗ)
        if ρₜ > 5:  p ← p - lr · m̂ · √(1 - β2ᵗ) / (√v + eps) · rₜ,
                    rₜ = √((ρₜ-4)(ρₜ-2)ρ∞ / ((ρ∞-4)(ρ∞-2)ρₜ))
        else:       p ← p - lr · m̂

    In the first steps v averages only a few squared gradients, so dividing by √v gives erratic
    step sizes (the reason Adam is often run with a warm-up). ρₜ measures how many gradients v
    effectively averages; until it passes 5 RAdam steps along m̂ alone (SGD with momentum), and
    after that the factor rₜ (rising towards 1) scales Adam's step by how much v can be trusted.
    ``weight_decay`` (λ) adds λ·p to the gradient, or, with ``decoupled_weight_decay=True``,
    shrinks p by (1 - lr·λ) as AdamW does.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False):
        check_nonnegative(lr=lr, eps=eps)
        check_betas(betas)
        check_nonnegative(weight_decay=weight_decay)
        choices = implementation_choices(("foreach", "capturable", "differentiable"), locals())
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                        decoupled_weight_decay=decoupled_weight_decay, maximize=maximize, **choices)
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        loss = self._loss_from(closure)
        for group in self.param_groups:
            lr, decay = group["lr"], group["weight_decay"]
            beta1, beta2 = group["betas"]
            for p, g, state in self._with_gradients(group):
                if not state:
                    state.update(step=step_counter(), exp_avg=zeros_like(p), exp_avg_sq=zeros_like(p))
                state["step"] += 1
                t, m, v = state["step"].item(), state["exp_avg"], state["exp_avg_sq"]
                if decay != 0 and group["decoupled_weight_decay"]:
                    p.mul_(1 - lr * decay)
                elif decay != 0:
                    g = g + decay * p
                m += (1 - beta1) * (g - m)  # PyTorch's lerp_
                v.mul_(beta2).add_(g * g, alpha=1 - beta2)
                bias_correction2 = 1 - beta2 ** t
                m_hat = m / (1 - beta1 ** t)
                rho_inf = 2 / (1 - beta2) - 1
                rho_t = rho_inf - 2 * t * beta2 ** t / bias_correction2
                if rho_t > 5.0:
                    rectification = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf
                                              / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
                    adaptive_lr = math.sqrt(bias_correction2) / (v.sqrt() + group["eps"])
                    p -= m_hat * lr * adaptive_lr * rectification
                else:
                    p -= m_hat * lr
        return loss
