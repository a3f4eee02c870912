import { route } from "@/lib/api/handler";
import { ZCreateUpload, type TActiveUpload } from "@/lib/schemas/uploads";
import { listActiveUploads, startUpload } from "@/lib/uploads/service";

/** The caller's unfinished uploads, so the page can offer to resume them after a reload. */
export const GET = route({ role: "editor" }, async ({ user }): Promise<{ uploads: TActiveUpload[] }> => ({
  uploads: await listActiveUploads(user),
}));

/** Starts an upload, or resumes the caller's active one for the same file (name, size, lastModified). */
export const POST = route({ role: "editor", body: ZCreateUpload }, ({ user, body }) =>
  startUpload(user, body),
);
