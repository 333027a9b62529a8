"""Notebook widgets: move x or the learning rate and watch gradients, traces and training curves.

    from autodidact.widgets import GradientExplorer, BackpropStepper, TrainingLab, Playground

Each widget is state plus pure functions from state to pictures and tables; the ipywidgets
controls only change the state. Pictures are matplotlib figures (Agg canvas, never pyplot) shown as
PNG, so a notebook rendered without a widget frontend still shows the current state.

Every picture has a text alternative that says what it shows now (``app.describe()``); use
``show_figure(fig, "what it shows")`` instead of ``plt.show()`` to give your own figures one.
"""
from ._common import show_figure
from .backprop import BackpropStepper
from .gradient import GradientExplorer
from .playground import Playground
from .training import TrainingLab, run_style

__all__ = ["GradientExplorer", "BackpropStepper", "TrainingLab", "Playground", "show_figure", "run_style"]
