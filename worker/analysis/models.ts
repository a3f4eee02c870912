import { loadModel, type LoadedModel } from "@/lib/model";

// Loading checks sha256 of every model file (the backbone is 14 MB): once per model per process.
const cache = new Map<string, Promise<LoadedModel>>();

export function modelFor(id: string | undefined): Promise<LoadedModel> {
  const key = id ?? "";
  let p = cache.get(key);
  if (!p) {
    p = loadModel(id);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}
