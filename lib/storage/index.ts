export * from "./objects";
export { keys, extOf } from "./keys";
export { bucket } from "./client";
