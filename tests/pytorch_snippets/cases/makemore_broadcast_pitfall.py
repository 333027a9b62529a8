# makemore part 1: the broadcasting bug of P / P.sum(1) without keepdim, explained with shapes.
import torch

N = torch.tensor([[1, 3, 0], [2, 2, 4], [0, 5, 5]])
P = N.float()
print(P.sum(1, keepdim=True).shape, P.sum(1).shape)
right = P / P.sum(1, keepdim=True)
wrong = P / P.sum(1)
print(right)
print(wrong)
print(right.sum(1), wrong.sum(1), wrong.sum(0))
print(torch.equal(right, wrong.T), right[1, 2].item())
P = N.float()
P /= P.sum(1, keepdim=True)
print(P, P.dtype)
smoothed = (N + 1).float()
smoothed = smoothed / smoothed.sum(1, keepdim=True)
print(smoothed.log().neg().mean(), smoothed.shape)
