"""torch.optim.AdamW reference for dihit-train's AdamW test (run once, output committed).

Run: /usr/bin/python3 make_adamw_reference.py   (Debian python3-torch 1.13)
Three parameters (a decayed 3x4 matrix, an undecayed vector and an undecayed scalar), three steps
with given gradients and a changing learning rate, float32.
"""
import json
import torch

torch.manual_seed(1)
params = {"w": torch.randn(3, 4), "b": torch.randn(4), "logit_scale": torch.tensor(2.6592)}
initial = {k: v.tolist() for k, v in params.items()}
tensors = {k: v.clone().requires_grad_(True) for k, v in params.items()}
opt = torch.optim.AdamW([{"params": [tensors["w"]], "weight_decay": 0.2},
                         {"params": [tensors["b"], tensors["logit_scale"]], "weight_decay": 0.0}],
                        lr=0.01, betas=(0.9, 0.98), eps=1e-6)
lrs = [0.01, 0.005, 0.002]
steps = []
for lr in lrs:
    grads = {k: torch.randn(v.shape) for k, v in tensors.items()}
    for group in opt.param_groups:
        group["lr"] = lr
    for k, t in tensors.items():
        t.grad = grads[k].clone()
    opt.step()
    steps.append({"lr": lr, "grads": {k: g.tolist() for k, g in grads.items()}})
json.dump({"initial": initial, "steps": steps, "final": {k: t.detach().tolist() for k, t in tensors.items()}},
          open("adamw_reference.json", "w"))
