import { db } from "@/lib/platform/db";
import type { LiveStatus, Prisma } from "../generated/prisma/client";
import { machine } from "../lifecycle/machine";

/**
 * The one place a LiveSource's status changes. A source starts, follows (or stalls while the stream
 * sends nothing new), and ends in one of three ways: the stream ended, the editor stopped it, or it
 * failed. Nothing comes back from an end.
 */
export const liveTransitions = {
  starting: ["starting", "following", "stalled", "ended", "stopped", "failed"],
  following: ["following", "stalled", "ended", "stopped", "failed"],
  stalled: ["following", "stalled", "ended", "stopped", "failed"],
  ended: [],
  stopped: [],
  failed: [],
} as const satisfies Record<LiveStatus, readonly LiveStatus[]>;

export type LiveFollowStatus = "starting" | "following" | "stalled";

const sources = machine<LiveStatus>("live source", liveTransitions);

type Fields = Omit<Prisma.LiveSourceUpdateManyMutationInput, "status">;

type Client = Pick<Prisma.TransactionClient, "liveSource">;

function move(
  id: string,
  to: LiveStatus,
  data: Fields,
  { tick, from, client = db() }: { tick?: number; from?: LiveStatus[]; client?: Client } = {},
): Promise<boolean> {
  return sources.move(
    id,
    to,
    {
      set: async (allowed) =>
        (
          await client.liveSource.updateMany({
            where: { id, status: { in: allowed }, ...(tick === undefined ? {} : { tick: { lte: tick } }) },
            data: { ...data, status: to },
          })
        ).count,
      // A tick that another one overtook (its number moved on) changes nothing, as a gone source does.
      current: async () => {
        const row = await db().liveSource.findUnique({ where: { id }, select: { status: true, tick: true } });
        return row && (tick === undefined || row.tick <= tick) ? row.status : null;
      },
    },
    from,
  );
}

export const liveLifecycle = {
  /** The media playlist is known (a master playlist's variant chosen): the source follows it. */
  following: (id: string, data: Fields) => move(id, "following", { ...data, error: null }),

  /**
   * The tick `tick` queued the next one: the source's follow status and tick number move on together,
   * compare-and-set on the tick so an overtaken tick writes nothing. `client`: the transaction that
   * stages the next tick.
   */
  rescheduled: (id: string, tick: number, status: LiveFollowStatus, data: Fields, client?: Client) =>
    move(id, status, { ...data, tick: tick + 1 }, { tick, client }),

  /** The stream ended (or gave no new segment for too long), or the editor's stop took effect. */
  finished: (id: string, status: "ended" | "stopped", note: string | null) =>
    move(id, status, { error: note, endedAt: new Date() }),

  /** Following failed for good: a bad URL, no model, retries used up. */
  failed: (id: string, message: string) => move(id, "failed", { error: message, endedAt: new Date() }),

  /** Fixtures and seeds only (a guard test keeps it so): a row placed in a status it never lived through. */
  seed: (status: LiveStatus) => ({ status }),
};
