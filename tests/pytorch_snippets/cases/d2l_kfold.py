# d2l 5.7 (Kaggle house prices): get_k_fold_data with slices and torch.cat, a log-RMSE with clamp.
import torch


def get_k_fold_data(k, i, X, y):
    assert k > 1
    fold_size = X.shape[0] // k
    X_train, y_train = None, None
    for j in range(k):
        idx = slice(j * fold_size, (j + 1) * fold_size)
        X_part, y_part = X[idx, :], y[idx]
        if j == i:
            X_valid, y_valid = X_part, y_part
        elif X_train is None:
            X_train, y_train = X_part, y_part
        else:
            X_train = torch.cat([X_train, X_part], 0)
            y_train = torch.cat([y_train, y_part], 0)
    return X_train, y_train, X_valid, y_valid


X = torch.arange(20.0).reshape(10, 2)
y = torch.arange(10.0).reshape(10, 1) + 1
for i in range(3):
    X_train, y_train, X_valid, y_valid = get_k_fold_data(3, i, X, y)
    print(i, X_train.shape, X_valid[:, 0], y_train.flatten())


def log_rmse(preds, labels):
    clipped_preds = torch.clamp(preds, 1, float("inf"))
    rmse = torch.sqrt(torch.nn.MSELoss()(torch.log(clipped_preds), torch.log(labels)))
    return rmse.item()


print(f"{log_rmse(torch.tensor([[0.5], [2.0], [4.0]]), torch.tensor([[1.0], [2.5], [3.0]])):.5f}")
numeric = torch.tensor([[1.0, 200.0], [3.0, 400.0], [5.0, 600.0]])
standardized = (numeric - numeric.mean(0)) / numeric.std(0)
print(standardized, standardized.mean(0).abs().max() < 1e-6)
