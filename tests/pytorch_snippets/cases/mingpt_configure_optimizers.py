# minGPT's configure_optimizers: decay/no_decay sets from named_modules and named_parameters, AdamW param groups, a step.
import torch
import torch.nn as nn


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(10, 4)
        self.ln_f = nn.LayerNorm(4)
        self.mlp = nn.Sequential(nn.Linear(4, 8), nn.GELU(), nn.Linear(8, 4))
        self.lm_head = nn.Linear(4, 10, bias=False)

    def forward(self, idx):
        x = self.wte(idx)
        x = x + self.mlp(self.ln_f(x))
        return self.lm_head(x)


model = Tiny()
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(((torch.arange(p.numel()) * (i + 1)) % 5 - 2).reshape(p.shape) * 0.1)

decay = set()
no_decay = set()
whitelist_weight_modules = (torch.nn.Linear, )
blacklist_weight_modules = (torch.nn.LayerNorm, torch.nn.Embedding)
for mn, m in model.named_modules():
    for pn, p in m.named_parameters():
        fpn = '%s.%s' % (mn, pn) if mn else pn
        if pn.endswith('bias'):
            no_decay.add(fpn)
        elif pn.endswith('weight') and isinstance(m, whitelist_weight_modules):
            decay.add(fpn)
        elif pn.endswith('weight') and isinstance(m, blacklist_weight_modules):
            no_decay.add(fpn)

param_dict = {pn: p for pn, p in model.named_parameters()}
inter_params = decay & no_decay
union_params = decay | no_decay
assert len(inter_params) == 0, "parameters %s made it into both decay/no_decay sets!" % (str(inter_params), )
assert len(param_dict.keys() - union_params) == 0
print(sorted(decay))
print(sorted(no_decay))
print([n for n, _ in model.named_modules()])

optim_groups = [
    {"params": [param_dict[pn] for pn in sorted(list(decay))], "weight_decay": 0.1},
    {"params": [param_dict[pn] for pn in sorted(list(no_decay))], "weight_decay": 0.0},
]
optimizer = torch.optim.AdamW(optim_groups, lr=1e-2, betas=(0.9, 0.95))
print(optimizer)
idx = torch.tensor([[1, 2, 3], [4, 5, 6]])
targets = torch.tensor([[2, 3, 4], [5, 6, 7]])
for step in range(3):
    logits = model(idx)
    loss = nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), ignore_index=-1)
    model.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    print(step, round(loss.item(), 4))
print(model.lm_head.weight[:2])
print(model.ln_f.bias)
