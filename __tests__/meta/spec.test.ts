import { schemaErrors, spec, specExamples, validateAgainst } from "../support/spec";

describe("spec/plex-tv.yaml", () => {
  const examples = specExamples();

  it("has examples for the PIN, GeoData, errors, user and resources", () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
    expect(examples.map((e) => e.where).join("\n")).toMatch(/POST \/api\/v2\/pins 201/);
  });

  it.each(examples.map((e) => [e.where, e] as const))("example %s validates against its schema", (_, example) => {
    expect(validateAgainst(example.schema, example.value)).toEqual([]);
  });

  it("keeps the seed's names and its Required column for GetPinAuthPinContainer", () => {
    const pin = spec.components.schemas.GetPinAuthPinContainer;
    expect(Object.keys(pin.properties)).toEqual([
      "id",
      "code",
      "product",
      "trusted",
      "qr",
      "clientIdentifier",
      "location",
      "expiresIn",
      "createdAt",
      "expiresAt",
      "authToken",
      "newRegistration",
    ]);
    // The seed's Required column, but for `qr` (absent from recorded answers of 2020 and 2022) and `location`
    // (absent from a recorded 2026 answer): a type must not promise what a real answer lacks.
    expect([...pin.required].sort()).toEqual(
      ["id", "code", "product", "clientIdentifier", "createdAt", "expiresAt"].sort(),
    );
    expect(pin.properties.id.format).toBe("int64");
    const descriptions = Object.fromEntries(
      Object.entries(pin.properties as Record<string, { description: string }>).map(([k, v]) => [k, v.description]),
    );
    expect(descriptions).toEqual({
      ...Object.fromEntries(
        ["id", "code", "product", "trusted", "qr", "createdAt", "expiresAt", "authToken", "newRegistration"].map(
          (k) => [k, "N/A"],
        ),
      ),
      clientIdentifier: "The X-Client-Identifier used in the request",
      location: "Geo location data",
      expiresIn: "The number of seconds this pin expires, by default 900 seconds",
    });
    expect(pin.description).toBe("Requests a new pin id used in the authentication flow");
  });

  it("has GeoData's 11 snake_case fields, postal_code a string", () => {
    const geo = spec.components.schemas.GeoData;
    expect(Object.keys(geo.properties)).toHaveLength(11);
    expect(geo.properties.postal_code.type).toBe("string");
    expect(schemaErrors("#/components/schemas/GeoData", { postal_code: 802 })).not.toEqual([]);
  });

  it("rejects what plex.tv never sends: a numeric authToken, a missing code", () => {
    const approved = spec.components.examples.ApprovedPin.value;
    expect(schemaErrors("#/components/schemas/GetPinAuthPinContainer", approved)).toEqual([]);
    expect(schemaErrors("#/components/schemas/GetPinAuthPinContainer", { ...approved, authToken: 42 })).not.toEqual([]);
    const { code: _, ...noCode } = approved;
    expect(schemaErrors("#/components/schemas/GetPinAuthPinContainer", noCode)).not.toEqual([]);
  });

  it("sends the token as a header security scheme and keeps PIN create and check tokenless", () => {
    expect(spec.components.securitySchemes.PlexToken).toMatchObject({
      type: "apiKey",
      in: "header",
      name: "X-Plex-Token",
    });
    expect(spec.paths["/api/v2/pins"].post.security).toEqual([]);
    expect(spec.paths["/api/v2/pins/{pinID}"].get.security).toEqual([]);
    expect(spec.paths["/api/v2/pins"].post.operationId).toBe("getPin");
    expect(spec.paths["/api/v2/pins/{pinID}"].get.operationId).toBe("getTokenByPinId");
  });
});
