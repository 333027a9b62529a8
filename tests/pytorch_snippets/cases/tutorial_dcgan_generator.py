# The PyTorch DCGAN tutorial's generator and weights_init (small sizes), one step of its loss.
import torch
import torch.nn as nn

nz, ngf, nc = 8, 4, 3


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find('Conv') != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find('BatchNorm') != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)


class Generator(nn.Module):
    def __init__(self):
        super(Generator, self).__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, bias=False),
            nn.Tanh()
        )

    def forward(self, input):
        return self.main(input)


netG = Generator()
netG.apply(weights_init)
print(netG)
print([(name, tuple(p.shape)) for name, p in netG.named_parameters()])
with torch.no_grad():
    for p in netG.parameters():
        p.copy_(torch.linspace(-0.05, 0.05, p.numel()).reshape(p.shape))
noise = torch.linspace(-1, 1, 2 * nz).reshape(2, nz, 1, 1)
fake = netG(noise)
print(fake.shape, type(fake.grad_fn).__name__, type(netG.main[0](noise).grad_fn).__name__)
print(fake[0, 0, :3, :3])
loss = fake.pow(2).mean()
loss.backward()
print(loss, netG.main[0].weight.grad.shape, netG.main[0].weight.grad.abs().sum() > 0)
