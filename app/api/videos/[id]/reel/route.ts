import { route } from "@/lib/api/handler";
import { labelParam } from "@/lib/clips/current";
import { getReel, requestReel } from "@/lib/clips/reel";
import { ZReelRequest } from "@/lib/schemas/highlights";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

// GET ?label=goal: the stored reel, and what a goal reel would take (rule, count).
export const GET = route({}, ({ params, req }) =>
  getReel(paramsOf(ZIdParams, params).id, labelParam(req.nextUrl.searchParams)),
);

// POST {"label": "goal"}: a reel of that label only; no label: every label. "brand": true dresses it with
// the instance brand; "shootout": true takes the first shoot-out's kicks, numbered, with the tally.
export const POST = route({ role: "editor", body: ZReelRequest }, ({ params, body }) =>
  requestReel(paramsOf(ZIdParams, params).id, body.label ?? null, {
    brand: body.brand,
    shootout: body.shootout,
  }),
);
