# d2l 12.4-12.5 SGD on f(x1, x2) = x1^2 + 2 x2^2 with constant, exponential and polynomial learning rates, then minibatch sizes.
import math

import torch


def f(x1, x2):
    return x1 ** 2 + 2 * x2 ** 2


def f_grad(x1, x2):
    return 2 * x1, 4 * x2


noise = [0.3, -0.2, 0.5, -0.4, 0.1, 0.0, -0.1, 0.2]


def sgd(x1, x2, s1, s2, f_grad):
    g1, g2 = f_grad(x1, x2)
    n = noise[t % len(noise)]
    g1 += n
    g2 += -n
    eta_t = eta * lr()
    return (x1 - eta_t * g1, x2 - eta_t * g2, 0, 0)


def constant_lr():
    return 1


def exponential_lr():
    global t
    t += 1
    return math.exp(-0.1 * t)


def polynomial_lr():
    global t
    t += 1
    return (1 + 0.1 * t) ** (-0.5)


for lr in (constant_lr, exponential_lr, polynomial_lr):
    eta, t = 0.1, 1
    x1, x2, s1, s2 = -5, -2, 0, 0
    results = [(x1, x2)]
    for i in range(20):
        x1, x2, s1, s2 = sgd(x1, x2, s1, s2, f_grad)
        results.append((x1, x2))
    print(lr.__name__, f'epoch 20, x1: {x1:.6f}, x2: {x2:.6f}')

x = torch.tensor([-5.0, -2.0], requires_grad=True)
opt = torch.optim.SGD([x], lr=0.1)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda epoch: math.exp(-0.1 * epoch))
for step in range(20):
    opt.zero_grad()
    f(x[0], x[1]).backward()
    opt.step()
    sched.step()
print(x, sched.get_last_lr())

A = (torch.arange(64.0) % 11 - 5).reshape(8, 8) / 5
B = (torch.arange(64.0) % 7 - 3).reshape(8, 8) / 3
C = torch.zeros(8, 8)
for i in range(8):
    for j in range(8):
        C[i, j] = torch.dot(A[i, :], B[:, j])
D = torch.zeros(8, 8)
for j in range(8):
    D[:, j] = torch.mv(A, B[:, j])
E = torch.zeros(8, 8)
for j in range(0, 8, 4):
    E[:, j:j + 4] = torch.mm(A, B[:, j:j + 4])
print(torch.allclose(C, A @ B), torch.allclose(D, A @ B), torch.allclose(E, A @ B))
print(E[0])
