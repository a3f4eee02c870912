// `npm run db:migrate`: apply SQL migrations, make sure the bucket and the first admin exist.
import { ensureAdmin } from "@/lib/auth/users";
import { disconnectDb } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { migrate } from "@/lib/migrate/runner";
import { ensureBucket } from "@/lib/platform/storage";

const e = env();
const { applied, skipped } = await migrate(e.DATABASE_URL, "prisma/migrations");
console.log(
  `migrations: ${applied.length} applied${applied.length ? ` (${applied.join(", ")})` : ""}, ${skipped.length} already in place`,
);
console.log(`bucket ${e.S3_BUCKET}: ${await ensureBucket()}`);
if (e.ADMIN_PASSWORD) {
  const state = await ensureAdmin(e.ADMIN_EMAIL, e.ADMIN_PASSWORD);
  console.log(`admin ${e.ADMIN_EMAIL}: ${state === "created" ? "created" : "already exists"}`);
} else {
  console.log("ADMIN_PASSWORD is not set: no admin created");
}
await disconnectDb();
