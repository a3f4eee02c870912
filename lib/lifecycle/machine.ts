/**
 * The one state-machine helper every status column goes through (issue #27): a table of allowed moves,
 * a compare-and-set that applies one, and one error type for a move the table refuses. Each lifecycle
 * module (lib/videos, lib/clips, lib/analysis and lib/live, each in its lifecycle.ts) declares its table and says how its
 * row is updated and read; nothing else writes that column.
 */

export class TransitionError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`${entity} ${id} cannot go from ${from} to ${to}`);
    this.name = "TransitionError";
  }
}

export interface CompareAndSet<S extends string> {
  /** Writes `to` where the row's status is one of `from`; returns how many rows changed (0 or 1). */
  set(from: S[]): Promise<number>;
  /** The row's status now, or null when the row is gone. */
  current(): Promise<S | null>;
}

export interface Machine<S extends string> {
  readonly entity: string;
  readonly moves: { readonly [K in S]: readonly S[] };
  can(from: S, to: S): boolean;
  /** The statuses a row may be in to move to `to`. */
  sourcesOf(to: S): S[];
  /**
   * Moves one row to `to` if it is in one of `from` (default: every status that may move there; an
   * event may narrow the table, never widen it). Returns false when the row is gone; throws
   * TransitionError when it is in a status that may not move there.
   */
  move(id: string, to: S, cas: CompareAndSet<S>, from?: S[]): Promise<boolean>;
  /**
   * For a move of many rows at once (a deleted video's cuts): `from`, after checking that each may
   * move to `to`, for the write's where. Throws TransitionError for one that may not.
   */
  only(to: S, from: S[]): S[];
}

export function machine<S extends string>(
  entity: string,
  moves: { readonly [K in S]: readonly S[] },
): Machine<S> {
  const can = (from: S, to: S) => (moves[from] as readonly S[]).includes(to);
  const sourcesOf = (to: S) => (Object.keys(moves) as S[]).filter((from) => can(from, to));
  return {
    entity,
    moves,
    can,
    sourcesOf,
    async move(id, to, cas, from = sourcesOf(to)) {
      if ((await cas.set(from.filter((s) => can(s, to)))) > 0) return true;
      const now = await cas.current();
      if (now === null) return false;
      throw new TransitionError(entity, id, now, to);
    },
    only(to, from) {
      const refused = from.find((s) => !can(s, to));
      if (refused !== undefined) throw new TransitionError(entity, "(many)", refused, to);
      return from;
    },
  };
}
