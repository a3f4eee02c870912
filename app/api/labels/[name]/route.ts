import { route } from "@/lib/api/handler";
import { removeLabel, renameLabel } from "@/lib/labels/admin";
import { ZLabelParams, ZRemoveLabel, ZRenameLabel } from "@/lib/schemas/labels";
import { paramsOf } from "@/lib/schemas/params";

// Issue #14: a taught label renamed (a typo) or removed with its examples (added by mistake).
export const PATCH = route({ role: "editor", body: ZRenameLabel }, ({ params, body }) =>
  renameLabel(paramsOf(ZLabelParams, params).name, body.name),
);

export const DELETE = route({ role: "editor", body: ZRemoveLabel }, ({ params }) =>
  removeLabel(paramsOf(ZLabelParams, params).name),
);
