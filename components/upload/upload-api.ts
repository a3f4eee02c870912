import type {
  TCompletedUpload,
  TCreateUpload,
  TPresignedParts,
  TPresignParts,
  TRecordParts,
  TUploadSession,
} from "@/lib/schemas/uploads";
import { apiFetch } from "../api";
import type { UploadApi } from "./upload-engine";

export const uploadApi: UploadApi = {
  start: (file: TCreateUpload) => apiFetch<TUploadSession>("/api/uploads", { body: file }),
  presign: async (id, partNumbers, signal) => {
    const body: TPresignParts = { partNumbers };
    const out = await apiFetch<TPresignedParts>(`/api/uploads/${id}/parts`, { body, signal });
    return new Map(out.urls.map((u) => [u.partNumber, u.url]));
  },
  record: async (id, part) => {
    const body: TRecordParts = { parts: [part] };
    await apiFetch(`/api/uploads/${id}/parts`, { method: "PUT", body });
  },
  complete: (id, parts) => apiFetch<TCompletedUpload>(`/api/uploads/${id}/complete`, { body: { parts } }),
};

export const abortUploadRequest = (id: string) => apiFetch(`/api/uploads/${id}`, { method: "DELETE" });
