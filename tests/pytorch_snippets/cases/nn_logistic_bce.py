# Binary logistic regression: nn.Sigmoid + BCELoss vs BCEWithLogitsLoss, accuracy by rounding.
import torch
from torch import nn

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 1.0], [0.5, 2.0]])
y = torch.tensor([[0.0], [0.0], [0.0], [1.0], [1.0], [1.0]])


class LogisticRegression(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        return self.sigmoid(self.linear(x))


model = LogisticRegression()
nn.init.zeros_(model.linear.weight)
nn.init.zeros_(model.linear.bias)
criterion = nn.BCELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(30):
    y_pred = model(X)
    loss = criterion(y_pred, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 10 == 0:
        print(f"epoch: {epoch + 1}, loss = {loss.item():.4f}")
with torch.no_grad():
    y_predicted = model(X)
    y_predicted_cls = y_predicted.round()
    acc = y_predicted_cls.eq(y).sum() / float(y.shape[0])
    print(f"accuracy: {acc.item():.4f}", y_predicted_cls.flatten())
logits = model.linear(X)
print(nn.BCEWithLogitsLoss()(logits, y), criterion(torch.sigmoid(logits), y))
print(nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0]))(logits, y))
print(nn.functional.binary_cross_entropy(torch.tensor([0.9, 0.2]), torch.tensor([1.0, 0.0]), reduction="none"))
