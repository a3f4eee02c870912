import { route } from "../../../lib/api/handler";
import { ZCreateUpload } from "../../../lib/schemas/uploads";
import { startUpload } from "../../../lib/uploads/service";

export const POST = route({ role: "editor", body: ZCreateUpload }, ({ user, body }) =>
  startUpload(user, body),
);
