# d2l 12.7-12.10 Adagrad, RMSProp, Adadelta and Adam from scratch (states, hyperparams dicts) against torch.optim.
import torch


def init_adagrad_states(feature_dim):
    s_w = torch.zeros((feature_dim, 1))
    s_b = torch.zeros(1)
    return (s_w, s_b)


def adagrad(params, states, hyperparams):
    eps = 1e-6
    for p, s in zip(params, states):
        with torch.no_grad():
            s[:] += torch.square(p.grad)
            p[:] -= hyperparams['lr'] * p.grad / torch.sqrt(s + eps)
        p.grad.data.zero_()


def rmsprop(params, states, hyperparams):
    gamma, eps = hyperparams['gamma'], 1e-6
    for p, s in zip(params, states):
        with torch.no_grad():
            s[:] = gamma * s + (1 - gamma) * torch.square(p.grad)
            p[:] -= hyperparams['lr'] * p.grad / torch.sqrt(s + eps)
        p.grad.data.zero_()


def init_adadelta_states(feature_dim):
    s_w, s_b = torch.zeros((feature_dim, 1)), torch.zeros(1)
    delta_w, delta_b = torch.zeros((feature_dim, 1)), torch.zeros(1)
    return ((s_w, delta_w), (s_b, delta_b))


def adadelta(params, states, hyperparams):
    rho, eps = hyperparams['rho'], 1e-5
    for p, (s, delta) in zip(params, states):
        with torch.no_grad():
            s[:] = rho * s + (1 - rho) * torch.square(p.grad)
            g = (torch.sqrt(delta + eps) / torch.sqrt(s + eps)) * p.grad
            p[:] -= g
            delta[:] = rho * delta + (1 - rho) * g * g
        p.grad.data.zero_()


def adam(params, states, hyperparams):
    beta1, beta2, eps = 0.9, 0.999, 1e-6
    for p, (v, s) in zip(params, states):
        with torch.no_grad():
            v[:] = beta1 * v + (1 - beta1) * p.grad
            s[:] = beta2 * s + (1 - beta2) * torch.square(p.grad)
            v_bias_corr = v / (1 - beta1 ** hyperparams['t'])
            s_bias_corr = s / (1 - beta2 ** hyperparams['t'])
            p[:] -= hyperparams['lr'] * v_bias_corr / (torch.sqrt(s_bias_corr) + eps)
        p.grad.data.zero_()
    hyperparams['t'] += 1


X = ((torch.arange(40.0) % 9) - 4).reshape(10, 4) / 4
y = X @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]]) + 0.25


def loss_of(w, b):
    return ((X @ w + b - y) ** 2 / 2).mean()


def train(trainer, states, hyperparams, steps=20):
    w = torch.full((4, 1), 0.1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    for _ in range(steps):
        loss_of(w, b).backward()
        trainer([w, b], states, hyperparams)
    return w, b, loss_of(w, b).item()


def train_concise(opt_class, steps=20, **kwargs):
    w = torch.full((4, 1), 0.1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    opt = opt_class([w, b], **kwargs)
    for _ in range(steps):
        opt.zero_grad()
        loss_of(w, b).backward()
        opt.step()
    return w, b, loss_of(w, b).item()


w1, b1, l1 = train(adagrad, init_adagrad_states(4), {'lr': 0.1})
w2, b2, l2 = train_concise(torch.optim.Adagrad, lr=0.1)
print(f'{l1:.4f} {l2:.4f}')
print(w1.T, w2.T)
w1, b1, l1 = train(rmsprop, init_adagrad_states(4), {'lr': 0.01, 'gamma': 0.9})
w2, b2, l2 = train_concise(torch.optim.RMSprop, lr=0.01, alpha=0.9)
print(f'{l1:.4f} {l2:.4f}')
print(w1.T, w2.T)
w1, b1, l1 = train(adadelta, init_adadelta_states(4), {'rho': 0.9})
w2, b2, l2 = train_concise(torch.optim.Adadelta, rho=0.9)
print(f'{l1:.4f} {l2:.4f}')
states = ((torch.zeros((4, 1)), torch.zeros((4, 1))), (torch.zeros(1), torch.zeros(1)))
w1, b1, l1 = train(adam, states, {'lr': 0.01, 't': 1})
w2, b2, l2 = train_concise(torch.optim.Adam, lr=0.01)
print(f'{l1:.4f} {l2:.4f}')
print(b1, b2)
