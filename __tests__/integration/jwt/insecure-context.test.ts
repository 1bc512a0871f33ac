// loginWithJwt on an insecure page (plain http on a LAN address, where browsers have no crypto.subtle) fails at once
// with an error that says why, before any request. Chromium's own insecure page is in e2e/insecure-origin.test.ts.

import { generateDeviceKey, loginWithJwt } from "../../../src/jwt";
import { clientFor, useStandIn } from "../../support/stand-in";

describe("loginWithJwt in an insecure context", () => {
  const env = useStandIn();
  afterEach(() => void delete (globalThis as { isSecureContext?: boolean }).isSecureContext);

  it("rejects with a TypeError naming the need, and sends nothing", async () => {
    const key = await generateDeviceKey();
    (globalThis as { isSecureContext?: boolean }).isSecureContext = false;
    let shown = 0;
    await expect(loginWithJwt(clientFor(env.server), { key, onVerification: () => void shown++ })).rejects.toThrow(
      new TypeError(
        "loginWithJwt: JWT sign-in needs a secure context (https, or http://localhost): this page has no crypto.subtle",
      ),
    );
    expect(shown).toBe(0);
    expect(env.server.requests).toHaveLength(0);
  });
});
