import torch
from torch import nn

logits = torch.tensor([[1.0, -1.0, 0.5], [0.2, 0.3, -0.4]], requires_grad=True)
target = torch.tensor([2, 0])
for loss_fn in (nn.CrossEntropyLoss(), nn.CrossEntropyLoss(reduction="sum"), nn.CrossEntropyLoss(label_smoothing=0.05),
                nn.CrossEntropyLoss(ignore_index=0)):
    loss = loss_fn(logits, target)
    print(loss_fn, loss)
probs = torch.tensor([[0.25, 0.25, 0.5], [1.0, 0.0, 0.0]])
loss = nn.CrossEntropyLoss()(logits, probs)
loss.backward()
print(loss, logits.grad)
