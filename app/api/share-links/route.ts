import { route } from "@/lib/api/handler";
import { ZShareCreate } from "@/lib/schemas/shares";
import { createShareLink, liveShareLinks } from "@/lib/shares/service";

/** Editors share a reel or a clip; admins see every live link (and revoke them, ./[id]). */
export const POST = route({ role: "editor", body: ZShareCreate }, ({ user, body }) =>
  createShareLink(user.id, body),
);

export const GET = route({ role: "admin" }, async () => ({ links: await liveShareLinks() }));
