"""``autodidact.optim``: optimizers that update a model's parameters from their gradients.

    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for step in range(100):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

Read ``optimizer.py`` (what they share), then ``sgd.py``, ``adam.py`` (Adam, AdamW), ``rmsprop.py``,
``adagrad.py``, ``adadelta.py``, ``adamax.py``, ``nadam.py``, ``radam.py``, ``rprop.py``, ``asgd.py``, ``lbfgs.py``;
``lr_scheduler.py`` changes the learning rate over time.
"""
from . import lr_scheduler
from .adadelta import Adadelta
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .adamax import Adamax
from .asgd import ASGD
from .lbfgs import LBFGS
from .nadam import NAdam
from .optimizer import Optimizer
from .radam import RAdam
from .rmsprop import RMSprop
from .rprop import Rprop
from .sgd import SGD

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam",
           "Rprop", "ASGD", "LBFGS", "lr_scheduler"]
