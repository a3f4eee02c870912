import { defineConfig } from "prisma/config";

// Only `prisma generate` is used (see docs/architecture.md, "Database migrations"); it needs no database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/matchcut" },
});
