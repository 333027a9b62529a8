"""Render each widget's picture (its static fallback) to docs/images/, to look at what a learner sees.

    python docs/render_widgets.py

The pictures are the PNGs a notebook shows where no widget frontend runs (nbconvert HTML, a
rendered notebook on a website), at the size they have in a notebook (860 px wide).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

import autodidact as torch  # noqa: E402
from autodidact.widgets import BackpropStepper, GradientExplorer, Playground, TrainingLab  # noqa: E402

IMAGES = os.path.join(HERE, "images")


def save(name, widget):
    path = os.path.join(IMAGES, name)
    with open(path, "wb") as file:
        file.write(widget.to_png())
    print("wrote", os.path.relpath(path))


def main():
    os.makedirs(IMAGES, exist_ok=True)

    explorer = GradientExplorer(lambda x: torch.log(x**2), x=5.0)
    save("widget_gradient_explorer.png", explorer)
    explorer.x = 0.0  # outside log's domain: the problem is shown in words
    save("widget_gradient_explorer_domain.png", explorer)

    stepper = BackpropStepper(lambda x: torch.log(x**2), x=5.0)
    stepper.step = 2
    save("widget_backprop_stepper.png", stepper)

    lab = TrainingLab()
    lab.compare([0.01, 0.05, 0.15, 0.25])
    save("widget_training_lab.png", lab)

    playground = Playground(dataset="circles", hidden=(8, 8), activation="tanh", lr=0.05,
                            optimizer="adam")
    playground.train(150)
    save("widget_playground.png", playground)


if __name__ == "__main__":
    main()
