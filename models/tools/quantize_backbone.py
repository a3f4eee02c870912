"""Int8 MobileNetV2 backbone: the float ONNX from ../shared/models rewritten in QDQ form.

Weights: per-output-channel symmetric int8 (the float weights were themselves dequantized from the
quantized TFLite model, so little is lost). Activations: per-tensor uint8 with ranges measured on
train-split frames (models/tools/calibrate-backbone.ts; npm run model:quantize runs both). onnxruntime fuses DQ -> Conv -> Q into
QLinearConv and DQ -> Add -> Q into QLinearAdd, which run on int8 dot-product instructions (VNNI/AMX).
The features output (global average pool) stays float.

The network input needs no calibration: p/128 - 1 for bytes p is exact in uint8 with scale 1/128 and
zero point 128, i.e. the quantized input *is* the frame's bytes. So the graph takes the sampled frames
as ffmpeg writes them (uint8 [N, size, size, 3], rgb24) and applies the model's pre-processing itself
(as calibrate-backbone.ts read it from the manifest and recorded it in RANGES.json): the corner mask (masked pixels become the zero point, i.e. 0 after normalisation), then NHWC ->
NCHW, which onnxruntime cancels against its own NCHW -> NHWC for the int8 convolutions. Serving then does
no per-pixel work in JavaScript, and the features are bit-identical to feeding (p/128 - 1, masked to 0)
as float. The ImageNet classifier is pruned: serving reads the features only, and onnxruntime runs every
node of a graph whatever outputs are asked for (it was ~5 % of the time).

usage: python3 quantize_backbone.py FLOAT.onnx RANGES.json OUT.onnx [minmax|0.9999|...]
The last argument picks the calibration range: the observed min/max, or a two-sided percentile.
"""
import base64
import json
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

src, ranges_file, dst = sys.argv[1:4]
method = sys.argv[4] if len(sys.argv) > 4 else "minmax"
m = onnx.load(src)
g = m.graph
calib = json.load(open(ranges_file))
ranges = calib["ranges"] if method == "minmax" else {k: v[method] for k, v in calib["percentiles"].items()}
inits = {i.name: i for i in g.initializer}
consts = {}
for n in g.node:  # Clip bounds may be Constant nodes
    if n.op_type == "Constant":
        consts[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)


def const_value(name):
    if name in inits:
        return numpy_helper.to_array(inits[name])
    return consts[name]


producers = {o: n for n in g.node for o in n.output}
new_inits = []
new_nodes = []


def add_init(name, arr):
    new_inits.append(numpy_helper.from_array(arr, name))
    return name


def act_params(tensor):
    """uint8 scale / zero point for an activation tensor."""
    if tensor == g.input[0].name:
        return np.float32(1 / 128), np.uint8(128)
    lo, hi = ranges[tensor]
    p = producers.get(tensor)
    if p is not None and p.op_type == "Clip":
        # ReLU6: zero point 0 and a range inside [0, 6] let onnxruntime drop the Clip (ClipQuantFusion).
        lo, hi = 0.0, min(hi, float(const_value(p.input[2])))
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = (hi - lo) / 255 if hi > lo else 1.0
    zp = int(round(-lo / scale))
    return np.float32(scale), np.uint8(min(255, max(0, zp)))


qdq_of = {}


def qdq(tensor):
    """Insert Q -> DQ after an activation once; consumers read the DQ output."""
    if tensor in qdq_of:
        return qdq_of[tensor]
    scale, zp = act_params(tensor)
    s = add_init(f"{tensor}_scale", np.array(scale, dtype=np.float32))
    z = add_init(f"{tensor}_zp", np.array(zp, dtype=np.uint8))
    new_nodes.append(helper.make_node("QuantizeLinear", [tensor, s, z], [f"{tensor}_q"], name=f"{tensor}_Q"))
    new_nodes.append(
        helper.make_node("DequantizeLinear", [f"{tensor}_q", s, z], [f"{tensor}_dq"], name=f"{tensor}_DQ")
    )
    qdq_of[tensor] = (f"{tensor}_dq", scale)
    return qdq_of[tensor]


def dequantized_const(name, q, scale):
    """A per-channel constant stored quantized, read through DequantizeLinear (zero point 0)."""
    add_init(f"{name}_q", q)
    add_init(f"{name}_scale", scale)
    add_init(f"{name}_zp", np.zeros(q.shape[0], dtype=q.dtype))
    new_nodes.append(
        helper.make_node(
            "DequantizeLinear", [f"{name}_q", f"{name}_scale", f"{name}_zp"], [f"{name}_dq"], axis=0
        )
    )
    return f"{name}_dq"


def quant_conv_weights(node, in_scale):
    w = numpy_helper.to_array(inits[node.input[1]]).astype(np.float32)
    oc = w.shape[0]
    amax = np.abs(w.reshape(oc, -1)).max(axis=1)
    ws = np.where(amax > 0, amax / 127, 1.0).astype(np.float32)
    wq = np.clip(np.round(w / ws.reshape(-1, 1, 1, 1)), -127, 127).astype(np.int8)
    ins = [None, dequantized_const(node.input[1], wq, ws)]
    if len(node.input) > 2:
        # int32 bias in the accumulator's scale (input scale × weight scale), as QLinearConv wants it.
        b = numpy_helper.to_array(inits[node.input[2]]).astype(np.float64)
        bs = (ws.astype(np.float64) * float(in_scale)).astype(np.float32)
        ins.append(dequantized_const(node.input[2], np.round(b / bs).astype(np.int32), bs))
    return ins


classifier_input = None
for n in g.node:
    if n.op_type == "AveragePool":
        classifier_input = n.output[0]

out_nodes = []
for n in g.node:
    if n.op_type == "Conv" and n.input[0] != classifier_input:
        x, in_scale = qdq(n.input[0])
        ins = quant_conv_weights(n, in_scale)
        ins[0] = x
        n.input[:] = ins
        # The Conv's output gets its own Q/DQ unless a Clip follows (that Clip's output carries it).
    elif n.op_type == "Add":
        n.input[:] = [qdq(i)[0] for i in n.input]
    elif n.op_type == "AveragePool":
        n.input[0] = qdq(n.input[0])[0]
    out_nodes.append(n)

# Conv outputs read by something other than a Clip (projection convs feeding the next block or an
# Add) and Add outputs are quantized by their consumers above; drop float weights now unused.
used = {i for n in out_nodes + new_nodes for i in n.input}
keep = [i for i in g.initializer if i.name in used]
del g.initializer[:]
g.initializer.extend(keep + [i for i in new_inits if i.name in used])
# Topological order: each Q/DQ pair right after its producer (or first for the graph input).
order = []
by_tensor = {}
for q in new_nodes:
    by_tensor.setdefault(q.input[0], []).append(q)
emitted = set()


def emit(node):
    order.append(node)
    for o in node.output:
        for q in by_tensor.get(o, []):
            if id(q) not in emitted:
                emitted.add(id(q))
                emit(q)


for t in [g.input[0].name] + [i.name for i in g.initializer]:
    for q in by_tensor.get(t, []):
        if id(q) not in emitted:
            emitted.add(id(q))
            emit(q)
for n in out_nodes:
    emit(n)

# Serving front end (see the docstring): frames uint8 NHWC -> mask -> NCHW, replacing the input's Q.
spec = calib["preprocess"]
in_name = g.input[0].name
size = g.input[0].type.tensor_type.shape.dim[2].dim_value
in_scale, in_zp = act_params(in_name)
assert spec["size"] == size, f"manifest size {spec['size']} is not the graph's {size}"
assert spec["scale"] == float(in_scale) and spec["offset"] == -float(in_zp) * float(in_scale), (
    f"manifest normalisation p*{spec['scale']}+{spec['offset']} is not uint8 scale {in_scale}, zero point {in_zp}"
)
plane = np.frombuffer(base64.b64decode(spec["maskPlane"]), dtype=np.uint8).reshape(size, size)
# Full trailing shape [size, size, 3]: Where then only broadcasts over N (with [1, size, size, 1] it was
# a quarter of the graph's time).
mask = np.repeat(plane[:, :, None] != 0, 3, axis=2)
g.initializer.extend(
    [numpy_helper.from_array(mask, "frame_mask"), numpy_helper.from_array(np.array(in_zp, dtype=np.uint8), "mask_value")]
)
input_q = f"{in_name}_q"
front = [
    helper.make_node("Where", ["frame_mask", "mask_value", "frames"], ["frames_masked"], name="frame_mask"),
    helper.make_node("Transpose", ["frames_masked"], [input_q], perm=[0, 3, 1, 2], name="frames_nchw"),
]
order = front + [n for n in order if n.output[0] != input_q]
del g.input[:]
g.input.extend([helper.make_tensor_value_info("frames", TensorProto.UINT8, ["N", size, size, 3])])

# Keep only what the features output needs (drops the classifier: Conv, Flatten, Softmax, "probs").
needed = {"features"}
kept = []
for n in reversed(order):
    if any(o in needed for o in n.output):
        kept.append(n)
        needed.update(n.input)
order = kept[::-1]
outs = [o for o in g.output if o.name == "features"]
del g.output[:]
g.output.extend(outs)
used = {i for n in order for i in n.input}
keep = [i for i in g.initializer if i.name in used]
del g.initializer[:]
g.initializer.extend(keep)

del g.node[:]
g.node.extend(order)
m.producer_name = "matchcut quantize-backbone.py"
onnx.checker.check_model(m)
onnx.save(m, dst)
print(f"wrote {dst}: {sum(1 for n in order if n.op_type == 'QuantizeLinear')} activation Q/DQ pairs")
