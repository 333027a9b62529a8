"""Misuses of autograd the engine refuses, with PyTorch's exception class and the start of its
message, followed by what to do instead. The core files call these so that their own code stays
short: ``tensor_core.py`` (``requires_grad_``, assigning ``.grad``), ``graph.py`` (a second backward
through a freed graph). Version and in-place errors are in ``parity/versions.py``.
"""


def refuse_requires_grad(tensor, requires_grad, in_inference_mode):
    """``tensor.requires_grad_(requires_grad)``: only a leaf's flag can be switched off, only a
    floating-point tensor can require gradients, and an inference tensor only in inference mode."""
    if tensor.grad_fn is not None:
        if not requires_grad:
            raise RuntimeError(
                "you can only change requires_grad flags of leaf variables. This tensor was computed "
                f"by {tensor.grad_fn.name()}; if you want a copy without history, use .detach()."
            )
        return
    if requires_grad and tensor._inference and not in_inference_mode:
        raise RuntimeError("Setting requires_grad=True on inference tensor outside InferenceMode is not "
                           "allowed.")
    if requires_grad and tensor._array.dtype.kind != "f" and not tensor.dtype.is_floating_point:
        raise RuntimeError(
            "only Tensors of floating point dtype can require gradients, but this tensor is "
            f"{tensor.dtype}. Create it from floats (e.g. 2.0 rather than 2) or convert it with .float()."
        )


def refuse_grad(tensor, value):
    """``tensor.grad = value``: a Tensor (or None) of the tensor's shape."""
    if value is None:
        return
    if not hasattr(value, "_array"):
        raise TypeError(f"assigned grad expected to be a Tensor or None but got {type(value).__name__}")
    if value._array.shape != tensor._array.shape:
        raise RuntimeError(
            f"assigned grad has data of a different size: the tensor has shape {list(tensor.shape)}, "
            f"the gradient {list(value.shape)}."
        )


def released_error(node):
    """A second backward through a node whose saved values the first one freed."""
    return RuntimeError(
        "Trying to backward through the graph a second time (or directly access saved tensors after "
        f"they have already been freed). {node.name()} needs values saved during the forward pass, and "
        "the first backward() freed them. Either run the forward computation again before calling "
        "backward(), or pass retain_graph=True to the first backward() if you really need two."
    )
