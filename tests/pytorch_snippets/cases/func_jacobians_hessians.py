# torch.func as the "Jacobians, Hessians, hvp, vhp, and more" tutorial uses it (small sizes, fixed numbers).
import warnings
import torch
import torch.nn.functional as F
warnings.filterwarnings("ignore", category=DeprecationWarning)  # torch's jacfwd warns about its own torch.jit.script
from functools import partial
from torch.func import vmap, vjp, jvp, jacrev, jacfwd, hessian, grad


def predict(weight, bias, x):
    return F.linear(x, weight, bias).tanh()


D = 3
weight = torch.tensor([[0.5, -1.0, 0.25], [1.5, 0.75, -0.5], [-0.25, 0.5, 1.0]])
bias = torch.tensor([0.1, -0.2, 0.3])
x = torch.tensor([0.4, -0.6, 0.8])

xp = x.clone().requires_grad_()
unit_vectors = torch.eye(D)
jacobian = torch.stack([torch.autograd.grad(predict(weight, bias, xp), xp, vec)[0] for vec in unit_vectors])
print(jacobian.shape)
print(jacobian[0])

_, vjp_fn = vjp(partial(predict, weight, bias), x)
ft_jacobian, = vmap(vjp_fn)(unit_vectors)
print(torch.allclose(ft_jacobian, jacobian))
print(jacrev(predict, argnums=2)(weight, bias, x))
ft_jac_weight, ft_jac_bias = jacrev(predict, argnums=(0, 1))(weight, bias, x)
print(ft_jac_weight.shape, ft_jac_bias)
print(jacfwd(predict, argnums=2)(weight, bias, x))

hess_api = hessian(predict, argnums=2)(weight, bias, x)
hess_fwdfwd = jacfwd(jacfwd(predict, argnums=2), argnums=2)(weight, bias, x)
hess_revrev = jacrev(jacrev(predict, argnums=2), argnums=2)(weight, bias, x)
print(hess_api.shape, torch.allclose(hess_api, hess_fwdfwd), torch.allclose(hess_api, hess_revrev))
print(hess_api[0])

batch = torch.tensor([[0.4, -0.6, 0.8], [1.0, 0.0, -1.0]])
batch_jacobian0 = vmap(jacrev(predict, argnums=2), in_dims=(None, None, 0))(weight, bias, batch)
batch_jacobian1 = jacrev(lambda w, b, x: predict(w, b, x).sum(0), argnums=2)(weight, bias, batch).movedim(1, 0)
print(batch_jacobian0.shape, torch.allclose(batch_jacobian0, batch_jacobian1))
print(vmap(hessian(predict, argnums=2), in_dims=(None, None, 0))(weight, bias, batch).shape)


def hvp(f, primals, tangents):
    return jvp(grad(f), primals, tangents)[1]


def hvp_revrev(f, primals, tangents):
    _, vjp_fn = vjp(grad(f), *primals)
    return vjp_fn(*tangents)


def f(x):
    return x.sin().sum()


tangent = torch.tensor([1.0, -2.0, 0.5])
result = hvp(f, (x,), (tangent,))
print(result, hvp_revrev(f, (x,), (tangent,)))
