"""ASGD: stochastic gradient descent that also keeps the running average of the weights it visits."""
from ..engine.grad_mode import no_grad
from ..engine.tensor import tensor, zeros_like
from .optimizer import Optimizer, check_nonnegative, implementation_choices, step_counter


class ASGD(Optimizer):
    """Averaged SGD (Polyak & Juditsky, 1992), with PyTorch's formulas::

        p ← p·(1 - λ·ηₜ) - ηₜ·g                  (an SGD step with step size ηₜ, and decay λ = lambd)
        ax ← ax + μₜ·(p - ax)                     (running average of the weights)
        ηₜ₊₁ = lr / (1 + λ·lr·t)^α                μₜ₊₁ = 1 / max(1, t - t0)

    SGD with noisy gradients keeps jumping around a minimum; the average of the points it visits
    lies closer to it. Averaging starts after ``t0`` steps (μ = 1 until then: ax is just p), so the
    early, far-away weights are left out. The average is kept in ``optimizer.state[p]["ax"]``; the
    parameters themselves follow plain SGD with the slowly shrinking step ηₜ. PyTorch keeps η and μ
    in the state as float32 numbers. ``weight_decay`` adds weight_decay·p to the gradient first.
    """

    def __init__(self, params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0, foreach=None,
                 maximize=False, differentiable=False, capturable=False):
        check_nonnegative(lr=lr, weight_decay=weight_decay)
        choices = implementation_choices(("foreach", "differentiable", "capturable"), locals())
        defaults = dict(lr=lr, lambd=lambd, alpha=alpha, t0=t0, weight_decay=weight_decay, maximize=maximize,
                        **choices)
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        loss = self._loss_from(closure)
        for group in self.param_groups:
            lr, lambd = group["lr"], group["lambd"]
            for p, g, state in self._with_gradients(group):
                if not state:
                    state.update(step=step_counter(), eta=tensor(float(lr)), mu=tensor(1.0), ax=zeros_like(p))
                state["step"] += 1
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                eta, mu = state["eta"].item(), state["mu"].item()
                p.mul_(1 - lambd * eta)
                p -= eta * g
                if mu != 1:
                    state["ax"] += (p - state["ax"]) * mu
                else:
                    state["ax"].copy_(p)
                t = state["step"].item()
                # As PyTorch, the new values pass through a float32 (default dtype) tensor, so they
                # are float32-rounded even when a loaded state holds eta and mu as float64.
                state["eta"].copy_(tensor(lr / ((1 + lambd * lr * t) ** group["alpha"])))
                state["mu"].copy_(tensor(1 / max(1, t - group["t0"])))
        return loss
