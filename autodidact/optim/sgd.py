"""Stochastic gradient descent, with optional momentum, Nesterov momentum and weight decay."""
from ..engine.grad_mode import no_grad
from .optimizer import Optimizer, check_nonnegative, implementation_choices


class SGD(Optimizer):
    """``p ← p - lr·g`` for every parameter ``p`` with gradient ``g``.

    With ``weight_decay`` (λ), ``g ← g + λ·p`` first: the gradient of an extra loss term (λ/2)·‖p‖²
    that pulls weights towards zero. With ``momentum`` (μ), a running buffer ``b`` replaces ``g``:
    ``b ← g`` on the first step, then ``b ← μ·b + (1 - dampening)·g``; steps keep going the way
    they have been going. ``nesterov=True`` steps along ``g + μ·b`` instead (a look ahead).
    These are PyTorch's formulas exactly.
    """

    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
                 maximize=False, foreach=None, differentiable=False, fused=None):
        check_nonnegative(lr=lr, momentum=momentum, weight_decay=weight_decay)
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        choices = implementation_choices(("foreach", "differentiable", "fused"), locals())
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
                        nesterov=nesterov, maximize=maximize, **choices)
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        """Update every parameter that has a gradient. Runs under no_grad: the update itself is
        not part of any computation to differentiate."""
        loss = self._loss_from(closure)
        for group in self.param_groups:
            lr, momentum = group["lr"], group["momentum"]
            for p in group["params"]:
                if p.grad is None:
                    continue  # not used in the last backward pass: leave it alone
                g = -p.grad if group["maximize"] else p.grad
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                if momentum != 0:
                    state = self.state.setdefault(p, {})
                    buffer = state.get("momentum_buffer")
                    if buffer is None:
                        buffer = state["momentum_buffer"] = g.clone()
                    else:
                        buffer.mul_(momentum).add_(g, alpha=1 - group["dampening"])
                    g = g + momentum * buffer if group["nesterov"] else buffer
                p -= lr * g
        return loss
