import { z } from "zod";

// The one reader of process.env. Defaults point at the local services that `npm run up` starts;
// set a variable to use an external service instead (docs/configuration.md).
const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  PORT: z.coerce.number().int().positive().default(3000),
  APP_URL: z.url().default("http://localhost:3000"),
  DATA_DIR: z.string().default(".data"),

  DATABASE_URL: z.string().min(1).default("postgresql://matchcut@127.0.0.1:55432/matchcut"),
  REDIS_URL: z.string().min(1).default("redis://127.0.0.1:56379/0"),
  QUEUE_PREFIX: z.string().default("matchcut"),

  S3_ENDPOINT: z.url().default("http://127.0.0.1:59000"),
  // What the browser uses for presigned URLs, when it differs from what the server reaches.
  S3_PUBLIC_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().min(3).default("matchcut"),
  S3_ACCESS_KEY_ID: z.string().default("S3RVER"),
  S3_SECRET_ACCESS_KEY: z.string().default("S3RVER"),
  S3_FORCE_PATH_STYLE: bool.default(true),

  ADMIN_EMAIL: z.email().default("admin@matchcut.local"),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  SESSION_TTL_DAYS: z.coerce.number().positive().default(30),
  COOKIE_SECURE: bool.optional(),
  // Bearer token Prometheus sends to /api/metrics (issue #17); unset: only a signed-in admin may read it.
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),

  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 ** 3),
  UPLOAD_PART_BYTES: z.coerce
    .number()
    .int()
    .min(5 * 1024 ** 2)
    .default(16 * 1024 ** 2),

  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(1),
  // Heavy jobs (analysis chunks, clip cuts, reels, proxy, filmstrip, live clips) one worker process runs
  // at once, highest priority first; unset: os.availableParallelism() (worker/runtime.ts).
  WORKER_CPU_SLOTS: z.coerce.number().int().positive().optional(),
  WORKER_INTERACTIVE_SLOTS: z.coerce.number().int().positive().default(1),
  FFMPEG_PATH: z.string().default("ffmpeg"),
  FFPROBE_PATH: z.string().default("ffprobe"),
  // Issue #29: the TrueType font the brand's cards and lower-thirds are drawn with (a local file: nothing
  // is downloaded at run time). Debian/Ubuntu: package fonts-dejavu-core.
  BRAND_FONT_FILE: z.string().min(1).default("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
  // "auto": decode on the GPU (NVDEC through -hwaccel cuda) when a CUDA device initialises, else CPU;
  // "none": always CPU; any other value is passed to -hwaccel as is (checked once at start).
  FFMPEG_HWACCEL: z.string().default("auto"),
  MODELS_DIR: z.string().default("models"),
  // The model an analysis uses when it names none; unset: models/index.json's default.
  MODEL_ID: z.string().min(1).optional(),
  SHARED_MODELS_DIR: z.string().default("../shared/models"),
  // Issue #14: the retrain job runs the PyTorch trainer (models/tools/train.py --windows) with this.
  TRAIN_PYTHON: z.string().default("/usr/bin/python3"),
  // Its niceness: 19 yields the CPU to analysis (and everything else) on a shared machine.
  TRAIN_NICE: z.coerce.number().int().min(0).max(19).default(19),
  ORT_PROVIDER: z.enum(["auto", "cpu", "cuda"]).default("auto"),
  // onnxruntime CPU threads per session; unset: half the cores, at least one. The decoder sets the
  // analysis pace and gets the rest (worker/inference/session.ts).
  ORT_THREADS: z.coerce.number().int().positive().optional(),
  // Scheduling of the inference thread, so it runs in the decoder's idle time rather than taking
  // turns with it (Linux, per thread): "idle" = SCHED_IDLE, "low" = nice 19, "normal" = unchanged.
  INFERENCE_PRIORITY: z.enum(["idle", "low", "normal"]).default("idle"),
  // "Your highlights are ready" e-mail. Unset SMTP_URL = no mail (webhooks still fire).
  // e.g. smtp://user:pass@mail.example.com:587 or smtps://user:pass@mail.example.com:465
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Matchcut <matchcut@localhost>"),
  // How the 4-fps sampler decodes (worker/ffmpeg/sampler.ts, issue #25): "reference" skips the frames no
  // other frame refers to (B-frames) where the codec allows it; "every" decodes every frame, as before.
  // Training, evaluation and serving read it alike; a feature cache is keyed by it.
  ANALYZE_SAMPLER: z.enum(["reference", "every"]).default("reference"),
  // Analysis is split into chunks of this many seconds that any worker can take (scale-out).
  ANALYZE_CHUNK_S: z.coerce.number().positive().default(300),
  // Refused at probe (issue #16): longer than this, or fewer frames per second of timeline than
  // MIN_VIDEO_FPS (two frames a day apart is a broken file, not a long one).
  MAX_VIDEO_DURATION_S: z.coerce
    .number()
    .positive()
    .default(6 * 3600),
  MIN_VIDEO_FPS: z.coerce.number().positive().default(0.1),
  // Pictures narrower or lower than this are refused at probe (issue #23: a 1×1 video became "ready").
  MIN_VIDEO_SIDE_PX: z.coerce.number().int().min(1).default(32),
  // The janitor job (issue #16): an upload with no new part for this long is expired (its multipart
  // upload aborted); it runs every JANITOR_INTERVAL_H hours.
  UPLOAD_EXPIRE_H: z.coerce.number().positive().default(72),
  JANITOR_INTERVAL_H: z.coerce.number().positive().default(6),
  // How long a worker's hold on a running job lasts without renewal: a worker killed outright
  // (kill -9, power loss) has its job taken over by another worker this long after its last renewal.
  WORKER_LOCK_MS: z.coerce.number().int().min(2_000).default(60_000),

  // Live mode (worker/live): a stream with no new segment for LIVE_STALL_FACTOR × target duration is
  // "stalled" (still polled); after LIVE_GIVE_UP_S without one it is ended and its recording finalised.
  LIVE_STALL_FACTOR: z.coerce.number().min(1).default(3),
  LIVE_GIVE_UP_S: z.coerce.number().positive().default(1800),
  // Reload interval while a segment is due (worker/live/schedule.ts: why it is shorter than RFC 8216's);
  // half of it is the average wait a segment adds before it is seen.
  LIVE_POLL_FAST_MS: z.coerce.number().int().min(50).default(100),
  // Tries per segment on 404/5xx before it is recorded as a gap (backoff doubles from 250 ms).
  LIVE_SEGMENT_TRIES: z.coerce.number().int().min(1).default(4),
  // Master playlists: the highest-bandwidth variant at most this tall.
  LIVE_MAX_HEIGHT: z.coerce.number().int().positive().default(720),
  // A followed source whose host stops resolving is failed after this many failed loads in a row
  // (worker/live/tick-end.ts), instead of being looked up every few seconds until LIVE_GIVE_UP_S.
  LIVE_DNS_FAILURES: z.coerce.number().int().min(1).default(5),
  // Hosts (names or addresses, comma-separated) live URLs may point at although they are on a local or
  // private network, e.g. an encoder on the LAN; everything else private is refused (lib/security/ssrf.ts).
  LIVE_ALLOW_HOSTS: z.string().optional(),
  // The same for webhook receivers (a service on the same network): admins' webhook URLs go through the
  // live URLs' guard at creation and at every delivery (issue #23).
  WEBHOOK_ALLOW_HOSTS: z.string().optional(),
  // Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For the sign-in
  // limits believe; from anyone else the header is ignored (lib/security/client-address.ts).
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .refine(
      (v) =>
        (v ?? "")
          .split(",")
          .map((e) => e.trim())
          .filter(Boolean)
          .every((e) => {
            const [addr, bits] = e.split("/");
            return (
              IP_LIKE.test(addr!.replace(/^\[|\]$/g, "")) && (bits === undefined || /^\d{1,3}$/.test(bits))
            );
          }),
      "addresses or CIDR ranges, comma-separated (e.g. 127.0.0.1,10.0.0.0/8)",
    ),
});

// Shape only (lib/security/client-address.ts parses the addresses): this file is also bundled where
// node:net is not available.
const IP_LIKE = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/i;

export type TEnv = z.infer<typeof ZEnv>;

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: TEnv | undefined;
export function env(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
