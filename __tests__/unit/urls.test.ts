import fc from "fast-check";
import { authAppUrl, createPlexTvClient, linkUrl } from "../../src";

const plexFor = (product: string, extra: Record<string, string> = {}) =>
  createPlexTvClient({ clientIdentifier: "client-1", product, ...extra });

function fragmentParams(url: string): [string, string][] {
  const { hash } = new URL(url);
  expect(hash.startsWith("#?")).toBe(true);
  return hash
    .slice(2)
    .split("&")
    .map((pair) => pair.split("=").map(decodeURIComponent) as [string, string]);
}

describe("authAppUrl", () => {
  it("points at another auth app with authAppBaseUrl (the stand-in's), and refuses one that is no http(s) base", () => {
    const plex = plexFor("My App");
    expect(authAppUrl(plex, { code: "abc" }, { authAppBaseUrl: "http://127.0.0.1:8080/auth/" })).toBe(
      "http://127.0.0.1:8080/auth#?clientID=client-1&code=abc&context%5Bdevice%5D%5Bproduct%5D=My%20App",
    );
    for (const authAppBaseUrl of [
      "javascript:alert(1)",
      "/auth",
      "https://x.example/auth#?code=evil",
      "https://x/?a=1",
    ]) {
      expect(() => authAppUrl(plex, { code: "abc" }, { authAppBaseUrl })).toThrow(/authAppBaseUrl/);
    }
  });

  it("builds the auth app URL with parameters in the fragment", () => {
    expect(authAppUrl(plexFor("My App"), { code: "abc123" })).toBe(
      "https://app.plex.tv/auth#?clientID=client-1&code=abc123&context%5Bdevice%5D%5Bproduct%5D=My%20App",
    );
  });

  it("adds the other context keys and an encoded forwardUrl", () => {
    const url = authAppUrl(
      plexFor("App", { version: "1.0", platform: "Web", deviceName: "Den TV" }),
      { code: "c" },
      { forwardUrl: "https://app.example/done?x=1&y=2#top" },
    );
    expect(fragmentParams(url)).toEqual([
      ["clientID", "client-1"],
      ["code", "c"],
      ["context[device][product]", "App"],
      ["context[device][version]", "1.0"],
      ["context[device][platform]", "Web"],
      ["context[device][deviceName]", "Den TV"],
      ["forwardUrl", "https://app.example/done?x=1&y=2#top"],
    ]);
    expect(url.split("#")).toHaveLength(2);
  });

  it("keeps any product, client identifier and code intact (property)", () => {
    const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== "");
    const tricky = fc.constantFrom("Tom & Jerry", "A#B", "what?", "a=b", "two words", "emoji 🎬🍿", "%41", "+plus+");
    fc.assert(
      fc.property(fc.oneof(text, tricky), fc.oneof(text, tricky), fc.oneof(text, tricky), (product, id, code) => {
        const plex = createPlexTvClient({ clientIdentifier: id, product });
        const params = fragmentParams(authAppUrl(plex, { code }));
        expect(params).toEqual([
          ["clientID", id],
          ["code", code],
          ["context[device][product]", product],
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a PIN without a code", () => {
    expect(() => authAppUrl(plexFor("App"), { code: "" })).toThrow(TypeError);
  });
});

describe("linkUrl", () => {
  it("points at plex.tv/link with the code", () => {
    expect(linkUrl({ code: "7RQZ" })).toBe("https://plex.tv/link/?pin=7RQZ");
    expect(new URL(linkUrl({ code: "A&B" })).searchParams.get("pin")).toBe("A&B");
  });
});
