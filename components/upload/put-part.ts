import { abortError, type PutPart } from "./upload-engine";

// XHR rather than fetch: fetch has no upload progress events, and the progress bar needs them.
export const xhrPutPart: PutPart = (url, body, onProgress, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal.removeEventListener("abort", onAbort);
    xhr.open("PUT", url);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      settle();
      if (xhr.status < 200 || xhr.status >= 300) {
        return reject(new Error(`Storage refused a part (HTTP ${xhr.status})`));
      }
      const etag = xhr.getResponseHeader("ETag");
      if (!etag)
        return reject(new Error("Storage did not expose the ETag header (check its CORS ExposeHeaders)"));
      resolve(etag);
    };
    xhr.onerror = () => {
      settle();
      reject(new Error("Network error while uploading"));
    };
    xhr.onabort = () => {
      settle();
      reject(abortError());
    };
    xhr.send(body);
  });
