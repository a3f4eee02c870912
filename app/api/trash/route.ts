import { route } from "@/lib/api/handler";
import { listTrash } from "@/lib/trash/service";

export const GET = route({ role: "editor" }, async ({ user }) => ({ videos: await listTrash(user) }));
