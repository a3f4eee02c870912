import { route } from "@/lib/api/handler";
import { addLabel, listKnownLabels } from "@/lib/labels/taught";
import { ZAddLabel } from "@/lib/schemas/labels";

// Issue #14 item 4: the labels this instance knows (the model's own and those editors added).
export const GET = route({ role: "viewer" }, () => listKnownLabels());

export const POST = route({ role: "editor", body: ZAddLabel }, ({ body, user }) =>
  addLabel(body.name, user.id),
);
