import { route } from "@/lib/api/handler";
import { clipsZip } from "@/lib/clips/service";
import { ZIdParams } from "@/lib/schemas/ids";
import { paramsOf } from "@/lib/schemas/params";

// Streams from S3 through the ZIP writer; nothing is buffered whole (lib/clips/zip.ts).
export const GET = route({}, ({ params }) => clipsZip(paramsOf(ZIdParams, params).id));
