# torch.nn.functional docs: scaled_dot_product_attention with is_causal=True, a bool mask and scale=.
# (rounded: float32 matmul sums may differ from PyTorch in the last bit)
import torch
import torch.nn.functional as F

q = torch.ones(2, 3, 4) * 0.1
print(F.scaled_dot_product_attention(q, q, torch.arange(24.).reshape(2, 3, 4), is_causal=True).round(decimals=4))
mask = torch.tensor([[True, False, False], [True, True, False], [False, False, False]])
print(F.scaled_dot_product_attention(q, q, torch.arange(24.).reshape(2, 3, 4), attn_mask=mask, scale=0.5).round(decimals=4))
