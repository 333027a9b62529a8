# CS231n kNN: L2 distances with two loops, one loop and no loops (broadcasting), then majority vote.
import torch

X_train = torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [3.0, 3.0], [4.0, 3.0]])
y_train = torch.tensor([0, 0, 1, 2, 2])
X = torch.tensor([[0.5, 0.0], [3.5, 3.0], [0.0, 1.5]])
num_test, num_train = X.shape[0], X_train.shape[0]
dists = torch.zeros((num_test, num_train))
for i in range(num_test):
    for j in range(num_train):
        dists[i, j] = torch.sqrt(torch.sum((X[i] - X_train[j]) ** 2))
print(dists)
dists1 = torch.zeros((num_test, num_train))
for i in range(num_test):
    dists1[i, :] = torch.sqrt(torch.sum((X_train - X[i]) ** 2, dim=1))
dists2 = torch.sqrt((X ** 2).sum(1, keepdim=True) + (X_train ** 2).sum(1) - 2 * X @ X_train.T)
print(torch.allclose(dists, dists1), torch.allclose(dists, dists2, atol=1e-6))
k = 3
y_pred = torch.zeros(num_test, dtype=torch.long)
for i in range(num_test):
    closest_y = y_train[torch.argsort(dists[i])[:k]]
    y_pred[i] = torch.bincount(closest_y).argmax()
print(y_pred, torch.argsort(dists, dim=1)[:, :k])
difference = torch.linalg.norm(dists - dists1, ord="fro")
print("Difference was: %f" % (difference,))
