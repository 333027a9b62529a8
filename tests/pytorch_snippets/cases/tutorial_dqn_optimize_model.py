# pytorch/tutorials intermediate_source/reinforcement_q_learning: ReplayMemory of Transition
# namedtuples, select_action's greedy branch, optimize_model (gather, non-final mask, max(1).values,
# SmoothL1Loss, clip_grad_value_, AdamW(amsgrad=True)) and the soft target-network update.
import math
import random
from collections import namedtuple, deque
import torch
import torch.nn as nn
import torch.optim as optim

Transition = namedtuple('Transition', ('state', 'action', 'next_state', 'reward'))


class ReplayMemory(object):
    def __init__(self, capacity):
        self.memory = deque([], maxlen=capacity)

    def push(self, *args):
        self.memory.append(Transition(*args))

    def sample(self, batch_size):
        return random.sample(self.memory, batch_size)

    def __len__(self):
        return len(self.memory)


class DQN(nn.Module):
    def __init__(self, n_observations, n_actions):
        super(DQN, self).__init__()
        self.layer1 = nn.Linear(n_observations, 16)
        self.layer2 = nn.Linear(16, 16)
        self.layer3 = nn.Linear(16, n_actions)

    def forward(self, x):
        x = torch.relu(self.layer1(x))
        x = torch.relu(self.layer2(x))
        return self.layer3(x)


BATCH_SIZE, GAMMA, EPS_START, EPS_END, EPS_DECAY, TAU, LR = 4, 0.99, 0.9, 0.05, 1000, 0.005, 1e-4
n_actions, n_observations = 2, 4
policy_net = DQN(n_observations, n_actions)
target_net = DQN(n_observations, n_actions)
for i, p in enumerate(policy_net.parameters()):
    with torch.no_grad():
        p.copy_(torch.sin(torch.arange(p.numel(), dtype=torch.float) * (0.7 + i)).reshape(p.shape) * 0.3)
target_net.load_state_dict(policy_net.state_dict())
optimizer = optim.AdamW(policy_net.parameters(), lr=LR, amsgrad=True)
memory = ReplayMemory(10000)
steps_done = 0


def select_action(state):
    global steps_done
    eps_threshold = EPS_END + (EPS_START - EPS_END) * math.exp(-1. * steps_done / EPS_DECAY)
    steps_done += 1
    with torch.no_grad():
        return policy_net(state).max(1).indices.view(1, 1), round(eps_threshold, 4)


for t in range(6):
    state = torch.tensor([math.cos(t), math.sin(t), 0.1 * t, -0.2], dtype=torch.float32).unsqueeze(0)
    action, eps = select_action(state)
    print(action, eps)
    next_state = None if t == 3 else state + 0.1
    memory.push(state, action, next_state, torch.tensor([1.0 if t % 2 else 0.5]))
print(len(memory))


def optimize_model(transitions):
    batch = Transition(*zip(*transitions))
    non_final_mask = torch.tensor(tuple(map(lambda s: s is not None, batch.next_state)), dtype=torch.bool)
    non_final_next_states = torch.cat([s for s in batch.next_state if s is not None])
    state_batch = torch.cat(batch.state)
    action_batch = torch.cat(batch.action)
    reward_batch = torch.cat(batch.reward)
    state_action_values = policy_net(state_batch).gather(1, action_batch)
    next_state_values = torch.zeros(len(transitions))
    with torch.no_grad():
        next_state_values[non_final_mask] = target_net(non_final_next_states).max(1).values
    expected_state_action_values = (next_state_values * GAMMA) + reward_batch
    criterion = nn.SmoothL1Loss()
    loss = criterion(state_action_values, expected_state_action_values.unsqueeze(1))
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_value_(policy_net.parameters(), 100)
    optimizer.step()
    print(non_final_mask, state_action_values.shape, f"{loss.item():.6f}")


optimize_model(list(memory.memory)[:BATCH_SIZE])
optimize_model(list(memory.memory)[2:])
target_net_state_dict = target_net.state_dict()
policy_net_state_dict = policy_net.state_dict()
for key in policy_net_state_dict:
    target_net_state_dict[key] = policy_net_state_dict[key] * TAU + target_net_state_dict[key] * (1 - TAU)
target_net.load_state_dict(target_net_state_dict)
print(target_net.layer3.bias, policy_net.layer3.bias)
print(optimizer.state_dict()['param_groups'][0]['amsgrad'], sorted(optimizer.state[policy_net.layer3.bias]))
