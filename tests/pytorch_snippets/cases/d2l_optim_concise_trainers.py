# d2l 12.5-12.10 train_concise_ch11: the same linear model trained with torch.optim.SGD (plain and
# momentum), Adagrad, RMSprop, Adadelta and Adam given by name and a hyperparameter dict, on fixed data.
import torch
from torch import nn

features = torch.stack([torch.linspace(-1, 1, 40), torch.cos(torch.linspace(0, 6, 40)),
                        torch.sin(torch.linspace(0, 3, 40))], dim=1)
labels = features @ torch.tensor([1.5, -2.0, 0.7]) + 0.3


def data_iter(batch_size):
    for i in range(0, len(features), batch_size):
        yield features[i:i + batch_size], labels[i:i + batch_size]


def train_concise_ch11(trainer_fn, hyperparams, num_epochs=2):
    net = nn.Sequential(nn.Linear(3, 1))

    def init_weights(module):
        if type(module) == nn.Linear:
            torch.nn.init.constant_(module.weight, 0.01)
            torch.nn.init.zeros_(module.bias)

    net.apply(init_weights)
    optimizer = trainer_fn(net.parameters(), **hyperparams)
    loss = nn.MSELoss(reduction='none')
    for _ in range(num_epochs):
        for X, y in data_iter(10):
            optimizer.zero_grad()
            out = net(X)
            y = y.reshape(out.shape)
            l = loss(out, y)
            l.mean().backward()
            optimizer.step()
    with torch.no_grad():
        total = loss(net(features), labels.reshape(-1, 1)).mean().item()
    print(f'{trainer_fn.__name__}: loss: {total:.4f}', net[0].weight.data, net[0].bias.data)
    return optimizer


train_concise_ch11(torch.optim.SGD, {'lr': 0.05})
train_concise_ch11(torch.optim.SGD, {'lr': 0.005, 'momentum': 0.9})
train_concise_ch11(torch.optim.Adagrad, {'lr': 0.1})
train_concise_ch11(torch.optim.RMSprop, {'lr': 0.01, 'alpha': 0.9})
train_concise_ch11(torch.optim.Adadelta, {'rho': 0.9})
opt = train_concise_ch11(torch.optim.Adam, {'lr': 0.01})
print(opt)
print(sorted(opt.state_dict()['state'][0].keys()), opt.state_dict()['state'][0]['step'])
