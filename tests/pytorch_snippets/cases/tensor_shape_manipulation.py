# Shape manipulation tutorials use: squeeze/unsqueeze, None indexing, permute, repeat_interleave, meshgrid, tril.
import torch

x = torch.arange(6.0).reshape(2, 3)
print(x[:, None].shape, x[None].shape, x[..., None].shape, x.unsqueeze(1).shape, x[:, None, :].squeeze().shape)
print(torch.zeros(1, 3, 1).squeeze().shape, torch.zeros(1, 3, 1).squeeze(0).shape, torch.zeros(1, 3, 1).squeeze(-1).shape)
y = torch.arange(24).reshape(2, 3, 4)
print(y.permute(2, 0, 1).shape, y.transpose(0, 2).shape, y.flatten(1).shape, y.flatten().shape, y.mT.shape)
print(torch.tensor([1, 2, 3]).repeat_interleave(2), torch.tensor([1, 2]).repeat(2, 2))
gx, gy = torch.meshgrid(torch.arange(3), torch.arange(2), indexing="ij")
print(gx, gy)
print(torch.outer(torch.tensor([1, 2]), torch.tensor([1, 10, 100])))
print(torch.diag(torch.tensor([1, 2, 3])), torch.trace(torch.arange(9.0).reshape(3, 3)))
print(torch.triu(torch.ones(3, 3)), torch.tril(torch.ones(3, 3), diagonal=-1))
print(torch.eye(2, 3), torch.full_like(x, 7), torch.zeros_like(x, dtype=torch.long))
print(torch.stack([x, x], dim=2).shape, torch.hstack([x, x]).shape, torch.vstack([x, x]).shape)
print(x.view(3, 2).t().contiguous().view(-1), x.T.reshape(-1))
print(torch.atleast_2d(torch.tensor(1.0)).shape, x.expand(2, 2, 3).shape, x.numel(), x.dim(), x.ndim)
