import { route } from "@/lib/api/handler";
import { changeRole } from "@/lib/auth/users";
import { ZRoleChange } from "@/lib/schemas/auth";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

export const PATCH = route({ role: "admin", body: ZRoleChange }, ({ user, params, body }) =>
  changeRole(user, paramsOf(ZIdParams, params).id, body.role),
);
