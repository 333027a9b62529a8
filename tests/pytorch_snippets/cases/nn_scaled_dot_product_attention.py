# torch.nn.functional docs: scaled_dot_product_attention with is_causal=True, a bool mask and scale=.
import torch
import torch.nn.functional as F

q = torch.ones(2, 3, 4) * 0.1
print(F.scaled_dot_product_attention(q, q, torch.arange(24.).reshape(2, 3, 4), is_causal=True))
mask = torch.tensor([[True, False, False], [True, True, False], [False, False, False]])
print(F.scaled_dot_product_attention(q, q, torch.arange(24.).reshape(2, 3, 4), attn_mask=mask, scale=0.5))
