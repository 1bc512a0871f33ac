// The same-tab redirect sign-in and login's cancel, outside a browser (storage and navigation passed in).

import { completeRedirectLogin, login, startRedirectLogin } from "../../../src";
import { memoryStorage } from "../../support/storage";
import { clientFor, useStandIn } from "../../support/stand-in";

const KEY = "plex-tv-auth:pending-pin";

describe("completeRedirectLogin", () => {
  const env = useStandIn();

  it.each([
    ["not JSON", "{"],
    ["a string", '"123"'],
    ["an array", "[1]"],
    ["an id that is text", '{"id":"123"}'],
    ["a fractional id", '{"id":1.5}'],
    ["a negative id", '{"id":-3}'],
    ["an id past 2^53", '{"id":18014398509481984}'],
    ["a deadline that is text", '{"id":12,"deadline":"soon"}'],
  ])("discards a pending entry that is %s, asking plex.tv nothing", async (_, entry) => {
    const storage = memoryStorage();
    storage.setItem(KEY, entry);
    await expect(completeRedirectLogin(clientFor(env.server), { storage })).resolves.toBeNull();
    expect(storage.getItem(KEY)).toBeNull();
    expect(env.server.requests).toHaveLength(0);
  });
});

describe("startRedirectLogin's forwardUrl", () => {
  const env = useStandIn();

  it.each(["javascript:alert(1)", "data:text/html,hi", "ftp://files.example/", "not a url"])(
    "refuses %s before making a PIN",
    async (forwardUrl) => {
      const navigate = jest.fn();
      await expect(
        startRedirectLogin(clientFor(env.server), { forwardUrl, storage: memoryStorage(), navigate }),
      ).rejects.toThrow(/`forwardUrl`/);
      expect(navigate).not.toHaveBeenCalled();
      expect(env.server.requests).toHaveLength(0);
    },
  );
});

describe("login and a pending onVerification", () => {
  const env = useStandIn();

  it("a cancel wins over an onVerification that never returns", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = login(clientFor(env.server), {
      signal: controller.signal,
      onVerification: () => new Promise<void>(() => {}), // the app is stuck showing the code
    });
    setTimeout(() => controller.abort(new Error("user cancelled")), 100);
    await expect(pending).rejects.toThrow("user cancelled");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(env.server.requests.filter((r) => r.route === "GET /api/v2/pins/{pinID}")).toHaveLength(0);
  });
});
