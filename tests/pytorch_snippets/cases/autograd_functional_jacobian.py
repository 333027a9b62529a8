import torch
from torch.autograd.functional import jacobian, hessian


def exp_reducer(x):
    return x.exp().sum(dim=1)


inputs = torch.tensor([[0.1, 0.2], [0.3, 0.4]])
print(jacobian(exp_reducer, inputs))
print(jacobian(exp_reducer, inputs, create_graph=True).grad_fn is not None)


def exp_adder(x, y):
    return 2 * x.exp() + 3 * y


print(jacobian(exp_adder, (torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]))))
W = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
print(jacobian(lambda v: W @ v, torch.tensor([1.0, -1.0])))
print(jacobian(lambda x: x ** 2, torch.tensor(3.0)))


def pow_reducer(x):
    return x.pow(3).sum()


print(hessian(pow_reducer, torch.tensor([1.0, 2.0])))
print(hessian(lambda x, y: (x * y).sum(), (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))))
