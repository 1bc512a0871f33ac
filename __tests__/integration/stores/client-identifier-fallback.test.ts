// Where crypto.randomUUID is missing (an insecure page: plain http on a LAN address), the client identifier is a
// version 4 UUID made from crypto.getRandomValues. Chromium's own insecure page is in e2e/insecure-origin.test.ts.

import { loadOrCreateClientIdentifier, memoryStore } from "../../../src";
import { randomUuid } from "../../../src/stores/client-identifier";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the client identifier without crypto.randomUUID", () => {
  const original = globalThis.crypto.randomUUID;
  let randoms: number;
  beforeEach(() => {
    randoms = 0;
    const getRandomValues = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    Object.defineProperty(globalThis.crypto, "randomUUID", { value: undefined, configurable: true, writable: true });
    jest.spyOn(globalThis.crypto, "getRandomValues").mockImplementation((array) => (randoms++, getRandomValues(array)));
  });
  afterEach(() => {
    Object.defineProperty(globalThis.crypto, "randomUUID", { value: original, configurable: true, writable: true });
    jest.restoreAllMocks();
  });

  it("is a version 4, RFC 4122 variant UUID from getRandomValues, different every time", () => {
    const made = Array.from({ length: 200 }, randomUuid);
    for (const id of made) expect(id).toMatch(uuid);
    expect(new Set(made).size).toBe(200);
    expect(randoms).toBe(200);
  });

  it("loadOrCreateClientIdentifier works, and keeps what it made", async () => {
    const store = memoryStore();
    const id = await loadOrCreateClientIdentifier(store);
    expect(id).toMatch(uuid);
    expect(await loadOrCreateClientIdentifier(store)).toBe(id);
  });
});
