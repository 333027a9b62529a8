"""``nn.Module``: the base class of every layer and model.

A module does two jobs. It computes something (``forward``; calling ``module(x)`` runs it), and it
keeps track of its tensors. The second job is done by ``__setattr__``: assigning a
:class:`Parameter` or another module to an attribute registers it, so that ``parameters()`` can
find every weight of a whole model, in the order the weights were created, without being told.
A *buffer* (``register_buffer``) is a tensor the module keeps and saves but does not learn, such
as BatchNorm's running mean. Nothing here computes a derivative: the layers are made of tensor
operations, and the engine differentiates those.
"""
import warnings
from collections import OrderedDict, namedtuple

from ..autograd.function import Function
from ..engine import Tensor, is_grad_enabled, no_grad
from ..engine.hooks import add_hook
from ..parity import devices
from ..parity.dtypes import DType
from .parameter import Parameter, UninitializedParameter


def _type_name(value):
    """How PyTorch names a value's type in messages: ``torch.FloatTensor`` for tensors."""
    return value.type() if isinstance(value, Tensor) else type(value).__name__


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return super().__repr__()

    __str__ = __repr__


class Module:
    """Base class for layers and models. Subclass it, call ``super().__init__()`` first, assign the
    parameters and sub-modules in ``__init__``, and say what it computes in ``forward``::

        class MLP(nn.Module):
            def __init__(self):
                super().__init__()
                self.hidden = nn.Linear(2, 16)
                self.out = nn.Linear(16, 1)

            def forward(self, x):
                return torch.sigmoid(self.out(torch.tanh(self.hidden(x))))
    """

    def __init__(self):
        # object.__setattr__: our own __setattr__ below needs these dictionaries to exist already.
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_non_persistent_buffers_set", set())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "_forward_pre_hooks", OrderedDict())
        object.__setattr__(self, "_forward_hooks", OrderedDict())
        object.__setattr__(self, "_backward_pre_hooks", OrderedDict())
        object.__setattr__(self, "_backward_hooks", OrderedDict())

    def forward(self, *args, **kwargs):
        raise NotImplementedError(
            f'Module [{type(self).__name__}] is missing the required "forward" function. '
            "Define forward(self, x) in your class to say what the module computes."
        )

    def __call__(self, *args, **kwargs):
        pre_hooks, hooks = self.__dict__.get("_forward_pre_hooks"), self.__dict__.get("_forward_hooks")
        backward_hooks = self.__dict__.get("_backward_hooks") or self.__dict__.get("_backward_pre_hooks")
        if not pre_hooks and not hooks and not backward_hooks:
            return self.forward(*args, **kwargs)
        for hook, with_kwargs in list(pre_hooks.values()):  # they may change the input
            if with_kwargs:
                changed = hook(self, args, kwargs)
                if changed is not None:
                    if not (isinstance(changed, tuple) and len(changed) == 2):
                        raise RuntimeError("forward pre-hook must return None or a tuple of "
                                           f"(new_args, new_kwargs), but got {changed}.")
                    args, kwargs = changed
            else:
                changed = hook(self, args)
                if changed is not None:
                    args = changed if isinstance(changed, tuple) else (changed,)
        watch = _BackwardHookCall(self) if backward_hooks and is_grad_enabled() else None
        if watch is not None:
            args = watch.wrap_inputs(args)
        output = self.forward(*args, **kwargs)
        for hook, with_kwargs in list(hooks.values()):  # they see the output, and may replace it
            changed = hook(self, args, kwargs, output) if with_kwargs else hook(self, args, output)
            if changed is not None:
                output = changed
        return watch.wrap_outputs(output) if watch is not None else output

    # -- hooks: functions called around forward (to look at activations, or change them) ----------
    def register_forward_pre_hook(self, hook, *, prepend=False, with_kwargs=False):
        """Call ``hook(module, args)`` before each forward; a value it returns replaces the input.

        Returns a handle: ``handle.remove()`` takes the hook away again."""
        return add_hook(self._forward_pre_hooks, hook, prepend, with_kwargs)

    def register_forward_hook(self, hook, *, prepend=False, with_kwargs=False):
        """Call ``hook(module, args, output)`` after each forward; a value it returns replaces the
        output. A common use: keep a layer's activations (``acts.append(output.detach())``).

        Returns a handle: ``handle.remove()`` takes the hook away again."""
        return add_hook(self._forward_hooks, hook, prepend, with_kwargs)

    def register_full_backward_hook(self, hook, prepend=False):
        """Call ``hook(module, grad_input, grad_output)`` during backward, once the gradients with
        respect to the module's inputs are known. Both are tuples, one entry per tensor input or
        output (``None`` for an input that does not require grad); a tuple it returns replaces
        ``grad_input``. The module's outputs then show ``BackwardHookFunctionBackward`` as grad_fn.

        Returns a handle: ``handle.remove()`` takes the hook away again."""
        return add_hook(self._backward_hooks, hook, prepend)

    def register_full_backward_pre_hook(self, hook, prepend=False):
        """Call ``hook(module, grad_output)`` during backward, when the gradients with respect to the
        module's outputs arrive, before they go into the module; a tuple it returns replaces them.

        Returns a handle: ``handle.remove()`` takes the hook away again."""
        return add_hook(self._backward_pre_hooks, hook, prepend)

    def register_backward_hook(self, hook):
        raise NotImplementedError(
            "register_backward_hook (deprecated in PyTorch: its grad_input is that of the module's last "
            "operation only) is not part of autodidact. Use register_full_backward_hook(hook), which "
            "takes the same hook(module, grad_input, grad_output).")

    # -- registration: attributes that are Parameters or Modules are remembered --------------------
    def __setattr__(self, name, value):
        parameters = self.__dict__.get("_parameters")
        modules = self.__dict__.get("_modules")
        if isinstance(value, Parameter):
            self._check_initialised(parameters, "parameters")
            self._forget(name, keep=parameters)
            parameters[name] = value
        elif parameters is not None and name in parameters:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{_type_name(value)}' as parameter '{name}' (torch.nn.Parameter or None "
                    f"expected). To change the values, write into it: `with torch.no_grad(): "
                    f"module.{name}.copy_(new_values)`; to replace it, assign nn.Parameter(new_values)."
                )
            parameters[name] = None
        elif isinstance(value, Module):
            self._check_initialised(modules, "module")
            self._forget(name, keep=modules)
            modules[name] = value
        elif modules is not None and name in modules:
            if value is not None:
                raise TypeError(f"cannot assign '{_type_name(value)}' as child module '{name}' "
                                "(torch.nn.Module or None expected)")
            modules[name] = None
        elif name in self.__dict__.get("_buffers", {}):
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(f"cannot assign '{_type_name(value)}' as buffer '{name}' "
                                "(torch.nn.Buffer, torch.Tensor or None expected)")
            self._buffers[name] = value
        else:
            object.__setattr__(self, name, value)

    def _check_initialised(self, registry, what):
        if registry is None:
            raise AttributeError(
                f"cannot assign {what} before Module.__init__() call. "
                "Call super().__init__() as the first line of your module's __init__."
            )

    def _forget(self, name, keep=None):
        """Remove ``name`` from wherever it is stored, before storing it anew in ``keep`` (where it
        stays in place: replacing a layer does not move it to the end)."""
        self.__dict__.pop(name, None)
        for registry in (self._parameters, self._buffers, self._modules):
            if registry is not keep:
                registry.pop(name, None)
        self._non_persistent_buffers_set.discard(name)

    def __getattr__(self, name):
        # Only called when normal lookup fails: parameters, buffers and modules live in dictionaries.
        for registry in ("_parameters", "_buffers", "_modules"):
            found = self.__dict__.get(registry, {})
            if name in found:
                return found[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name):
        if name in self._parameters:
            del self._parameters[name]
        elif name in self._buffers:
            del self._buffers[name]
            self._non_persistent_buffers_set.discard(name)
        elif name in self._modules:
            del self._modules[name]
        else:
            object.__delattr__(self, name)

    def register_parameter(self, name, param):
        """Register ``param`` (a Parameter, or None for "this layer has no such weight") as ``name``."""
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(f"cannot assign '{_type_name(param)}' object to parameter '{name}' "
                            "(torch.nn.Parameter or None required)")
        self._check_initialised(self.__dict__.get("_parameters"), "parameters")
        self._forget(name, keep=self._parameters)
        self._parameters[name] = param

    def register_buffer(self, name, tensor, persistent=True):
        """Keep ``tensor`` as ``self.<name>``: moved by ``.to()`` and (if ``persistent``) saved in
        ``state_dict()``, but not a parameter, so no optimizer changes it. BatchNorm keeps its
        running averages this way."""
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call. "
                                 "Call super().__init__() as the first line of your module's __init__.")
        if not isinstance(name, str):
            raise TypeError(f"buffer name should be a string. Got {type(name).__name__}")
        if "." in name:
            raise KeyError('buffer name can\'t contain "."')
        if name == "":
            raise KeyError('buffer name can\'t be empty string ""')
        if hasattr(self, name) and name not in self._buffers:
            raise KeyError(f"attribute '{name}' already exists")
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(f"cannot assign '{_type_name(tensor)}' object to buffer '{name}' "
                            "(torch Tensor or None required)")
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name, module):
        """Register ``module`` as the child called ``name`` (what assigning an attribute does)."""
        if module is not None and not isinstance(module, Module):
            hint = ""
            if isinstance(module, type) and issubclass(module, Module):
                hint = f" You passed the class itself: add parentheses to make one, {module.__name__}()."
            elif callable(module):
                hint = " Use the layer form of a function, e.g. nn.Tanh() rather than torch.tanh."
            raise TypeError(f"{getattr(module, '__name__', _type_name(module))} is not a Module subclass.{hint}")
        if not isinstance(name, str):
            raise TypeError(f"module name should be a string. Got {type(name).__name__}")
        if "." in name:
            raise KeyError(f'module name can\'t contain ".", got: {name}')
        if name == "":
            raise KeyError('module name can\'t be empty string ""')
        self._check_initialised(self.__dict__.get("_modules"), "module")
        self._forget(name, keep=self._modules)
        self._modules[name] = module

    register_module = add_module

    def get_submodule(self, target):
        """The module at the dotted path ``target`` (e.g. ``"encoder.0"``); ``""`` is this module."""
        module = self
        for part in target.split(".") if target else []:
            if part not in module._modules:
                raise AttributeError(f"{module._get_name()} has no attribute `{part}`")
            module = module._modules[part]
        return module

    # -- walking the tree of modules ---------------------------------------------------------------
    def named_modules(self, memo=None, prefix="", remove_duplicate=True):
        """This module and every module inside it, depth first, as ``(name, module)`` pairs."""
        if memo is None:
            memo = set()
        if remove_duplicate:
            if id(self) in memo:
                return
            memo.add(id(self))
        yield prefix, self
        for name, child in self._modules.items():
            if child is not None:
                child_prefix = f"{prefix}.{name}" if prefix else name
                yield from child.named_modules(memo, child_prefix, remove_duplicate)

    def modules(self):
        for _, module in self.named_modules():
            yield module

    def named_children(self):
        """The direct sub-modules, as ``(name, module)`` pairs."""
        seen = set()
        for name, child in self._modules.items():
            if child is not None and id(child) not in seen:
                seen.add(id(child))
                yield name, child

    def children(self):
        for _, child in self.named_children():
            yield child

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        """Every parameter as ``(name, parameter)``, e.g. ``("0.weight", ...)``, in registration order.

        A parameter shared by two layers is listed once (an optimizer must not update it twice).
        """
        modules = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse \
            else [(prefix, self)]
        seen = set()
        for module_prefix, module in modules:
            for name, param in module._parameters.items():
                if param is None or (remove_duplicate and id(param) in seen):
                    continue
                seen.add(id(param))
                yield (f"{module_prefix}.{name}" if module_prefix else name), param

    def parameters(self, recurse=True):
        """Every learnable tensor of the model: what you hand to an optimizer."""
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix="", recurse=True, remove_duplicate=True):
        """Every buffer as ``(name, tensor)``, e.g. ``("0.running_mean", ...)``."""
        modules = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse \
            else [(prefix, self)]
        seen = set()
        for module_prefix, module in modules:
            for name, buffer in module._buffers.items():
                if buffer is None or (remove_duplicate and id(buffer) in seen):
                    continue
                seen.add(id(buffer))
                yield (f"{module_prefix}.{name}" if module_prefix else name), buffer

    def buffers(self, recurse=True):
        for _, buffer in self.named_buffers(recurse=recurse):
            yield buffer

    # -- training helpers ------------------------------------------------------------------------
    def zero_grad(self, set_to_none=True):
        """Forget the gradients of the last backward pass (gradients add up otherwise).

        As in PyTorch 2.x, ``.grad`` becomes None; ``set_to_none=False`` fills it with zeros instead.
        """
        for param in self.parameters():
            if param.grad is None:
                continue
            if set_to_none:
                param.grad = None
            else:
                param.grad.detach_()
                param.grad.zero_()

    def train(self, mode=True):
        """Put this module and all inside it in training mode (``eval()`` is ``train(False)``)."""
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        self.training = mode
        for child in self.children():
            child.train(mode)  # each child's own train(), so a layer may override it
        return self

    def eval(self):
        return self.train(False)

    def requires_grad_(self, requires_grad=True):
        """Switch gradient tracking for every parameter on or off (off = frozen weights)."""
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def apply(self, fn):
        """Call ``fn`` on every sub-module, then on this one (e.g. for custom initialisation)."""
        for child in self.children():
            child.apply(fn)
        fn(self)
        return self

    def to(self, *args, dtype=None, device=None, non_blocking=False):
        """Convert every floating-point parameter and buffer to ``dtype``, keeping the same
        Parameter objects (an optimizer made before still holds them). Integer buffers keep their
        dtype, as in PyTorch. A device is checked and otherwise has no effect (CPU only)."""
        for arg in args:
            if isinstance(arg, DType):
                dtype = arg
            elif isinstance(arg, Tensor):
                dtype = arg.dtype
            else:
                device = arg
        devices.check_device(device)
        if dtype is None:
            return self
        if not dtype.is_floating_point:
            raise TypeError("nn.Module.to only accepts floating point or complex dtypes, but got desired "
                            f"dtype={dtype}")
        for module in self.modules():
            for param in module._parameters.values():
                if param is not None and param.dtype.is_floating_point:
                    param._array = param._array.astype(dtype.numpy)
                    if param.grad is not None:
                        param.grad = param.grad.to(dtype)
            for name, buffer in module._buffers.items():
                if buffer is not None and buffer.dtype.is_floating_point:
                    module._buffers[name] = buffer.to(dtype)
        return self

    def double(self):
        from .. import float64

        return self.to(float64)

    def float(self):
        from .. import float32

        return self.to(float32)

    def cpu(self):
        return self

    def cuda(self, device=None):
        devices.check_device("cuda")

    # -- saving and loading ----------------------------------------------------------------------
    def state_dict(self, *, destination=None, prefix="", keep_vars=False):
        """Every parameter and persistent buffer by name (``"0.weight"``), detached from the graph
        but sharing memory: what ``torch.save`` writes and ``load_state_dict`` reads back."""
        if destination is None:
            destination = OrderedDict()
        for name, param in self._parameters.items():
            if param is not None:
                destination[prefix + name] = param if keep_vars else param.detach()
        for name, buffer in self._buffers.items():
            if buffer is not None and name not in self._non_persistent_buffers_set:
                destination[prefix + name] = buffer if keep_vars else buffer.detach()
        for name, child in self._modules.items():
            if child is not None:
                child.state_dict(destination=destination, prefix=f"{prefix}{name}.", keep_vars=keep_vars)
        return destination

    def load_state_dict(self, state_dict, strict=True, assign=False):
        """Copy values from ``state_dict`` (e.g. another model's ``state_dict()``) into the parameters
        and buffers, in place. With ``strict=True`` every key must match. Shapes must always match."""
        if assign:
            raise NotImplementedError("load_state_dict(assign=True) is not part of autodidact; the "
                                      "default (copy the values into the existing tensors) is.")
        if not hasattr(state_dict, "keys"):
            raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
        own = self.state_dict(keep_vars=True)
        missing = [key for key in own if key not in state_dict]
        unexpected = [key for key in state_dict if key not in own]
        errors = []
        if strict and missing:
            errors.append("Missing key(s) in state_dict: {}. ".format(", ".join(f'"{k}"' for k in missing)))
        if strict and unexpected:
            errors.append("Unexpected key(s) in state_dict: {}. ".format(", ".join(f'"{k}"' for k in unexpected)))
        for key, mine in own.items():
            if key not in state_dict:
                continue
            value = state_dict[key]
            if not isinstance(value, Tensor):
                errors.append(f'While copying the parameter named "{key}", expected torch.Tensor or '
                              f"Tensor-like object from checkpoint but received {type(value)}")
                continue
            if isinstance(mine, UninitializedParameter) and not isinstance(value, UninitializedParameter):
                mine.materialize(value.shape)  # a lazy layer not called yet takes the checkpoint's shape
            if tuple(value.shape) != tuple(mine.shape):
                errors.append(f"size mismatch for {key}: copying a param with shape {value.shape} "
                              f"from checkpoint, the shape in current model is {mine.shape}.")
        if errors:
            raise RuntimeError("Error(s) in loading state_dict for {}:\n\t{}".format(
                self._get_name(), "\n\t".join(errors)))
        with no_grad():
            for key, mine in own.items():
                if key in state_dict:
                    mine.copy_(state_dict[key])  # in place: the same Parameter, converted to its dtype
        return _IncompatibleKeys(missing, unexpected)

    def _get_name(self):
        return type(self).__name__

    # -- printing, exactly as PyTorch ------------------------------------------------------------
    def extra_repr(self):
        """The text between the parentheses, e.g. ``in_features=2, out_features=16, bias=True``."""
        return ""

    def __repr__(self):
        extra_lines = self.extra_repr().split("\n") if self.extra_repr() else []
        child_lines = [f"({name}): " + repr(module).replace("\n", "\n  ")
                       for name, module in self._modules.items()]
        lines = extra_lines + child_lines
        text = type(self).__name__ + "("
        if len(extra_lines) == 1 and not child_lines:
            text += extra_lines[0]
        elif lines:
            text += "\n  " + "\n  ".join(lines) + "\n"
        return text + ")"


# -- module backward hooks ------------------------------------------------------------------------
# As in PyTorch, the module's tensor inputs and outputs pass through an identity Function
# (BackwardHookFunctionBackward). Its backward on the output side sees grad_output (and runs the
# pre-hooks, which may replace it); on the input side it sees grad_input and runs the hooks.

class BackwardHookFunction(Function):
    # The node's only input is the tensor (as PyTorch's next_functions show); which call and which
    # side it belongs to is handed over in _wiring while apply() runs.
    _wiring = None

    @staticmethod
    def forward(ctx, tensor):
        ctx.call, ctx.side = BackwardHookFunction._wiring
        return tensor

    @staticmethod
    def backward(ctx, grad):
        if ctx.side == "output":
            return ctx.call.output_gradient(grad)
        return ctx.call.input_gradient(grad)

    @classmethod
    def wrap(cls, tensor, call, side):
        cls._wiring = (call, side)
        try:
            return cls.apply(tensor)
        finally:
            cls._wiring = None


def _tensors_in(value):
    if isinstance(value, Tensor):
        return [value]
    if isinstance(value, (tuple, list)):
        return [t for part in value for t in _tensors_in(part)]
    return []


def _replace_tensors(value, replace):
    if isinstance(value, Tensor):
        return replace(value)
    if isinstance(value, (tuple, list)):
        rebuilt = [_replace_tensors(part, replace) for part in value]
        return type(value)(*rebuilt) if hasattr(value, "_fields") else type(value)(rebuilt)
    return value


class _BackwardHookCall:
    """One call of a module with backward hooks: where its gradients are gathered."""

    def __init__(self, module):
        self.module = module
        self.input_needs_grad = []
        self.grad_output = None

    def wrap_inputs(self, args):
        self.input_needs_grad = [isinstance(a, Tensor) and a.requires_grad for a in args if isinstance(a, Tensor)]
        if sum(self.input_needs_grad) > 1:
            raise NotImplementedError(
                f"Backward hooks on a module called with {sum(self.input_needs_grad)} inputs that require "
                "grad are not part of autodidact (they are for one such input). Register a hook on each "
                "input tensor instead (x.register_hook(fn)).")
        return tuple(BackwardHookFunction.wrap(a, self, "input") if isinstance(a, Tensor) and a.requires_grad
                     else a for a in args)

    def wrap_outputs(self, output):
        outputs = [t for t in _tensors_in(output) if t.requires_grad]
        if not outputs:
            return output
        if len(outputs) > 1:
            raise NotImplementedError(
                f"Backward hooks on a module with {len(outputs)} outputs that require grad are not part of "
                "autodidact (they are for one output). Register a hook on each output tensor instead "
                "(out.register_hook(fn)).")
        return _replace_tensors(output, lambda t: BackwardHookFunction.wrap(t, self, "output")
                                if t.requires_grad else t)

    def output_gradient(self, grad):
        grad_output = (grad,)
        for hook in list(self.module._backward_pre_hooks.values()):
            changed = hook(self.module, grad_output)
            if changed is not None:
                grad_output = self._checked(changed, grad_output, "grad_output")
        self.grad_output = grad_output
        if not any(self.input_needs_grad):  # PyTorch warns even with only pre-hooks
            warnings.warn("Full backward hook is firing when gradients are computed with respect to module "
                          "outputs since no inputs require gradients. See https://docs.pytorch.org/docs/main/"
                          "generated/torch.nn.Module.html#torch.nn.Module.register_full_backward_hook for more "
                          "details.", UserWarning, stacklevel=2)
            self._run_hooks((None,) * len(self.input_needs_grad))
        return grad_output[0]

    def input_gradient(self, grad):
        grad_input = tuple(grad if needs else None for needs in self.input_needs_grad)
        grad_input = self._run_hooks(grad_input)
        return grad_input[self.input_needs_grad.index(True)]

    def _run_hooks(self, grad_input):
        for hook in list(self.module._backward_hooks.values()):
            changed = hook(self.module, grad_input, self.grad_output)
            if changed is not None:
                grad_input = self._checked(changed, grad_input, "grad_input")
        return grad_input

    @staticmethod
    def _checked(changed, current, what):
        changed = tuple(changed) if isinstance(changed, (tuple, list)) else (changed,)
        if len(changed) != len(current):
            raise RuntimeError(f"Backward hook returned an invalid number of {what}, got {len(changed)}, but "
                               f"expected {len(current)}")
        return changed
