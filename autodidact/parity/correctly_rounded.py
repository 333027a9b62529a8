"""float32 exp, log, tanh, sin, cos... as PyTorch computes them: correctly rounded, nearly always.

PyTorch's float32 transcendental functions (Intel MKL on CPU) are accurate to about half a unit in
the last place. NumPy's float32 versions trade that last bit for speed: ``np.exp`` is one bit off
4 times in 10. Unlike the summation order (``float32_order.py``, off by default), this shows at
PyTorch's default print precision: ``torch.log(torch.exp(x))`` with x = 2 prints ``tensor([2.])``
in PyTorch and ``tensor([2.0000])`` with NumPy's float32 ``exp``, because 2.0000002 is not 2. So it
is always on: the ufunc runs in float64 and the result is rounded back to float32, which agrees
with PyTorch's last bit far more often (exp: 99 times in 100).
"""
import numpy as np

# Above this many elements the float32 ufunc is used as it is: the values of large tensors are
# rarely printed to the last digit, and computing in float64 costs time.
LIMIT = 1024


def rounded(ufunc):
    """``ufunc`` computed in float64 and rounded back for small float32 inputs."""
    def forward(x):
        if x.dtype == np.float32 and x.size <= LIMIT:
            return ufunc(x.astype(np.float64)).astype(np.float32)
        return ufunc(x)
    forward.__name__ = ufunc.__name__
    return forward
