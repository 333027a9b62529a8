# d2l 2.2 Data preprocessing without pandas: read a CSV, fill missing values, one-hot, convert to tensors.
import csv
import io
import math
import torch

text = """NumRooms,RoofType,Price
NA,NA,127500
2,NA,106000
4,Slate,178100
NA,NA,140000
"""
rows = list(csv.DictReader(io.StringIO(text)))
rooms = [float(r["NumRooms"]) if r["NumRooms"] != "NA" else math.nan for r in rows]
roof = [r["RoofType"] for r in rows]
price = [float(r["Price"]) for r in rows]
known = [v for v in rooms if not math.isnan(v)]
mean = sum(known) / len(known)
rooms = [mean if math.isnan(v) else v for v in rooms]
kinds = sorted(set(roof))
inputs = [[v] + [1.0 if r == k else 0.0 for k in kinds] for v, r in zip(rooms, roof)]
print(kinds)
X = torch.tensor(inputs)
y = torch.tensor(price)
print(X, y)
print(X.dtype, y.dtype)
X64 = torch.tensor(inputs, dtype=torch.float64)
print(X64)
t = torch.tensor([[math.nan, 1.0], [2.0, math.nan]])
print(torch.isnan(t), torch.isnan(t).sum(dim=0))
col_mean = torch.nanmean(t, dim=0)
print(col_mean)
filled = torch.where(torch.isnan(t), col_mean, t)
print(filled)
