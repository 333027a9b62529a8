"""``autodidact.optim``: optimizers that update a model's parameters from their gradients.

    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for step in range(100):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

Read ``optimizer.py`` (what they share), then ``sgd.py``, ``adam.py`` (Adam, AdamW), ``rmsprop.py``,
``adagrad.py``, ``adadelta.py``; ``lr_scheduler.py`` changes the learning rate over time.
"""
from . import lr_scheduler
from .adadelta import Adadelta
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .optimizer import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "lr_scheduler"]
