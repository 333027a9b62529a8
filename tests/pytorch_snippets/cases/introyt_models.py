# "Building Models with PyTorch" (Introduction to PyTorch video series): TinyModel, parameters, Linear, Conv2d, pooling, BatchNorm, Dropout.
import torch


class TinyModel(torch.nn.Module):

    def __init__(self):
        super(TinyModel, self).__init__()
        self.linear1 = torch.nn.Linear(100, 200)
        self.activation = torch.nn.ReLU()
        self.linear2 = torch.nn.Linear(200, 10)
        self.softmax = torch.nn.Softmax()

    def forward(self, x):
        x = self.linear1(x)
        x = self.activation(x)
        x = self.linear2(x)
        x = self.softmax(x)
        return x


tinymodel = TinyModel()
print('The model:')
print(tinymodel)
print('\n\nJust one layer:')
print(tinymodel.linear2)
print('\n\nModel params:')
for param in tinymodel.parameters():
    print(param.shape)
print('\n\nLayer params:')
for param in tinymodel.linear2.parameters():
    print(param.shape)

lin = torch.nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]))
    lin.bias.copy_(torch.tensor([0.05, -0.05]))
x = torch.tensor([[0.5, 0.25, -1.0]])
print('Input:')
print(x)
print('\n\nWeight and Bias parameters:')
for param in lin.parameters():
    print(param)
y = lin(x)
print('\n\nOutput:')
print(y)

my_tensor = (torch.arange(36.0) % 5).reshape(1, 6, 6)
print(my_tensor)
maxpool_layer = torch.nn.MaxPool2d(3)
print(maxpool_layer(my_tensor))

my_tensor = (torch.arange(32.0) % 7).reshape(1, 4, 8) * 3 + 5
print(my_tensor)
print(my_tensor.mean())
norm_layer = torch.nn.BatchNorm1d(4)
normed_tensor = norm_layer(my_tensor)
print(normed_tensor)
print(normed_tensor.mean().abs() < 1e-6)
print(norm_layer)

my_tensor = torch.ones(1, 4, 4)
dropout = torch.nn.Dropout(p=0.4)
out = dropout(my_tensor)
print(out.shape, ((out == 0) | (out == 1 / 0.6)).all())
dropout.eval()
print(dropout(my_tensor))
