"""Draw three computation graphs to docs/images/ as PNG (run: python docs/render_graphs.py).

1. graph_chain.png   the seed chain z = log(x**2) at x = 5
2. graph_fan_in.png  x used twice: s = log(x**2) + 3·x, so x.grad sums two paths
3. graph_mlp.png     one small MLP layer with a loss: y = tanh(X @ W + b), L = mean((y - t)**2),
                     with backward step 3 highlighted
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import autodidact as ad  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "images")


def chain():
    x = ad.tensor(5.0, requires_grad=True)
    with ad.trace() as t:
        h = x**2
        z = ad.log(h)
        z.backward()
    return t.graph()


def fan_in():
    x = ad.tensor(2.0, requires_grad=True)
    with ad.trace() as t:
        h = x**2
        y = 3 * x
        s = ad.log(h) + y
        s.backward()
    return t.graph()


def mlp_layer():
    ad.manual_seed(0)
    X = ad.tensor([[0.5, -1.0], [1.5, 2.0], [-0.5, 0.25]])
    W = ad.tensor([[0.2, -0.4], [0.7, 0.1]], requires_grad=True)
    b = ad.tensor([0.1, -0.2], requires_grad=True)
    target = ad.tensor([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]])
    with ad.trace() as t:
        a = X @ W + b
        y = ad.tanh(a)
        L = ((y - target) ** 2).mean()
        L.backward()
    return t.graph(step=3)


def main(folder=HERE):
    os.makedirs(folder, exist_ok=True)
    written = []
    for name, make in (("graph_chain", chain), ("graph_fan_in", fan_in), ("graph_mlp", mlp_layer)):
        path = os.path.join(folder, name + ".png")
        make().save(path)
        written.append(path)
        print("wrote", path)
    return written


if __name__ == "__main__":
    main()
