// Devices whose clocks are off (TVs, Raspberry Pis before NTP) sign in as well as correct ones. The stand-in plays
// plex.tv with its clock moved by `clockOffsetMs`, which is what a device clock off by the opposite amount sees:
// plex.tv's `Date`, `createdAt` and `expiresAt` disagree with Date.now() here, while lifetimes stay true.

import {
  completeRedirectLogin,
  createPin,
  login,
  PinExpiredError,
  RateLimitedError,
  startRedirectLogin,
} from "../../../src";
import { generateDeviceKey, loginWithJwt, refreshPlexJwt, verifyPlexJwt } from "../../../src/jwt";
import { memoryStorage } from "../../support/storage";
import { clientFor, standIn } from "../../support/stand-in";

const minute = 60_000;
const year = 365.25 * 86_400_000;
const skews = [
  ["31 minutes fast", -31 * minute],
  ["31 minutes slow", 31 * minute],
  ["5 years fast", -5 * year],
  ["5 years slow", 5 * year],
] as const;

describe.each(skews)("a device whose clock is %s", (_, clockOffsetMs) => {
  it("signs in, and is told the PIN's expiry by its own clock", async () => {
    const server = await standIn({ clockOffsetMs, autoApproveAfterPolls: 2 });
    try {
      let shownExpiry = NaN;
      const started = Date.now();
      const { authToken, pin } = await login(clientFor(server), {
        intervalMs: 20,
        onVerification: ({ expiresAt }) => void (shownExpiry = Date.parse(expiresAt)),
      });
      expect(authToken).toMatch(/^standin-/);
      // plex.tv's own times are off by the skew; what the app shows is 30 minutes from now, here.
      expect(Math.abs(Date.parse(pin.expiresAt) - (started + 1800_000 + clockOffsetMs))).toBeLessThan(5000);
      expect(shownExpiry - started).toBeGreaterThan(1795_000);
      expect(shownExpiry - started).toBeLessThan(1805_000);
    } finally {
      await server.close();
    }
  });

  it("stops polling when the PIN really expires: not at once, not never", async () => {
    const server = await standIn({ clockOffsetMs, pinLifetimeSeconds: { strong: 2 } });
    try {
      const plex = clientFor(server);
      const started = Date.now();
      await expect(login(plex, { intervalMs: 50, onVerification: () => undefined })).rejects.toThrow(PinExpiredError);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(1500);
      expect(elapsed).toBeLessThan(4000);
      expect(server.requests.filter((r) => r.route === "GET /api/v2/pins/{pinID}").length).toBeGreaterThan(10);
    } finally {
      await server.close();
    }
  });

  it("finishes a redirect sign-in when the user comes back", async () => {
    const server = await standIn({ clockOffsetMs });
    try {
      const plex = clientFor(server);
      const storage = memoryStorage();
      let authUrl = "";
      await startRedirectLogin(plex, {
        forwardUrl: "https://app.example/back",
        storage,
        navigate: (u) => (authUrl = u),
      });
      const code = new URLSearchParams(authUrl.split("#?")[1]).get("code")!;
      const token = server.approve(code);
      await expect(completeRedirectLogin(plex, { storage })).resolves.toMatchObject({ authToken: token });
    } finally {
      await server.close();
    }
  });

  it("signs in with a device key, verifies and refreshes its Plex JWT, by plex.tv's clock", async () => {
    const server = await standIn({ clockOffsetMs });
    try {
      const plex = clientFor(server);
      const key = await generateDeviceKey();
      const credentials = await loginWithJwt(plex, {
        key,
        intervalMs: 20,
        onVerification: ({ pin }) => void server.approve(pin.id),
      });
      await expect(verifyPlexJwt(plex, credentials.token, credentials)).resolves.toMatchObject({ iss: "plex.tv" });
      const fresh = await refreshPlexJwt(plex, credentials);
      await expect(verifyPlexJwt(plex, fresh.token, fresh)).resolves.toMatchObject({ iss: "plex.tv" });
      // The credentials' expiry is by this device's clock: about 7 days from now here, whatever plex.tv's says.
      expect(Math.abs(Date.parse(fresh.expiresAt) - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    } finally {
      await server.close();
    }
  });

  it("reads a Retry-After date by plex.tv's clock", async () => {
    const server = await standIn({ clockOffsetMs });
    try {
      server.fault("POST /api/v2/pins", {
        kind: "rateLimit",
        retryAfter: new Date(Date.now() + clockOffsetMs + 3000).toUTCString(),
      });
      const error = await createPin(clientFor(server)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(1000);
      expect((error as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(4000);
    } finally {
      await server.close();
    }
  });
});
