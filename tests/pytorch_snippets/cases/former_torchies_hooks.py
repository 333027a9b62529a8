# "nn package" for former Torch users: forward hooks and backward hooks on modules, and Tensor.register_hook.
# (Types are printed by __name__: autodidact's tensor class is not called torch.Tensor.)
import torch
import torch.nn as nn
import torch.nn.functional as F


class MNISTConvNet(nn.Module):

    def __init__(self):
        super(MNISTConvNet, self).__init__()
        self.conv1 = nn.Conv2d(1, 4, 5)
        self.pool1 = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(4, 6, 5)
        self.pool2 = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(6 * 4 * 4, 12)
        self.fc2 = nn.Linear(12, 10)

    def forward(self, input):
        x = self.pool1(F.relu(self.conv1(input)))
        x = self.pool2(F.relu(self.conv2(x)))
        x = x.view(x.size(0), -1)
        x = F.relu(self.fc1(x))
        x = self.fc2(x)
        return x


net = MNISTConvNet()
print(net)
with torch.no_grad():
    for p in net.parameters():
        p.copy_((torch.arange(p.numel()) % 7 - 3).reshape(p.shape) * 0.03)

input = ((torch.arange(28 * 28) % 9) / 9).reshape(1, 1, 28, 28)
out = net(input)
print(out.size())
target = torch.tensor([3], dtype=torch.long)
loss_fn = nn.CrossEntropyLoss()
err = loss_fn(out, target)
err.backward()
print(err)
print(net.conv1.weight.grad.size())
print(net.conv1.weight.data.norm())
print(net.fc2.bias.grad)


def printnorm(self, input, output):
    print('Inside ' + self.__class__.__name__ + ' forward')
    print('')
    print('input: ', type(input))
    print('input[0]: ', type(input[0]).__name__)
    print('output: ', type(output).__name__)
    print('')
    print('input size:', input[0].size())
    print('output size:', output.data.size())
    print('output norm:', output.data.norm())


handle = net.conv2.register_forward_hook(printnorm)
out = net(input)
handle.remove()
out = net(input)


def printgradnorm(self, grad_input, grad_output):
    print('Inside ' + self.__class__.__name__ + ' backward')
    print('grad_input: ', type(grad_input), len(grad_input))
    print('grad_output: ', type(grad_output), len(grad_output))
    print('grad_output[0] size:', grad_output[0].size())
    print('grad_input[0] size:', grad_input[0].size())


net.fc2.register_full_backward_hook(printgradnorm)
out = net(input)
err = loss_fn(out, target)
err.backward()

seen = []
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
h = y.register_hook(lambda grad: seen.append(grad.clone()))
y.register_hook(lambda grad: grad * 10)
y.sum().backward()
print(seen, x.grad)
h.remove()
x.grad = None
(x * 2).sum().backward()
print(x.grad)
