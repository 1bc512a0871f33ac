// createPlexTvClient's options: what it refuses, naming the option, and what it exposes.

import type { GeoData, GetPinAuthPinContainer } from "../../src";
import { createPlexTvClient } from "../../src";
import { identity } from "../support/stand-in";

describe("createPlexTvClient options", () => {
  it.each([
    ["clientIdentifier", { product: "App" }],
    ["clientIdentifier", { clientIdentifier: "  ", product: "App" }],
    ["product", { clientIdentifier: "id" }],
    ["product", { clientIdentifier: "id", product: "" }],
  ])("throws a TypeError naming `%s`", (name, options) => {
    expect(() => createPlexTvClient(options as never)).toThrow(new RegExp(`\`${name}\``));
    expect(() => createPlexTvClient(options as never)).toThrow(TypeError);
  });

  it("refuses plain http except for loopback hosts", () => {
    expect(() => createPlexTvClient({ ...identity, baseUrl: "http://plex.tv" })).toThrow(/https/);
    expect(() => createPlexTvClient({ ...identity, baseUrl: "https://u:p@plex.tv" })).toThrow(/baseUrl/);
    expect(() => createPlexTvClient({ ...identity, baseUrl: "https://plex.tv/?X-Plex-Token=t" })).toThrow(/baseUrl/);
    expect(() => createPlexTvClient({ ...identity, baseUrl: "not a url" })).toThrow(/baseUrl/);
    for (const baseUrl of ["http://127.0.0.1:1234", "http://localhost:80", "http://[::1]:9"]) {
      expect(createPlexTvClient({ ...identity, baseUrl }).baseUrl).toBe(new URL(baseUrl).href.replace(/\/$/, ""));
    }
    expect(createPlexTvClient(identity).baseUrl).toBe("https://plex.tv");
  });

  it("refuses a base URL with any `?` or `#`, even an empty one", () => {
    for (const baseUrl of [
      "https://plex.tv?",
      "https://plex.tv/#",
      "https://plex.tv/api?x=1",
      "https://plex.tv/#frag",
    ]) {
      expect(() => createPlexTvClient({ ...identity, baseUrl })).toThrow(/`baseUrl`/);
    }
  });

  it("refuses identity values with lone surrogates, naming the field", () => {
    expect(() => createPlexTvClient({ ...identity, product: "App \uD800" })).toThrow(/`product`/);
    expect(() => createPlexTvClient({ ...identity, deviceName: "\uDC00 TV" })).toThrow(TypeError);
    expect(() => createPlexTvClient({ ...identity, deviceName: "\uDC00 TV" })).toThrow(/`deviceName`/);
    expect(createPlexTvClient({ ...identity, product: "App 😀" }).identity.product).toBe("App 😀");
  });

  it("exposes its identity without the token", () => {
    const plex = createPlexTvClient({ ...identity, version: "1.2.3", token: "secret-token-value" });
    expect(plex.identity).toEqual({ ...identity, version: "1.2.3" });
    expect(JSON.stringify(plex.identity)).not.toContain("secret-token-value");
  });

  it("exports the seed's types from the package root", () => {
    const geo: GeoData = { postal_code: "SW1A 1AA", code: "GB" };
    const pin: Pick<GetPinAuthPinContainer, "id" | "location" | "authToken"> = {
      id: 1,
      location: geo,
      authToken: null,
    };
    expect(pin.location?.postal_code).toBe("SW1A 1AA");
  });
});
