// Next.js runs register() once when the server process starts, before it serves a request.
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- Next.js's documented runtime switch, not configuration
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { trackPeerAddresses } = await import("./lib/security/client-address");
  trackPeerAddresses();
}
