# pytorch/examples "vae": the VAE module's encode/reparameterize/decode shapes and loss_function (BCE sum + KLD), with fixed noise.
import torch
from torch import nn
from torch.nn import functional as F


class VAE(nn.Module):
    def __init__(self):
        super(VAE, self).__init__()
        self.fc1 = nn.Linear(16, 8)
        self.fc21 = nn.Linear(8, 2)
        self.fc22 = nn.Linear(8, 2)
        self.fc3 = nn.Linear(2, 8)
        self.fc4 = nn.Linear(8, 16)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar, eps):
        std = torch.exp(0.5 * logvar)
        return mu + eps * std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x, eps):
        mu, logvar = self.encode(x.view(-1, 16))
        z = self.reparameterize(mu, logvar, eps)
        return self.decode(z), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, 16), reduction='sum')
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return BCE + KLD


model = VAE()
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_((torch.arange(p.numel()) % 5 - 2).reshape(p.shape) * 0.1)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
data = ((torch.arange(64) % 4) / 3).reshape(4, 1, 4, 4)
eps = torch.tensor([[0.5, -0.5], [1.0, 0.0], [-1.0, 0.25], [0.0, 0.0]])
model.train()
train_loss = 0
for epoch in range(3):
    optimizer.zero_grad()
    recon_batch, mu, logvar = model(data, eps)
    loss = loss_function(recon_batch, data, mu, logvar)
    loss.backward()
    train_loss += loss.item()
    optimizer.step()
    print('Epoch: {} Average loss: {:.4f}'.format(epoch, loss.item() / len(data)))
print(recon_batch.shape, mu.shape, logvar.shape)
print(mu)
model.eval()
with torch.no_grad():
    sample = model.decode(torch.tensor([[0.0, 0.0], [1.0, -1.0]]))
print(sample.view(2, 1, 4, 4)[1])
