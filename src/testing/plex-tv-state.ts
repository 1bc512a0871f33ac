// What the stand-in knows: PINs, users and their tokens, device keys, and the Plex JWT authority.

import { createHash, randomBytes } from "node:crypto";
import type { components } from "../../generated/plex-tv";
import { JwtAuthority } from "./jwt-authority";

type Pin = components["schemas"]["GetPinAuthPinContainer"];
export type User = components["schemas"]["UserPlexAccount"];
export type Device = components["schemas"]["PlexDevice"];
type GeoData = components["schemas"]["GeoData"];

export interface PinRecord {
  id: number;
  code: string;
  clientIdentifier: string;
  createdAt: number;
  expiresAt: number;
  authToken: string | null;
  polls: number;
  /** For JWT device authentication: the device's public key, sent when the PIN was made. */
  jwk?: { kty: "OKP"; crv: "Ed25519"; x: string };
}

export interface RegisteredDevice {
  jwk: { x: string };
  clientIdentifier: string;
  user: User;
}

/** Why a request has no user: no token, a bad one (401) or an expired Plex JWT (498). */
export type TokenProblem = "none" | "invalid" | "expired";

export const location: GeoData = {
  code: "GB",
  continent_code: "EU",
  country: "United Kingdom",
  city: "London",
  european_union_member: false,
  time_zone: "Europe/London",
  postal_code: "SW1A 1AA",
  in_privacy_restricted_country: false,
  in_privacy_restricted_region: false,
  subdivisions: "England",
  coordinates: "51.5072, -0.1276",
};

export const defaultResources: Device[] = [
  {
    name: "Stand-in Server",
    product: "Plex Media Server",
    productVersion: "1.41.3.9314-a0bfb8370",
    platform: "Linux",
    clientIdentifier: "standin0server0000000000000000000000001",
    provides: "server",
    owned: true,
    presence: true,
    accessToken: "standin-server-token",
    publicAddress: "203.0.113.7",
    connections: [
      {
        protocol: "https",
        address: "203.0.113.7",
        port: 32400,
        uri: "https://203-0-113-7.standin.plex.direct:32400",
        local: false,
        relay: false,
        IPv6: false,
      },
      {
        protocol: "http",
        address: "127.0.0.1",
        port: 32400,
        uri: "http://127.0.0.1:32400",
        local: true,
        relay: false,
        IPv6: false,
      },
    ],
  },
];

/** RFC 7638 thumbprint of an Ed25519 JWK. */
export const thumbprint = (jwk: { x: string }) =>
  createHash("sha256")
    .update(JSON.stringify({ crv: "Ed25519", kty: "OKP", x: jwk.x }))
    .digest("base64url");

const alphabet = { strong: "abcdefghijklmnopqrstuvwxyz0123456789", short: "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" };
const randomCode = (length: number, chars: string) =>
  Array.from(randomBytes(length), (byte) => chars[byte % chars.length]).join("");
const iso = (ms: number) => new Date(ms).toISOString();

export class PlexTvState {
  readonly pins = new Map<number, PinRecord>();
  /** Legacy tokens and their users. */
  readonly tokens = new Map<string, User>();
  readonly devices = new Map<string, RegisteredDevice>();
  readonly revoked = new Set<string>();
  readonly authority: JwtAuthority;
  readonly defaultUser: User;
  resources: Device[];
  #usersByUuid = new Map<string, User>();
  #nextPinId = 1_934_786_000 + Math.floor(Math.random() * 1000);
  #nextUserId = 12_345_678;

  constructor(
    readonly lifetimes: { strong: number; short: number },
    jwtLifetimeSeconds: number,
    nonceLifetimeSeconds: number,
    resources: Device[],
  ) {
    this.authority = new JwtAuthority(jwtLifetimeSeconds, nonceLifetimeSeconds);
    this.resources = resources;
    this.defaultUser = this.newUser({ username: "standin", title: "Stand-in User", email: "standin@example.com" });
  }

  newUser(fields: Partial<User> = {}): User {
    const id = this.#nextUserId++;
    const user: User = {
      id,
      uuid: randomBytes(8).toString("hex"),
      username: `user${id}`,
      title: `User ${id}`,
      email: `user${id}@example.com`,
      friendlyName: fields.username ?? `user${id}`,
      thumb: `https://plex.tv/users/${id}/avatar`,
      subscription: { active: false, status: "Inactive", plan: null, features: [] },
      ...fields,
    };
    this.#usersByUuid.set(user.uuid, user);
    return user;
  }

  /** A new legacy token, for the default user or for a new user with these fields. */
  issueToken(fields?: Partial<User>): string {
    return this.tokenFor(fields ? this.newUser(fields) : this.defaultUser);
  }

  /** A new legacy token for this user. */
  tokenFor(user: User): string {
    const token = `standin-${randomBytes(15).toString("base64url")}`;
    this.tokens.set(token, user);
    return token;
  }

  /** The user a token (legacy or Plex JWT) belongs to, or why there is none. */
  authenticate(token: string | undefined): { user: User | undefined; tokenProblem: TokenProblem | undefined } {
    if (!token) return { user: undefined, tokenProblem: "none" };
    if (this.revoked.has(token)) return { user: undefined, tokenProblem: "invalid" };
    const legacy = this.tokens.get(token);
    if (legacy) return { user: legacy, tokenProblem: undefined };
    const claims = this.authority.check(token);
    if (typeof claims === "string") return { user: undefined, tokenProblem: claims };
    const user = this.#usersByUuid.get(claims.sub);
    return user ? { user, tokenProblem: undefined } : { user: undefined, tokenProblem: "invalid" };
  }

  createPin(clientIdentifier: string, strong: boolean, jwk?: PinRecord["jwk"]): PinRecord {
    const now = Date.now();
    const pin: PinRecord = {
      id: this.#nextPinId++,
      code: strong ? randomCode(25, alphabet.strong) : randomCode(4, alphabet.short),
      clientIdentifier,
      createdAt: now,
      expiresAt: now + (strong ? this.lifetimes.strong : this.lifetimes.short) * 1000,
      authToken: null,
      polls: 0,
      ...(jwk ? { jwk } : {}),
    };
    this.pins.set(pin.id, pin);
    return pin;
  }

  findPin(key: number | string): PinRecord | undefined {
    if (typeof key === "number") return this.pins.get(key);
    for (const pin of this.pins.values()) if (pin.code === key) return pin;
    return /^\d+$/.test(key) ? this.pins.get(Number(key)) : undefined;
  }

  /** The PIN if the caller may see it: it exists, has not expired, and was made by this client. */
  livePin(key: number, clientIdentifier: string): PinRecord | undefined {
    const pin = this.findPin(key);
    if (!pin || Date.now() >= pin.expiresAt) return undefined;
    return pin.clientIdentifier === clientIdentifier ? pin : undefined;
  }

  approve(key: number | string, token?: string): string {
    const pin = this.findPin(key);
    if (!pin) throw new Error(`fake plex.tv: no PIN ${key}`);
    const value = token ?? this.issueToken();
    if (!this.tokens.has(value)) this.tokens.set(value, this.defaultUser);
    pin.authToken = value;
    return value;
  }

  pinJson(pin: PinRecord): Pin {
    return {
      id: pin.id,
      code: pin.code,
      product: "0",
      trusted: false,
      qr: `https://plex.tv/api/v2/pins/qr/${pin.code}`,
      clientIdentifier: pin.clientIdentifier,
      location,
      // Whole seconds left, rounded up: a PIN made this millisecond reports its full lifetime.
      expiresIn: Math.max(0, Math.ceil((pin.expiresAt - Date.now()) / 1000)),
      createdAt: iso(pin.createdAt),
      expiresAt: iso(pin.expiresAt),
      authToken: pin.authToken,
      newRegistration: pin.authToken ? false : null,
    };
  }
}
