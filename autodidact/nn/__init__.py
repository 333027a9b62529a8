"""``autodidact.nn``: building blocks for neural networks, as in ``torch.nn``.

    import autodidact as torch
    from autodidact import nn

    model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 1), nn.Sigmoid())
    loss = nn.BCELoss()(model(x), y)

Read it in this order: ``parameter.py`` (a weight), ``module.py`` (how a model finds its weights),
``layers.py`` (Linear and friends), ``containers.py``, ``rnn.py`` (recurrent layers), ``functional.py`` (the computations), ``loss.py``.
"""
from . import functional, init, utils
from .containers import ModuleDict, ModuleList, ParameterDict, ParameterList, Sequential
from .layers import (CELU, GLU, SELU, Dropout1d, Dropout2d, Dropout3d, Hardshrink, Hardsigmoid, Hardswish, LogSigmoid, PReLU, Softmin, Softshrink,
                     Softsign, Tanhshrink, Threshold, ELU, GELU, Hardtanh, Mish, ReLU6, SiLU, Dropout, Flatten, Identity, LazyLinear, LeakyReLU, Linear, LogSoftmax, ReLU, Sigmoid, Softmax,
                     Softplus, Tanh, Unflatten, MultiheadAttention)
from .convolution import (AdaptiveAvgPool1d, AdaptiveAvgPool2d, AvgPool1d, AvgPool2d, Conv1d, Conv2d, ConvTranspose1d,
                          ConvTranspose2d, LazyConv1d, LazyConv2d, MaxPool1d,
                          MaxPool2d)
from .loss import BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, KLDivLoss, L1Loss, MSELoss, NLLLoss, SmoothL1Loss
from .module import Module
from .normalization import (BatchNorm1d, BatchNorm2d, BatchNorm3d, GroupNorm, InstanceNorm1d, InstanceNorm2d,
                            InstanceNorm3d, LayerNorm, LazyBatchNorm1d, LazyBatchNorm2d, LazyBatchNorm3d)
from .sparse import Embedding
from .distance import CosineSimilarity, PairwiseDistance
from .upsampling import Upsample, UpsamplingBilinear2d, UpsamplingNearest2d
from .rnn import GRU, LSTM, RNN, GRUCell, LSTMCell, RNNBase, RNNCell, RNNCellBase
from .parameter import Parameter, UninitializedBuffer, UninitializedParameter
from .padding import *  # noqa: F401,F403 (ZeroPad2d, ReflectionPad1d, ...)
from . import padding as _padding

__all__ = ["Module", "Parameter", "ParameterList", "ParameterDict", "KLDivLoss", "MultiheadAttention", "UninitializedParameter", "UninitializedBuffer", "Linear", "LazyLinear", "Tanh", "ReLU", "Sigmoid", "Identity", "Flatten", "Unflatten", "Dropout",
           "Sequential", "ModuleList", "ModuleDict", "Embedding", "LayerNorm", "GroupNorm", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "LazyBatchNorm1d", "LazyBatchNorm2d", "LazyBatchNorm3d", "BatchNorm1d", "BatchNorm2d", "BatchNorm3d",
           "LeakyReLU", "Softplus", "ELU", "GELU", "SiLU", "Mish", "ReLU6", "Hardtanh", "Softmax", "LogSoftmax", "MSELoss", "BCELoss", "L1Loss", "BCEWithLogitsLoss",
           "NLLLoss", "CrossEntropyLoss", "HuberLoss", "SmoothL1Loss", "Conv1d", "Conv2d", "LazyConv1d", "LazyConv2d", "MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d",
           "AdaptiveAvgPool2d", "CELU", "GLU", "SELU", "Hardshrink", "Hardsigmoid", "Hardswish",
           "LogSigmoid", "PReLU", "Dropout1d", "Dropout2d", "Dropout3d", "Softmin", "Softshrink", "Softsign", "Tanhshrink", "Threshold", "RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell",
           "CosineSimilarity", "PairwiseDistance", "Upsample", "UpsamplingNearest2d",
           "UpsamplingBilinear2d", "AdaptiveAvgPool1d", "ConvTranspose1d", "ConvTranspose2d", "functional", "init", "utils"] + _padding.__all__
