import { route } from "@/lib/api/handler";
import { listVersions, startRetrain } from "@/lib/learn/service";

// Issue #14: model versions made by retraining. Editors start a retrain and watch it; admins activate.
export const GET = route({ role: "editor" }, () => listVersions());

export const POST = route({ role: "editor" }, ({ user }) => startRetrain(user.id));
