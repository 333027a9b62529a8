# docs/source/notes/serialization.rst: saving tensors keeps views' shared storage, clone() before
# saving a small view, state_dict round trips and load_state_dict into a fresh module.
import io
import torch

t = torch.tensor([1., 2.])
buf = io.BytesIO()
torch.save(t, buf)
buf.seek(0)
print(torch.load(buf))

numbers = torch.arange(1, 10)
evens = numbers[1::2]
buf = io.BytesIO()
torch.save([numbers, evens], buf)
buf.seek(0)
loaded_numbers, loaded_evens = torch.load(buf)
loaded_evens *= 2
print(loaded_numbers)
print(loaded_evens)

large = torch.arange(1, 1000)
small = large[0:5]
buf = io.BytesIO()
torch.save(small.clone(), buf)
buf.seek(0)
loaded_small = torch.load(buf)
print(loaded_small, loaded_small.size())

bn = torch.nn.BatchNorm1d(3, track_running_stats=True)
print(list(bn.named_parameters()))
print(list(bn.named_buffers()))
print(bn.state_dict())
buf = io.BytesIO()
torch.save(bn.state_dict(), buf)
buf.seek(0)
bn_state_dict = torch.load(buf)
new_bn = torch.nn.BatchNorm1d(3, track_running_stats=True)
print(new_bn.load_state_dict(bn_state_dict))


class MyModule(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = torch.nn.Linear(4, 2)
        self.l1 = torch.nn.Linear(2, 1)

    def forward(self, input):
        out0 = self.l0(input)
        out0_relu = torch.nn.functional.relu(out0)
        return self.l1(out0_relu)


m = MyModule()
print([(k, v.shape) for k, v in m.state_dict().items()])
buf = io.BytesIO()
torch.save(m.state_dict(), buf)
buf.seek(0)
m_state_dict = torch.load(buf)
new_m = MyModule()
print(new_m.load_state_dict(m_state_dict))
print(all(torch.equal(a, b) for a, b in zip(m.parameters(), new_m.parameters())))
