"""The checks of every exercise, one module per lesson. Importing this package fills the registry."""
from . import lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07  # noqa: F401
