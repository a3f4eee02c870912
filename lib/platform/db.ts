import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "./env";

// One client per process; kept on globalThis so Next.js dev reloads do not leak pools.
const holder = globalThis as unknown as { matchcutPrisma?: PrismaClient };

export function db(): PrismaClient {
  holder.matchcutPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL }),
  });
  return holder.matchcutPrisma;
}

export async function disconnectDb(): Promise<void> {
  await holder.matchcutPrisma?.$disconnect();
  holder.matchcutPrisma = undefined;
}

export type { PrismaClient } from "@/lib/generated/prisma/client";
export * as Db from "@/lib/generated/prisma/enums";
