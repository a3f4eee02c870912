import { Prisma } from "../generated/prisma/client";
import { AppError, conflict, notFound } from "@/lib/platform/errors";

// The central error mapper asks this first: a database error caused by what the client sent is the
// client's error (4xx with a plain message), never a 500; a database that cannot be reached is a 503
// with Retry-After. Everything else stays a masked 500.

const INPUT_SQLSTATES = new Set([
  "22001", // string too long for the column
  "22003", // number out of range
  "22007", // invalid datetime
  "22008", // datetime out of range
  "22021", // invalid byte sequence (NUL)
  "22P02", // invalid text representation (e.g. not a uuid)
  "22P05", // untranslatable character
  "23502", // not null violation
  "23514", // check violation
]);

const invalid = () => new AppError(422, "Some of the values sent cannot be stored", "invalid");

// The database is down, restarting or out of connections: nothing the client did, and nothing lost;
// the same request works again in a moment (issue #23's chaos run: these were masked 500s).
const UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const unavailable = () =>
  new AppError(
    503,
    "The database is unavailable or restarting; nothing was changed. Try again in a moment.",
    "unavailable",
    { "Retry-After": "5" },
  );

function unreachable(err: unknown, state: string | undefined): boolean {
  if (err instanceof Prisma.PrismaClientInitializationError) return true;
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  if (typeof e?.code === "string" && UNREACHABLE_CODES.has(e.code)) return true;
  const kind = e?.meta?.driverAdapterError?.cause?.kind;
  if (typeof kind === "string" && UNREACHABLE_KINDS.has(kind)) return true;
  // 08xxx: connection exceptions; 57P01–57P03: shut down by an administrator, crash, cannot connect now.
  return !!state && (state.startsWith("08") || /^57P0[123]$/.test(state));
}

function sqlState(err: unknown): string | undefined {
  // Driver adapter errors carry the PostgreSQL code in `cause` or in `meta.driverAdapterError`.
  const e = err as {
    code?: unknown;
    cause?: { originalCode?: unknown; code?: unknown };
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } };
  };
  for (const c of [
    e?.cause?.originalCode,
    e?.meta?.driverAdapterError?.cause?.originalCode,
    e?.meta?.code,
    e?.cause?.code,
    e?.code,
  ]) {
    if (typeof c === "string" && /^[0-9A-Z]{5}$/.test(c)) return c;
  }
  return undefined;
}

export function mapDatabaseError(err: unknown): AppError | null {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    switch (err.code) {
      case "P2002":
        return conflict("That already exists");
      case "P2003":
      case "P2014":
        return conflict("That is still in use or refers to something that does not exist");
      case "P2001":
      case "P2025":
        return notFound();
      case "P2000":
      case "P2005":
      case "P2006":
      case "P2007":
      case "P2009":
      case "P2011":
      case "P2012":
      case "P2019":
      case "P2020":
      case "P2023":
        return invalid();
    }
  }
  if (err instanceof Prisma.PrismaClientValidationError) return invalid();
  const state = sqlState(err);
  if (unreachable(err, state)) return unavailable();
  if (state && (INPUT_SQLSTATES.has(state) || state.startsWith("22"))) return invalid();
  if (state === "23505") return conflict("That already exists");
  return null;
}
