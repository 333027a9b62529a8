# Least squares three ways (normal equations with solve, inv, lstsq), then gradients through them.
import torch

torch.manual_seed(0)
X = torch.tensor([[1.0, 0.5], [1.0, 1.5], [1.0, 2.0], [1.0, 3.5], [1.0, 4.0]], dtype=torch.float64)
y = torch.tensor([[1.1], [2.9], [4.2], [7.1], [7.8]], dtype=torch.float64)
XtX = X.T @ X
w_solve = torch.linalg.solve(XtX, X.T @ y)
w_inv = torch.linalg.inv(XtX) @ X.T @ y
w_lstsq = torch.linalg.lstsq(X, y).solution
print(w_solve)
print(torch.allclose(w_solve, w_inv), torch.allclose(w_solve, w_lstsq))
print(torch.linalg.det(XtX), torch.linalg.matrix_rank(X))
print(torch.linalg.pinv(X) @ y)

# The fitted weights as a function of the targets: d(sum w)/dy = X pinv(X)^T summed
y.requires_grad_()
w = torch.linalg.lstsq(X, y).solution
print(w.grad_fn.name())
w.sum().backward()
print(y.grad)

A = torch.tensor([[3.0, 1.0], [1.0, 2.0]], requires_grad=True)
values, vectors = torch.linalg.eigh(A)
print(values, values.grad_fn.name())
L = torch.linalg.cholesky(A)
print(L)
(torch.linalg.det(A) + torch.linalg.inv(A).sum() + L.sum()).backward()
print(A.grad)
sign, logabsdet = torch.linalg.slogdet(A.detach())
print(sign, logabsdet)
