"""Rprop: each weight has its own step size, grown or shrunk by whether the gradient's sign flips."""
from ..engine.grad_mode import no_grad
from ..engine.tensor import full_like, ones_like, zeros_like
from .optimizer import Optimizer, check_nonnegative, implementation_choices, step_counter


class Rprop(Optimizer):
    """Rprop, "resilient backpropagation" (Riedmiller & Braun, 1993), with PyTorch's formulas.

    Only the *sign* of the gradient is used. Each weight keeps a step size s (starting at lr)::

        same sign as last step:   s ← min(s·η₊, s_max)     (going the right way: speed up)
        sign flipped:             s ← max(s·η₋, s_min)     (jumped over a minimum: slow down)
                                  and take no step this time
        p ← p - sign(g)·s

    The gradient's size, which can vary wildly between weights and layers, never enters the step.
    This suits full-batch training; with noisy mini-batch gradients the signs flip at random.
    """

    def __init__(self, params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *, capturable=False,
                 foreach=None, maximize=False, differentiable=False):
        check_nonnegative(lr=lr)
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        choices = implementation_choices(("foreach", "differentiable", "capturable"), locals())
        defaults = dict(lr=lr, etas=etas, step_sizes=step_sizes, maximize=maximize, **choices)
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        loss = self._loss_from(closure)
        for group in self.param_groups:
            eta_minus, eta_plus = group["etas"]
            smallest, largest = group["step_sizes"]
            for p, g, state in self._with_gradients(group):
                if not state:  # prev: the gradient of the last step (zero: no sign to compare yet)
                    state.update(step=step_counter(), prev=zeros_like(p), step_size=full_like(p, group["lr"]))
                state["step"] += 1
                agreement = (g * state["prev"]).sign()  # +1 same sign, -1 flipped, 0 a zero gradient
                factor = ones_like(p)
                factor[agreement > 0] = eta_plus
                factor[agreement < 0] = eta_minus
                step_size = state["step_size"]
                step_size.mul_(factor).clamp_(smallest, largest)
                g = g.clone()
                g[agreement < 0] = 0  # after a flip, wait: the next step compares against 0 and moves
                p -= g.sign() * step_size
                state["prev"].copy_(g)
        return loss
