import torch
import torch.nn.functional as F
a = torch.tensor([[0.9041, 0.0196], [-0.3108, -2.4423], [-0.4821, 1.059]])
b = torch.tensor([[-2.1763, -0.4713], [-0.6986, 1.3702]])
print(F.pairwise_distance(a[:2], b))
print(F.cosine_similarity(a[:2], b))
print(F.cosine_similarity(a[:2], b, dim=0))
print(F.normalize(a))
print(F.normalize(a, p=1, dim=0))
print(torch.nn.CosineSimilarity(dim=1)(a[:2], b), torch.nn.PairwiseDistance()(a[:2], b))
