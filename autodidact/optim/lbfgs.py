"""L-BFGS: a quasi-Newton method that learns the loss's curvature from its last few steps."""
from ..engine.grad_mode import enable_grad, no_grad
from ..engine.tensor import cat
from .optimizer import Optimizer, check_nonnegative


def _cubic_minimum(x1, f1, g1, x2, f2, g2, bounds=None):
    """Where the cubic through (x1, f1) and (x2, f2) with slopes g1, g2 has its minimum, kept
    inside ``bounds`` (default: between x1 and x2); their middle if the cubic has no minimum."""
    low, high = bounds if bounds is not None else (min(x1, x2), max(x1, x2))
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1 ** 2 - g1 * g2
    if d2_square < 0:
        return (low + high) / 2.0
    d2 = d2_square ** 0.5
    if x1 <= x2:
        position = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
    else:
        position = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
    return min(max(position, low), high)


def _strong_wolfe(evaluate, t, d, f, g, gtd, c1=1e-4, c2=0.9, tolerance_change=1e-9, max_ls=25):
    """A step length t along d satisfying the strong Wolfe conditions: the loss falls enough
    (f(t) ≤ f + c1·t·g·d) and the slope flattens enough (|g(t)·d| ≤ c2·|g·d|). First widen t until a
    bracket holds such a step, then shrink the bracket (cubic interpolation). PyTorch's algorithm
    (from minFunc). ``evaluate(t)`` gives the loss and flat gradient at p + t·d."""
    d_norm = d.abs().max().item()
    f_new, g_new = evaluate(t)
    evaluations, gtd_new = 1, g_new.dot(d).item()
    t_prev, f_prev, g_prev, gtd_prev = 0, f, g, gtd
    done, iteration = False, 0
    while iteration < max_ls:  # widen
        if f_new > f + c1 * t * gtd or (iteration > 1 and f_new >= f_prev):
            bracket, bracket_f, bracket_g, bracket_gtd = [t_prev, t], [f_prev, f_new], [g_prev, g_new], [gtd_prev, gtd_new]
            break
        if abs(gtd_new) <= -c2 * gtd:
            bracket, bracket_f, bracket_g, done = [t], [f_new], [g_new], True
            break
        if gtd_new >= 0:
            bracket, bracket_f, bracket_g, bracket_gtd = [t_prev, t], [f_prev, f_new], [g_prev, g_new], [gtd_prev, gtd_new]
            break
        t_prev, t = t, _cubic_minimum(t_prev, f_prev, gtd_prev, t, f_new, gtd_new,
                                      bounds=(t + 0.01 * (t - t_prev), t * 10))
        f_prev, g_prev, gtd_prev = f_new, g_new, gtd_new
        f_new, g_new = evaluate(t)
        evaluations, gtd_new, iteration = evaluations + 1, g_new.dot(d).item(), iteration + 1
    if iteration == max_ls:
        bracket, bracket_f, bracket_g = [0, t], [f, f_new], [g, g_new]

    insufficient_progress = False
    low, high = (0, 1) if bracket_f[0] <= bracket_f[-1] else (1, 0)
    while not done and iteration < max_ls:  # shrink
        if abs(bracket[1] - bracket[0]) * d_norm < tolerance_change:
            break
        t = _cubic_minimum(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1])
        # A trial too close to an end of the bracket makes little progress: move it inwards.
        margin = 0.1 * (max(bracket) - min(bracket))
        if min(max(bracket) - t, t - min(bracket)) < margin:
            if insufficient_progress or t >= max(bracket) or t <= min(bracket):
                t = max(bracket) - margin if abs(t - max(bracket)) < abs(t - min(bracket)) else min(bracket) + margin
                insufficient_progress = False
            else:
                insufficient_progress = True
        else:
            insufficient_progress = False
        f_new, g_new = evaluate(t)
        evaluations, gtd_new, iteration = evaluations + 1, g_new.dot(d).item(), iteration + 1
        if f_new > f + c1 * t * gtd or f_new >= bracket_f[low]:
            bracket[high], bracket_f[high], bracket_g[high], bracket_gtd[high] = t, f_new, g_new, gtd_new
            low, high = (0, 1) if bracket_f[0] <= bracket_f[1] else (1, 0)
        else:
            if abs(gtd_new) <= -c2 * gtd:
                done = True
            elif gtd_new * (bracket[high] - bracket[low]) >= 0:
                bracket[high], bracket_f[high] = bracket[low], bracket_f[low]
                bracket_g[high], bracket_gtd[high] = bracket_g[low], bracket_gtd[low]
            bracket[low], bracket_f[low], bracket_g[low], bracket_gtd[low] = t, f_new, g_new, gtd_new
    return bracket_f[low], bracket_g[low], bracket[low], evaluations


class LBFGS(Optimizer):
    """L-BFGS (Liu & Nocedal, 1989), PyTorch's version. ``step(closure)`` runs up to ``max_iter``
    iterations, each re-evaluating the loss through ``closure``.

    Newton's method steps along -H⁻¹g, with H the matrix of second derivatives: too big to form
    for a network. L-BFGS estimates H⁻¹g from the last ``history_size`` steps s = Δp and gradient
    changes y = Δg (each pair says how the gradient bends along s), with the "two-loop recursion"::

        q ← -g;  for i newest→oldest: αᵢ = ρᵢ·sᵢ·q,  q ← q - αᵢ·yᵢ        (ρᵢ = 1 / (yᵢ·sᵢ))
        r ← γ·q  (γ = s·y / y·y, a scale from the newest pair)
        for i oldest→newest: βᵢ = ρᵢ·yᵢ·r,  r ← r + (αᵢ - βᵢ)·sᵢ
        p ← p + t·r

    The step length t is ``lr`` (the first iteration: at most lr / Σ|g|), or, with
    ``line_search_fn="strong_wolfe"``, found by a line search. All parameters are treated as one
    flat vector, so there is a single parameter group.
    """

    def __init__(self, params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-7, tolerance_change=1e-9,
                 history_size=100, line_search_fn=None):
        check_nonnegative(lr=lr)
        if max_eval is None:
            max_eval = max_iter * 5 // 4
        defaults = dict(lr=lr, max_iter=max_iter, max_eval=max_eval, tolerance_grad=tolerance_grad,
                        tolerance_change=tolerance_change, history_size=history_size,
                        line_search_fn=line_search_fn)
        super().__init__(params, defaults)
        if len(self.param_groups) != 1:
            raise ValueError("LBFGS doesn't support per-parameter options (parameter groups)")
        self._params = self.param_groups[0]["params"]

    def _flat_grad(self):
        return cat([p.new_zeros(p.numel()) if p.grad is None else p.grad.reshape(-1) for p in self._params])

    def _move(self, step_size, direction):
        """p ← p + step_size·direction, for the flat direction cut into the parameters' shapes."""
        offset = 0
        for p in self._params:
            p.add_(direction[offset:offset + p.numel()].view_as(p), alpha=step_size)
            offset += p.numel()

    def _evaluate_at(self, closure, step_size, direction):
        """Loss and flat gradient at p + step_size·direction; the parameters are put back after."""
        saved = [p.clone() for p in self._params]
        self._move(step_size, direction)
        loss = float(closure())
        flat_grad = self._flat_grad()
        for p, value in zip(self._params, saved):
            p.copy_(value)
        return loss, flat_grad

    @no_grad()
    def step(self, closure):
        closure = enable_grad()(closure)
        group = self.param_groups[0]
        lr, max_iter, max_eval = group["lr"], group["max_iter"], group["max_eval"]
        tolerance_grad, tolerance_change = group["tolerance_grad"], group["tolerance_change"]
        state = self.state.setdefault(self._params[0], {})
        state.setdefault("func_evals", 0)
        state.setdefault("n_iter", 0)

        orig_loss = closure()
        loss = float(orig_loss)
        current_evals = 1
        state["func_evals"] += 1
        flat_grad = self._flat_grad()
        if flat_grad.abs().max().item() <= tolerance_grad:
            return orig_loss  # already at a minimum (to tolerance_grad)

        # What earlier step() calls learned: the last direction d and length t, and the (s, y) pairs.
        d, t = state.get("d"), state.get("t")
        old_dirs, old_stps, ro = state.get("old_dirs"), state.get("old_stps"), state.get("ro")
        H_diag, prev_flat_grad, prev_loss = state.get("H_diag"), state.get("prev_flat_grad"), state.get("prev_loss")
        n_iter = 0
        while n_iter < max_iter:
            n_iter += 1
            state["n_iter"] += 1
            if state["n_iter"] == 1:  # nothing learned yet: steepest descent
                d, old_dirs, old_stps, ro, H_diag = -flat_grad, [], [], [], 1
            else:
                y, s = flat_grad - prev_flat_grad, d * t
                ys = y.dot(s).item()
                if ys > 1e-10:  # keep the pair only if the loss curves upwards along s
                    if len(old_dirs) == group["history_size"]:
                        old_dirs.pop(0), old_stps.pop(0), ro.pop(0)
                    old_dirs.append(y)
                    old_stps.append(s)
                    ro.append(1.0 / ys)
                    H_diag = ys / y.dot(y).item()
                alphas = [0.0] * len(old_dirs)
                q = -flat_grad
                for i in range(len(old_dirs) - 1, -1, -1):
                    alphas[i] = old_stps[i].dot(q).item() * ro[i]
                    q = q - alphas[i] * old_dirs[i]
                d = r = q * H_diag
                for i in range(len(old_dirs)):
                    beta = old_dirs[i].dot(r).item() * ro[i]
                    r += (alphas[i] - beta) * old_stps[i]
            prev_flat_grad = flat_grad.clone()
            prev_loss = loss
            t = min(1.0, 1.0 / flat_grad.abs().sum().item()) * lr if state["n_iter"] == 1 else lr
            gtd = flat_grad.dot(d).item()
            if gtd > -tolerance_change:
                break  # d does not go downhill (any more)

            evaluations = 0
            if group["line_search_fn"] is not None:
                if group["line_search_fn"] != "strong_wolfe":
                    raise RuntimeError("only 'strong_wolfe' is supported")
                loss, flat_grad, t, evaluations = _strong_wolfe(
                    lambda trial: self._evaluate_at(closure, trial, d), t, d, loss, flat_grad, gtd,
                    max_ls=max_eval - current_evals)
                self._move(t, d)
            else:
                self._move(t, d)
                if n_iter != max_iter:
                    loss = float(closure())
                    flat_grad = self._flat_grad()
                    evaluations = 1
            current_evals += evaluations
            state["func_evals"] += evaluations
            if n_iter == max_iter or current_evals >= max_eval:
                break
            if flat_grad.abs().max().item() <= tolerance_grad:
                break
            if (d * t).abs().max().item() <= tolerance_change or abs(loss - prev_loss) < tolerance_change:
                break
        state.update(d=d, t=t, old_dirs=old_dirs, old_stps=old_stps, ro=ro, H_diag=H_diag,
                     prev_flat_grad=prev_flat_grad, prev_loss=prev_loss)
        return orig_loss
