"""NAdam: Adam with Nesterov momentum, which looks one step ahead along the running average."""
from ..engine.grad_mode import no_grad
from ..engine.tensor import tensor, zeros_like
from .optimizer import Optimizer, check_betas, check_nonnegative, implementation_choices, step_counter


class NAdam(Optimizer):
    """NAdam (Dozat, 2016), with PyTorch's formulas::

        μₜ = β1·(1 - ½·0.96^(t·ψ))               (momentum factor, warming up; ψ = momentum_decay)
        m ← β1·m + (1-β1)·g          v ← β2·v + (1-β2)·g²
        p ← p - lr·(1-μₜ)/(1-μ₁⋯μₜ) · g / (√v̂ + eps)  -  lr·μₜ₊₁/(1-μ₁⋯μₜ₊₁) · m / (√v̂ + eps)
        with v̂ = v / (1 - β2ᵗ)

    Adam steps along the average m. Nesterov's idea is to use the momentum of the *next* step
    already: the step mixes the fresh gradient g with m weighted by μₜ₊₁. The products μ₁⋯μₜ play the
    part of Adam's bias correction 1 - β1ᵗ; PyTorch keeps their running product in the state as
    ``mu_product`` (a float32 number, like ``step``). ``weight_decay`` (λ) adds λ·p to the
    gradient, or, with ``decoupled_weight_decay=True``, shrinks p by (1 - lr·λ) as AdamW does.
    """

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False):
        check_nonnegative(lr=lr, eps=eps)
        check_betas(betas)
        check_nonnegative(weight_decay=weight_decay, momentum_decay=momentum_decay)
        choices = implementation_choices(("foreach", "capturable", "differentiable"), locals())
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, momentum_decay=momentum_decay,
                        decoupled_weight_decay=decoupled_weight_decay, maximize=maximize, **choices)
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        loss = self._loss_from(closure)
        for group in self.param_groups:
            lr, decay, psi = group["lr"], group["weight_decay"], group["momentum_decay"]
            beta1, beta2 = group["betas"]
            for p, g, state in self._with_gradients(group):
                if not state:
                    state.update(step=step_counter(), mu_product=tensor(1.0), exp_avg=zeros_like(p),
                                 exp_avg_sq=zeros_like(p))
                state["step"] += 1
                t, m, v = state["step"].item(), state["exp_avg"], state["exp_avg_sq"]
                if decay != 0 and group["decoupled_weight_decay"]:
                    p.mul_(1 - lr * decay)
                elif decay != 0:
                    g = g + decay * p
                mu = beta1 * (1.0 - 0.5 * 0.96 ** (t * psi))
                mu_next = beta1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * psi))
                state["mu_product"] *= mu
                mu_product = state["mu_product"].item()
                m += (1 - beta1) * (g - m)  # PyTorch's lerp_
                v.mul_(beta2).add_(g * g, alpha=1 - beta2)
                denominator = (v / (1 - beta2 ** t)).sqrt() + group["eps"]
                p -= (lr * (1.0 - mu) / (1.0 - mu_product)) * (g / denominator)
                p -= (lr * mu_next / (1.0 - mu_product * mu_next)) * (m / denominator)
        return loss
