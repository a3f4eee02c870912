export * from "./objects";
export { keys, extOf, clipFramesOf, type ClipFrames } from "./keys";
export { bucket } from "./client";
export { OPAQUE_TYPE, typeForKey, dispositionFor } from "./media-types";
export { mediaThroughApp, isReadableKey, partPath } from "./browser-access";
export { objectResponse } from "./stream";
