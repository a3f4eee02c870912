import { route } from "@/lib/api/handler";
import { readCappedBody } from "@/lib/brand/body";
import { LOGO_MAX_BYTES } from "@/lib/brand/image";
import { deleteLogo, logoResponse, putLogo } from "@/lib/brand/service";

export const GET = route({}, () => logoResponse());

// The logo's bytes as application/octet-stream (a form cannot send that cross-site); its type is told
// from the bytes themselves (lib/brand/image.ts), never from a name or header.
export const PUT = route({ role: "admin", rawBody: true }, async ({ req, user }) =>
  putLogo(await readCappedBody(req, LOGO_MAX_BYTES, "logo"), user.id),
);

export const DELETE = route({ role: "admin" }, ({ user }) => deleteLogo(user.id));
