import { Prisma } from "../generated/prisma/client";
import { AppError, conflict, notFound } from "../errors";

// The central error mapper asks this first: a database error caused by what the client sent is the
// client's error (4xx with a plain message), never a 500. Everything else stays a masked 500.

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
  if (state && (INPUT_SQLSTATES.has(state) || state.startsWith("22"))) return invalid();
  if (state === "23505") return conflict("That already exists");
  return null;
}
