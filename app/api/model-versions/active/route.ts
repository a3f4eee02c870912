import { route } from "@/lib/api/handler";
import { activateVersion } from "@/lib/learn/service";
import { ZActivateVersion } from "@/lib/schemas/learn";

// Activate a version, or roll back to the installed model with {"versionId": null}.
export const PUT = route({ role: "admin", body: ZActivateVersion }, ({ body }) =>
  activateVersion(body.versionId),
);
