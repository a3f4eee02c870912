import { route } from "@/lib/api/handler";
import { getBrand, patchBrand } from "@/lib/brand/service";
import { ZBrandPatch } from "@/lib/schemas/brand";

// Every signed-in user may read the brand (the downloads panel says whether there is one); admins set it.
export const GET = route({}, () => getBrand());

export const PATCH = route({ role: "admin", body: ZBrandPatch }, ({ body, user }) =>
  patchBrand(body, user.id),
);
