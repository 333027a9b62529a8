# d2l 3.2 Object-oriented design: add_to_class, HyperParameters.save_hyperparameters via inspect, a from-scratch SGD class and model.
import inspect

import torch


def add_to_class(Class):
    def wrapper(obj):
        setattr(Class, obj.__name__, obj)
    return wrapper


class HyperParameters:
    def save_hyperparameters(self, ignore=[]):
        frame = inspect.currentframe().f_back
        _, _, _, local_vars = inspect.getargvalues(frame)
        self.hparams = {k: v for k, v in local_vars.items()
                        if k not in set(ignore + ['self']) and not k.startswith('_')}
        for k, v in self.hparams.items():
            setattr(self, k, v)


class SGD(HyperParameters):
    """Minibatch stochastic gradient descent."""
    def __init__(self, params, lr):
        self.save_hyperparameters()

    def step(self):
        for param in self.params:
            param -= self.lr * param.grad

    def zero_grad(self):
        for param in self.params:
            if param.grad is not None:
                param.grad.zero_()


class LinearRegressionScratch(torch.nn.Module, HyperParameters):
    def __init__(self, num_inputs, lr, sigma=0.01):
        super().__init__()
        self.save_hyperparameters()
        self.w = torch.full((num_inputs, 1), 0.1, requires_grad=True)
        self.b = torch.zeros(1, requires_grad=True)


@add_to_class(LinearRegressionScratch)
def forward(self, X):
    return torch.matmul(X, self.w) + self.b


@add_to_class(LinearRegressionScratch)
def loss(self, y_hat, y):
    l = (y_hat - y) ** 2 / 2
    return l.mean()


@add_to_class(LinearRegressionScratch)
def configure_optimizers(self):
    return SGD([self.w, self.b], self.lr)


model = LinearRegressionScratch(2, lr=0.03)
print(model.hparams, model.lr, model.sigma)
print(model, list(model.parameters()))
opt = model.configure_optimizers()
X = torch.tensor([[1.0, 2.0], [-1.0, 0.5], [0.0, -1.5], [2.0, 1.0]])
y = X @ torch.tensor([[2.0], [-3.4]]) + 4.2
for epoch in range(3):
    l = model.loss(model(X), y)
    opt.zero_grad()
    l.backward()
    with torch.no_grad():
        opt.step()
    print(f"epoch {epoch}: loss {l.item():.4f}")
print(model.w.reshape(-1), model.b)
print(f'error in estimating w: {torch.tensor([2.0, -3.4]) - model.w.reshape(-1)}')
try:
    opt.step()
except RuntimeError as e:
    print("RuntimeError:", str(e)[:60])
