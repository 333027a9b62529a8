"""Adam and AdamW: gradient descent with a per-weight step size."""
import math

from ..engine.grad_mode import no_grad
from ..engine.tensor import maximum, zeros_like
from .optimizer import Optimizer, check_betas, check_nonnegative, implementation_choices, step_counter


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015), with PyTorch's formulas.

    For each parameter it keeps two running averages: ``m`` of the gradient (which way to go) and
    ``v`` of the squared gradient (how large the gradients usually are)::

        m ← β1·m + (1-β1)·g          v ← β2·v + (1-β2)·g²
        m̂ = m / (1 - β1ᵗ)             v̂ = v / (1 - β2ᵗ)       (bias correction, t = step number)
        p ← p - lr · m̂ / (√v̂ + eps)

    Both averages start at zero, which would make the first steps too small; dividing by
    ``1 - βᵗ`` corrects that. Dividing by √v̂ makes each weight's step about ``lr`` in size, whether its
    gradients are large or tiny. ``amsgrad=True`` uses the largest v̂ seen so far instead.

    ``weight_decay`` (λ) adds λ·p to the gradient, like an L2 penalty. With
    ``decoupled_weight_decay=True`` (which is what AdamW is) the weights shrink directly instead,
    ``p ← p·(1 - lr·λ)``, outside the averages, so the decay is not rescaled by √v̂.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
                 foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
                 decoupled_weight_decay=False):
        check_nonnegative(lr=lr, eps=eps)
        check_betas(betas)
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        choices = implementation_choices(("foreach", "capturable", "differentiable", "fused"), locals())
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                        maximize=maximize, foreach=choices["foreach"], capturable=choices["capturable"],
                        differentiable=choices["differentiable"], fused=choices["fused"],
                        decoupled_weight_decay=decoupled_weight_decay)
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        loss = self._loss_from(closure)
        for group in self.param_groups:
            lr, eps, decay = group["lr"], group["eps"], group["weight_decay"]
            beta1, beta2 = group["betas"]
            for p, g, state in self._with_gradients(group):
                if not state:
                    state.update(step=step_counter(), exp_avg=zeros_like(p), exp_avg_sq=zeros_like(p))
                    if group["amsgrad"]:
                        state["max_exp_avg_sq"] = zeros_like(p)
                state["step"] += 1
                t, m, v = state["step"].item(), state["exp_avg"], state["exp_avg_sq"]
                if decay != 0 and group["decoupled_weight_decay"]:
                    p.mul_(1 - lr * decay)
                elif decay != 0:
                    g = g + decay * p
                # m moves the fraction (1-β1) of the way towards g (PyTorch's lerp_, same rounding).
                m += (1 - beta1) * (g - m)
                v.mul_(beta2).add_(g * g, alpha=1 - beta2)
                if group["amsgrad"]:
                    v = state["max_exp_avg_sq"] = maximum(state["max_exp_avg_sq"], v)
                bias_correction1 = 1 - beta1 ** t
                bias_correction2 = 1 - beta2 ** t
                denominator = v.sqrt() / math.sqrt(bias_correction2) + eps
                p -= (lr / bias_correction1) * (m / denominator)
        return loss


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter, 2019): each step first shrinks every
    weight by the factor (1 - lr·weight_decay), then takes Adam's step. The default decay is 0.01."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
                 maximize=False, foreach=None, capturable=False, differentiable=False, fused=None):
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach, maximize=maximize,
                         capturable=capturable, differentiable=differentiable, fused=fused,
                         decoupled_weight_decay=True)
