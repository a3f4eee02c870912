"""Copy of an ONNX graph with every node output also a graph output (for calibration).

usage: python3 expose_outputs.py IN.onnx OUT.onnx
"""
import sys

import onnx

m = onnx.load(sys.argv[1])
have = {o.name for o in m.graph.output}
for n in m.graph.node:
    for o in n.output:
        if o not in have:
            m.graph.output.append(onnx.helper.make_tensor_value_info(o, onnx.TensorProto.FLOAT, None))
onnx.save(m, sys.argv[2])
