"""Generates the tiny frozen teachers used by dihit-train's tests (run once, outputs committed).

Run: /usr/bin/python3 make_teachers.py   (Debian python3-torch 1.13)
Writes tiny_teacher.torchscript.pt, tiny_teacher.onnx and tiny_teacher_reference.json (inputs and
PyTorch's logits, the oracle the Java teacher wrappers are compared against).
"""
import json
import torch
import torch.nn as nn

torch.manual_seed(0)


class TinyTeacher(nn.Module):
    """images (N, 3, 8, 8) -> concept logits (N, 5)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.head = nn.Linear(4, 5)

    def forward(self, images):
        x = torch.relu(self.conv(images)).mean(dim=(2, 3))
        return self.head(x)


model = TinyTeacher().eval()
images = torch.randn(3, 3, 8, 8)
with torch.no_grad():
    logits = model(images)
torch.jit.script(model).save("tiny_teacher.torchscript.pt")
torch.onnx.export(model, (images,), "tiny_teacher.onnx", input_names=["images"], output_names=["logits"],
                  dynamic_axes={"images": {0: "n"}, "logits": {0: "n"}}, opset_version=13)
with open("tiny_teacher_reference.json", "w") as f:
    json.dump({"images": images.tolist(), "logits": logits.tolist()}, f)
