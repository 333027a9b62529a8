# makemore part 3: batch normalization by hand, then with nn.BatchNorm1d.
import torch

hpreact = torch.tensor([[1.0, -2.0, 0.5], [3.0, 0.0, -0.5], [-1.0, 4.0, 2.5], [0.0, 1.0, 1.5]])
bngain = torch.ones((1, 3))
bnbias = torch.zeros((1, 3))
bnmean_running = torch.zeros((1, 3))
bnstd_running = torch.ones((1, 3))
bnmeani = hpreact.mean(0, keepdim=True)
bnstdi = hpreact.std(0, keepdim=True)
manual = bngain * (hpreact - bnmeani) / bnstdi + bnbias
with torch.no_grad():
    bnmean_running = 0.999 * bnmean_running + 0.001 * bnmeani
    bnstd_running = 0.999 * bnstd_running + 0.001 * bnstdi
print(manual)
print(bnmean_running, bnstd_running)
bn = torch.nn.BatchNorm1d(3, momentum=0.001)
out = bn(hpreact)
print(out)
print(torch.allclose(out, (hpreact - bnmeani) / (hpreact.var(0, keepdim=True, unbiased=False) + 1e-5).sqrt()))
print(bn.running_mean, bn.running_var)
