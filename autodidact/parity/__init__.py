"""Code that exists only to match PyTorch to the letter, kept apart from the teaching core.

- ``dtypes``: PyTorch's dtypes and its type-promotion rules (``int64 tensor * 1.5`` is float32).
- ``printing``: ``repr`` and f-string formatting exactly as PyTorch prints tensors.
- ``float32_order``: PyTorch's float32 summation and matmul order, behind one switch.

The engine imports these modules; they import nothing from the engine.
"""
