import torch
x = torch.tensor([1.0, 2.0])
for attempt in (lambda: x.cuda(), lambda: x.to("cuda"), lambda: torch.zeros(2, device="cuda"),
                lambda: torch.device("gpu"), lambda: x.to("mps"), lambda: torch.nn.Linear(2, 2).cuda()):
    try:
        attempt()
        print("worked")
    except Exception as error:
        print(type(error).__name__)


def try_gpu(i=0):
    """d2l's helper: the i-th GPU if it exists, else the CPU."""
    if torch.cuda.device_count() >= i + 1:
        return torch.device(f"cuda:{i}")
    return torch.device("cpu")


print(try_gpu(), try_gpu(10), [try_gpu(i) for i in range(2)])
print(torch.ones(2, 3, device=try_gpu()))
