# d2l 21.4 and 21.9-21.10 recommender systems: matrix factorization with biases (Embedding layers,
# RMSE), and factorization machines' pairwise interaction term ((sum)^2 - sum of squares) trained
# with BCE, on fixed user/item ids and deterministic weights.
import torch
from torch import nn


class MF(nn.Module):
    def __init__(self, num_factors, num_users, num_items, **kwargs):
        super(MF, self).__init__(**kwargs)
        self.P = nn.Embedding(num_embeddings=num_users, embedding_dim=num_factors)
        self.Q = nn.Embedding(num_embeddings=num_items, embedding_dim=num_factors)
        self.user_bias = nn.Embedding(num_users, 1)
        self.item_bias = nn.Embedding(num_items, 1)

    def forward(self, user_id, item_id):
        P_u = self.P(user_id)
        Q_i = self.Q(item_id)
        b_u = self.user_bias(user_id)
        b_i = self.item_bias(item_id)
        outputs = (P_u * Q_i).sum(axis=1) + torch.squeeze(b_u) + torch.squeeze(b_i)
        return outputs.flatten()


def init(net, scale):
    for i, p in enumerate(net.parameters()):
        with torch.no_grad():
            p.copy_(torch.sin(torch.arange(p.numel(), dtype=torch.float) * (0.8 + i)).reshape(p.shape) * scale)


net = MF(3, 4, 5)
init(net, 0.5)
users = torch.tensor([0, 1, 2, 3, 0, 2])
items = torch.tensor([1, 4, 0, 2, 3, 3])
scores = torch.tensor([5., 3., 4., 1., 2., 4.])
loss = nn.MSELoss()
trainer = torch.optim.Adam(net.parameters(), lr=0.05, weight_decay=1e-5)
for epoch in range(4):
    trainer.zero_grad()
    preds = net(users, items)
    l = loss(preds, scores)
    l.backward()
    trainer.step()
    rmse = torch.sqrt(torch.mean(torch.square(torch.clamp(net(users, items).detach(), 1, 5) - scores)))
    print(epoch, f"{l.item():.4f}", f"{rmse.item():.4f}")
print(net(torch.tensor([3]), torch.tensor([0])))


class FM(nn.Module):
    def __init__(self, field_dims, num_factors):
        super(FM, self).__init__()
        num_inputs = int(sum(field_dims))
        self.embedding = nn.Embedding(num_inputs, num_factors)
        self.fc = nn.Embedding(num_inputs, 1)
        self.linear_layer = nn.Linear(1, 1, bias=True)

    def forward(self, x):
        square_of_sum = torch.sum(self.embedding(x), dim=1) ** 2
        sum_of_square = torch.sum(self.embedding(x) ** 2, dim=1)
        x = self.linear_layer(self.fc(x).sum(1)) + 0.5 * (square_of_sum - sum_of_square).sum(1, keepdims=True)
        x = torch.sigmoid(x)
        return x


fm = FM([3, 4, 2], 4)
init(fm, 0.3)
x = torch.tensor([[0, 3, 7], [1, 4, 8], [2, 6, 7], [0, 5, 8]])
y = torch.tensor([[1.], [0.], [1.], [0.]])
opt = torch.optim.Adam(fm.parameters(), lr=0.02)
bce = nn.BCELoss()
for epoch in range(3):
    opt.zero_grad()
    out = fm(x)
    l = bce(out, y)
    l.backward()
    opt.step()
    print(epoch, f"{l.item():.4f}", out.detach().flatten())
print(fm.embedding.weight.grad[7:])
