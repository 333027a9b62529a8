"""RMSprop: divide each weight's step by a running average of its gradient's size."""
from ..engine.grad_mode import no_grad
from ..engine.tensor import zeros_like
from .optimizer import Optimizer, check_nonnegative, implementation_choices, step_counter


class RMSprop(Optimizer):
    """RMSprop (Hinton's lecture notes, 2012), with PyTorch's formulas::

        v ← α·v + (1-α)·g²                     (running average of the squared gradient)
        p ← p - lr · g / (√v + eps)

    A weight whose gradients are large takes smaller steps, one whose gradients are tiny larger
    ones. ``centered=True`` divides by the running *variance* instead (v minus the squared running
    mean of g); ``momentum`` keeps a buffer b ← μ·b + g/(√v + eps) and steps along it;
    ``weight_decay`` (λ) adds λ·p to the gradient first.
    """

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False,
                 capturable=False, foreach=None, maximize=False, differentiable=False):
        check_nonnegative(lr=lr, eps=eps, momentum=momentum, weight_decay=weight_decay, alpha=alpha)
        choices = implementation_choices(("capturable", "foreach", "differentiable"), locals())
        defaults = dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered,
                        weight_decay=weight_decay, capturable=choices["capturable"], foreach=choices["foreach"],
                        maximize=maximize, differentiable=choices["differentiable"])
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        loss = self._loss_from(closure)
        for group in self.param_groups:
            lr, alpha, momentum = group["lr"], group["alpha"], group["momentum"]
            for p, g, state in self._with_gradients(group):
                if not state:
                    state.update(step=step_counter(), square_avg=zeros_like(p))
                    if momentum > 0:
                        state["momentum_buffer"] = zeros_like(p)
                    if group["centered"]:
                        state["grad_avg"] = zeros_like(p)
                state["step"] += 1
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                square_avg = state["square_avg"]
                square_avg.mul_(alpha).add_(g * g, alpha=1 - alpha)
                if group["centered"]:
                    grad_avg = state["grad_avg"]
                    grad_avg += (1 - alpha) * (g - grad_avg)  # PyTorch's lerp_
                    average = (square_avg - grad_avg * grad_avg).sqrt() + group["eps"]
                else:
                    average = square_avg.sqrt() + group["eps"]
                if momentum > 0:
                    buffer = state["momentum_buffer"]
                    buffer.mul_(momentum).add_(g / average)
                    p -= lr * buffer
                else:
                    p -= lr * (g / average)
        return loss
