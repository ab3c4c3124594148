# Generates pil_reference.json and the small images next to it with Pillow + torch (Debian
# python3-pil 9.4, python3-torch 1.13): the independent oracle for ImageDecoder / ImageTransforms.
# Run: /usr/bin/python3 make_pil_reference.py   (not needed by the build; outputs are committed)
import io, json
import numpy as np
import torch
from PIL import Image

rng = np.random.RandomState(7)
ref = {}

def img_json(im):
    a = np.asarray(im.convert("RGB"), dtype=np.uint8)
    return {"width": im.width, "height": im.height, "rgb": a.reshape(-1).tolist()}

src = Image.fromarray(rng.randint(0, 256, size=(5, 7, 3), dtype=np.uint8), "RGB")  # 7 wide, 5 high
ref["source"] = img_json(src)
ref["resize"] = []
for (w, h) in [(16, 11), (3, 2), (7, 3), (2, 5), (13, 5)]:
    ref["resize"].append({"width": w, "height": h, "out": img_json(src.resize((w, h), Image.BICUBIC))})

big = Image.fromarray(rng.randint(0, 256, size=(37, 50, 3), dtype=np.uint8), "RGB")  # 50 wide, 37 high
ref["big"] = img_json(big)
# torchvision Resize(8, BICUBIC): shorter side 8, longer int(8 * 50 / 37) = 10; CenterCrop(8)
r = big.resize((int(8 * 50 / 37), 8), Image.BICUBIC)
left = int(round((r.width - 8) / 2.0)); top = int(round((r.height - 8) / 2.0))
ref["eval8"] = img_json(r.crop((left, top, left + 8, top + 8)))
# resized_crop with a fixed box: crop (left 3, top 5, w 30, h 25) then resize to 12x12
ref["resizedCrop"] = {"left": 3, "top": 5, "width": 30, "height": 25, "size": 12,
                      "out": img_json(big.crop((3, 5, 33, 30)).resize((12, 12), Image.BICUBIC))}

# ToTensor + Normalize in torch float32 on a 2x2 image
tiny = np.array([[[0, 128, 255], [10, 20, 30]], [[255, 255, 255], [1, 2, 3]]], dtype=np.uint8)
t = torch.from_numpy(tiny).permute(2, 0, 1).float().div(255)
mean = torch.tensor([0.48145466, 0.4578275, 0.40821073]).view(3, 1, 1)
std = torch.tensor([0.26862954, 0.26130258, 0.27577711]).view(3, 1, 1)
ref["normalize"] = {"width": 2, "height": 2, "rgb": tiny.reshape(-1).tolist(),
                    "chw": [float(x) for x in ((t - mean) / std).reshape(-1).tolist()]}

def save(im, name, **kw):
    im.save(name, **kw)

# RGBA with a range of alpha values -> composited on white by Pillow
rgba = rng.randint(0, 256, size=(4, 6, 4), dtype=np.uint8)
rgba[0, 0, 3] = 0; rgba[0, 1, 3] = 255; rgba[0, 2, 3] = 128
im = Image.fromarray(rgba, "RGBA"); save(im, "rgba.png")
white = Image.new("RGBA", im.size, (255, 255, 255, 255))
ref["rgba.png"] = img_json(Image.alpha_composite(white, im))
# gray, gray + alpha
g = Image.fromarray(rng.randint(0, 256, size=(3, 5), dtype=np.uint8), "L"); save(g, "gray.png")
ref["gray.png"] = img_json(g)
la = Image.fromarray(rng.randint(0, 256, size=(3, 5, 2), dtype=np.uint8), "LA"); save(la, "gray_alpha.png")
ref["gray_alpha.png"] = img_json(Image.alpha_composite(white.resize(la.size), la.convert("RGBA")))
# palette with a transparent entry
p = Image.new("P", (4, 2)); p.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255] + [0] * 759)
p.putdata([0, 1, 2, 0, 1, 2, 0, 1]); save(p, "palette.png", transparency=1)
ref["palette.png"] = img_json(Image.alpha_composite(white.resize(p.size), Image.open("palette.png").convert("RGBA")))
# JPEG of a smooth gradient (decoders may differ by rounding in the IDCT)
yy, xx = np.mgrid[0:16, 0:24]
grad = np.stack([xx * 10, yy * 15, (xx + yy) * 5], axis=-1).astype(np.uint8)
save(Image.fromarray(grad, "RGB"), "gradient.jpg", quality=95)
ref["gradient.jpg"] = img_json(Image.open("gradient.jpg"))

with open("pil_reference.json", "w") as f:
    json.dump(ref, f)
