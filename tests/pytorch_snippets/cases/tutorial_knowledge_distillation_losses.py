# pytorch/tutorials beginner_source/knowledge_distillation_tutorial: the soft-target loss (softmax of
# teacher logits / T, log_softmax of student logits / T, sum, scaled by T**2) combined with
# CrossEntropyLoss, and the MSE feature-map loss through a regressor, on fixed logits and networks.
import torch
import torch.nn as nn
import torch.optim as optim

teacher = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 4))
student = nn.Sequential(nn.Linear(6, 4))
for k, net in enumerate((teacher, student)):
    for i, p in enumerate(net.parameters()):
        with torch.no_grad():
            p.copy_(torch.sin(torch.arange(p.numel(), dtype=torch.float) * (0.5 + i + k)).reshape(p.shape) * 0.4)

inputs = torch.cos(torch.arange(30, dtype=torch.float).reshape(5, 6))
labels = torch.tensor([0, 3, 1, 2, 3])
ce_loss = nn.CrossEntropyLoss()
optimizer = optim.Adam(student.parameters(), lr=0.01)
T, soft_target_loss_weight, ce_loss_weight = 2, 0.25, 0.75
teacher.eval()
student.train()
for epoch in range(3):
    running_loss = 0.0
    optimizer.zero_grad()
    with torch.no_grad():
        teacher_logits = teacher(inputs)
    student_logits = student(inputs)
    soft_targets = nn.functional.softmax(teacher_logits / T, dim=-1)
    soft_prob = nn.functional.log_softmax(student_logits / T, dim=-1)
    soft_targets_loss = torch.sum(soft_targets * (soft_targets.log() - soft_prob)) / soft_prob.size()[0] * (T**2)
    label_loss = ce_loss(student_logits, labels)
    loss = soft_target_loss_weight * soft_targets_loss + ce_loss_weight * label_loss
    loss.backward()
    optimizer.step()
    running_loss += loss.item()
    print(f"Epoch {epoch + 1}/3, Loss: {running_loss:.5f}", f"{soft_targets_loss.item():.5f}")

print(teacher_logits.argmax(1), student(inputs).argmax(1))
correct = (torch.max(student(inputs), 1)[1] == labels).sum().item()
print(f"Test Accuracy: {100 * correct / labels.size(0):.2f}%")

regressor = nn.Conv2d(in_channels=4, out_channels=8, kernel_size=3, padding=1)
with torch.no_grad():
    regressor.weight.copy_(torch.cos(torch.arange(regressor.weight.numel(), dtype=torch.float)).reshape(regressor.weight.shape) * 0.1)
    regressor.bias.zero_()
student_fm = torch.sin(torch.arange(2 * 4 * 4 * 4, dtype=torch.float).reshape(2, 4, 4, 4)).requires_grad_()
teacher_fm = torch.cos(torch.arange(2 * 8 * 4 * 4, dtype=torch.float).reshape(2, 8, 4, 4))
mse_loss = nn.MSELoss()
hidden_rep_loss = mse_loss(regressor(student_fm), teacher_fm)
hidden_rep_loss.backward()
print(hidden_rep_loss, student_fm.grad.abs().sum())
flat = torch.flatten(nn.functional.avg_pool2d(student_fm, 2), 1)
print(flat.shape)
