export * from "./manifest";
export { loadModel, listModels, defaultModelId, readManifest, modelRoots, type LoadedModel } from "./load";
export { resolveFile, verifySha256, sha256File } from "./files";
export { calibrate } from "./calibration";
