import { db } from "@/lib/platform/db";
import type { AuditAction, Prisma } from "../generated/prisma/client";
import { childLogger } from "@/lib/platform/logger";

export type AuditTx = Pick<Prisma.TransactionClient, "auditLog">;

/** Appends one audit entry (inside the caller's transaction when given, so it lands with the change). */
export async function audit(
  entry: { actorId: string | null; action: AuditAction; targetId: string; detail?: Prisma.InputJsonValue },
  tx: AuditTx = db(),
): Promise<void> {
  await tx.auditLog.create({ data: entry });
  childLogger({ actorId: entry.actorId, targetId: entry.targetId }).info({ action: entry.action }, "audit");
}

export interface TAuditEntryDto {
  id: string;
  createdAt: string;
  action: AuditAction;
  targetId: string;
  actor: { id: string; name: string } | null;
  detail: unknown;
}

export async function auditFor(targetId: string): Promise<TAuditEntryDto[]> {
  const rows = await db().auditLog.findMany({
    where: { targetId },
    include: { actor: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    action: r.action,
    targetId: r.targetId,
    actor: r.actor,
    detail: r.detail,
  }));
}
