# Walking the graph as the 60-minute blitz does: the leaf's node is named torch::autograd::AccumulateGrad by name().
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (w * 3).sum()
node = loss.grad_fn.next_functions[0][0].next_functions[0][0]
print(node.name())
print(type(node).__name__)
print(node.variable is w)
