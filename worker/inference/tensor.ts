// What inference takes and gives, shared by the session (./session.ts) and the client of its thread
// (./session-client.ts): plain Float32Arrays (or bytes) and dims, nothing of onnxruntime-node.

export interface Tensor {
  data: Float32Array;
  dims: readonly number[];
}

// Inputs may also be bytes: the int8 backbone takes rgb24 frames as they come from ffmpeg.
export interface InputTensor {
  data: Float32Array | Uint8Array;
  dims: readonly number[];
}

export interface ModelSession {
  file: string;
  provider: "cuda" | "cpu";
  inputNames: readonly string[];
  outputNames: readonly string[];
  // transferInputs: the feeds' buffers move to the inference thread instead of being copied (the
  // caller must not touch them afterwards); worth it for a 4.8 MB backbone batch.
  run(
    feeds: Record<string, InputTensor>,
    outputs?: readonly string[],
    opts?: { transferInputs?: boolean },
  ): Promise<Record<string, Tensor>>;
  release(): Promise<void>;
}
