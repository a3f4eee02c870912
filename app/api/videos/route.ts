import { route } from "../../../lib/api/handler";
import type { TVideoDto } from "../../../lib/schemas/videos";
import { listVideos } from "../../../lib/videos/service";

export const GET = route({}, async (): Promise<{ videos: TVideoDto[] }> => ({ videos: await listVideos() }));
