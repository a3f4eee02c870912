import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, PEER_HEADER } from "./client-address";

const req = (peer: string, xff?: string) =>
  new Headers({ [PEER_HEADER]: peer, ...(xff === undefined ? {} : { "x-forwarded-for": xff }) });

describe("clientAddress (issue #23: X-Forwarded-For only from TRUSTED_PROXIES)", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, fd00::/8");

  it("is the socket's peer when no proxy is trusted, whatever the client sends", () => {
    expect(clientAddress(req("203.0.113.7", "1.2.3.4"), none)).toBe("203.0.113.7");
    expect(clientAddress(req("203.0.113.7", "1.2.3.4, 5.6.7.8"), none)).toBe("203.0.113.7");
    expect(clientAddress(req("::ffff:203.0.113.7"), none)).toBe("203.0.113.7");
    expect(clientAddress(req("2001:db8::5", "1.2.3.4"), none)).toBe("2001:db8::5");
  });

  it("is the peer when the peer is not a trusted proxy", () => {
    expect(clientAddress(req("198.51.100.2", "1.2.3.4"), proxies)).toBe("198.51.100.2");
  });

  it("behind trusted proxies: the nearest hop that is not one of them", () => {
    expect(clientAddress(req("127.0.0.1", "198.51.100.9"), proxies)).toBe("198.51.100.9");
    // a client-sent hop to the left of what the proxy appended is ignored
    expect(clientAddress(req("10.1.2.3", "6.6.6.6, 198.51.100.9"), proxies)).toBe("198.51.100.9");
    // two proxies in a row
    expect(clientAddress(req("::ffff:10.1.2.3", "198.51.100.9, 10.4.4.4"), proxies)).toBe("198.51.100.9");
    expect(clientAddress(req("fd00::1", "2001:db8::9"), proxies)).toBe("2001:db8::9");
    // a trusted proxy that forwarded nothing readable: the proxy itself
    expect(clientAddress(req("127.0.0.1"), proxies)).toBe("127.0.0.1");
    expect(clientAddress(req("127.0.0.1", "garbage, 198.51.100.9"), proxies)).toBe("198.51.100.9");
    expect(clientAddress(req("127.0.0.1", "198.51.100.9, garbage"), proxies)).toBe("127.0.0.1");
  });

  it("without the server's peer stamp: one shared bucket, never a client-chosen address", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }), proxies)).toBe("unknown");
    expect(clientAddress(req("1.2.3.4, 5.6.7.8"), proxies)).toBe("unknown");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or range", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.local")).toThrow(/TRUSTED_PROXIES: "proxy.local"/);
  });
});
