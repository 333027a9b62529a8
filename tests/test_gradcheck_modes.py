"""gradcheck(check_forward_ad=True, check_backward_ad=...) and gradgradcheck(check_fwd_over_rev=True,
grad_outputs=...): the forward-mode Jacobian is checked against finite differences, as in torch 2.13."""
import pytest

import autodidact as ad
from autodidact.autograd.gradcheck import GradcheckError


def custom_functions(t):
    class WrongJvp(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

        @staticmethod
        def jvp(ctx, tangent):
            return tangent * 3

    class WrongBackward(WrongJvp):
        @staticmethod
        def backward(ctx, g):
            return g * 3

        @staticmethod
        def jvp(ctx, tangent):
            return tangent * 2

    return WrongJvp, WrongBackward


def point(t):
    return t.tensor([0.5, -1.25, 2.0], dtype=t.float64, requires_grad=True)


CHECKS = {
    "forward and backward, correct": lambda t: t.autograd.gradcheck(
        lambda x, w: (x.tanh() * w).sum(0) + x.exp(), (point(t), point(t) * 3), check_forward_ad=True),
    "forward only": lambda t: t.autograd.gradcheck(t.sigmoid, (point(t),), check_forward_ad=True,
                                                   check_backward_ad=False),
    "wrong jvp, not raising": lambda t: t.autograd.gradcheck(custom_functions(t)[0].apply, (point(t),),
                                                            check_forward_ad=True, raise_exception=False),
    "wrong jvp, backward only": lambda t: t.autograd.gradcheck(custom_functions(t)[0].apply, (point(t),)),
    "wrong backward, forward only": lambda t: t.autograd.gradcheck(
        custom_functions(t)[1].apply, (point(t),), check_forward_ad=True, check_backward_ad=False),
    "gradgradcheck forward over reverse": lambda t: t.autograd.gradgradcheck(
        lambda x: (x.tanh() * x.sin()).sum() * x, (point(t),), check_fwd_over_rev=True),
    "gradgradcheck forward over reverse only, grad_outputs": lambda t: t.autograd.gradgradcheck(
        lambda x: x.exp() * x, (point(t),), (t.tensor([1.0, -2.0, 0.5], dtype=t.float64),),
        check_fwd_over_rev=True, check_rev_over_rev=False, check_undefined_grad=False),
}


@pytest.mark.parametrize("name", CHECKS)
def test_gradcheck_modes_answer_as_pytorch(name, torch):
    assert CHECKS[name](ad) is CHECKS[name](torch)


def test_a_wrong_jvp_raises_pytorchs_forward_mode_mismatch(torch):
    with pytest.raises(RuntimeError) as theirs:  # torch's GradcheckError
        torch.autograd.gradcheck(custom_functions(torch)[0].apply, (point(torch),), check_forward_ad=True)
    with pytest.raises(GradcheckError) as ours:
        ad.autograd.gradcheck(custom_functions(ad)[0].apply, (point(ad),), check_forward_ad=True)
    assert str(ours.value).startswith(str(theirs.value).strip())


def test_nothing_to_check_is_refused_as_in_pytorch(torch):
    for t in (torch, ad):
        with pytest.raises(AssertionError, match="at least one of check_forward_ad or check_backward_ad"):
            t.autograd.gradcheck(t.sin, (point(t),), check_backward_ad=False)
