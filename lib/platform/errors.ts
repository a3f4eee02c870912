// Errors that carry an HTTP status and a message safe to show the user.
export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = "error",
    // extra response headers (Retry-After on a rate limit)
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const unauthorized = (msg = "Sign in required") => new AppError(401, msg, "unauthorized");
export const forbidden = (msg = "You do not have permission to do that") =>
  new AppError(403, msg, "forbidden");
export const notFound = (what = "Resource") => new AppError(404, `${what} not found`, "not_found");
export const conflict = (msg: string) => new AppError(409, msg, "conflict");
export const badRequest = (msg: string) => new AppError(400, msg, "bad_request");
export const tooLarge = (msg: string) => new AppError(413, msg, "too_large");
export const tooManyRequests = (msg: string, retryAfterS: number) =>
  new AppError(429, msg, "rate_limited", { "Retry-After": String(Math.max(1, Math.ceil(retryAfterS))) });

/**
 * The client closed its connection before the answer (the request body's stream failed under the
 * reader). Nobody is left to answer: the route wrapper logs it as a client abort (499, as nginx
 * writes it), not as a server error.
 */
export class ClientClosedError extends Error {
  constructor(cause?: unknown) {
    super("The client closed the connection before the request was answered", { cause });
    this.name = "ClientClosedError";
  }
}
