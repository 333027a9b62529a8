# pytorch/tutorials beginner_source/fgsm_tutorial: fgsm_attack, denorm, and the test loop's steps
# (data.requires_grad = True, nll_loss on log-probabilities, data.grad.data, re-classification),
# with a small deterministic model instead of the pretrained LeNet and MNIST.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, 1)
        self.fc1 = nn.Linear(4 * 3 * 3, 10)

    def forward(self, x):
        x = self.conv1(x)
        x = F.relu(x)
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        output = F.log_softmax(x, dim=1)
        return output


model = Net()
for i, p in enumerate(model.parameters()):
    with torch.no_grad():
        p.copy_(torch.sin(torch.arange(p.numel(), dtype=torch.float) * (1.3 + i)).reshape(p.shape) * 0.5)
model.eval()


def fgsm_attack(image, epsilon, data_grad):
    sign_data_grad = data_grad.sign()
    perturbed_image = image + epsilon * sign_data_grad
    perturbed_image = torch.clamp(perturbed_image, 0, 1)
    return perturbed_image


def denorm(batch, mean=[0.1307], std=[0.3081]):
    if isinstance(mean, list):
        mean = torch.tensor(mean)
    if isinstance(std, list):
        std = torch.tensor(std)
    return batch * std.view(1, -1, 1, 1) + mean.view(1, -1, 1, 1)


images = (torch.cos(torch.arange(3 * 8 * 8, dtype=torch.float).reshape(3, 1, 8, 8) * 0.3) - 0.1307) / 0.3081
targets = torch.tensor([9, 9, 1])
for epsilon in [0, 0.05, 0.3]:
    correct = 0
    adv_examples = []
    for data, target in zip(images.split(1), targets.split(1)):
        data.requires_grad = True
        output = model(data)
        init_pred = output.max(1, keepdim=True)[1]
        if init_pred.item() != target.item():
            print('skip', target.item(), init_pred.item())
            continue
        loss = F.nll_loss(output, target)
        model.zero_grad()
        loss.backward()
        data_grad = data.grad.data
        data_denorm = denorm(data)
        perturbed_data = fgsm_attack(data_denorm, epsilon, data_grad)
        perturbed_data_normalized = (perturbed_data - 0.1307) / 0.3081
        output = model(perturbed_data_normalized)
        final_pred = output.max(1, keepdim=True)[1]
        if final_pred.item() == target.item():
            correct += 1
        adv_ex = perturbed_data.squeeze().detach().cpu().numpy()
        adv_examples.append((init_pred.item(), final_pred.item(), adv_ex.shape, round(float(adv_ex.mean()), 4)))
    final_acc = correct / float(len(images))
    print(f"Epsilon: {epsilon}\tTest Accuracy = {correct} / {len(images)} = {final_acc}")
    print(adv_examples)
