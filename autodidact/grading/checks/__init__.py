"""The checks of every exercise, one module per lesson. Importing this package fills the registry."""
from . import lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07  # noqa: F401
from . import lesson08, lesson09, lesson10  # noqa: F401

LESSON_TITLES = {
    1: "Derivatives and autograd",
    2: "The chain rule",
    3: "Gradient descent",
    4: "The training loop",
    5: "Tensors and broadcasting",
    6: "Build your own op",
    7: "A neural network",
    8: "Inside the engine",
    9: "Build a scalar engine",
    10: "From scalars to tensors",
}

# Each lesson's exercise notebook, by the name the course gives it: the grader identifies a
# submitted notebook by this name, never by metadata inside it.
NOTEBOOKS = {
    1: "01_derivatives.ipynb",
    2: "02_chain_rule.ipynb",
    3: "03_gradient_descent.ipynb",
    4: "04_training_loop.ipynb",
    5: "05_broadcasting.ipynb",
    6: "06_custom_function.ipynb",
    7: "07_neural_network.ipynb",
    8: "08_inside_the_engine.ipynb",
    9: "09_scalar_engine.ipynb",
    10: "10_tensor_engine.ipynb",
}
