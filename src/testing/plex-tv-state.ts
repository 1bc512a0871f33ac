// What the stand-in knows: PINs, users and their tokens, device keys, and the Plex JWT authority. Everything a
// client can make it keep is bounded: expired PINs are dropped, and each map holds at most so many entries, the
// oldest going first (plex.tv's own limits are not recorded; these are far above what a test makes).

import { createHash, randomBytes } from "node:crypto";
import type { components } from "../../generated/plex-tv";
import { newAccount, ownsLogin, type AccountKind, type User } from "./accounts";
import { BoundedMap } from "./bounded-map";
import { JwtAuthority } from "./jwt-authority";

type Pin = components["schemas"]["GetPinAuthPinContainer"];
export type { User };
export type Device = components["schemas"]["PlexDevice"];
/** A device for the stand-in's resources: its name, and whichever other fields the test cares about. */
export type PartialDevice = Partial<Device> & Pick<Device, "name">;
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
  jwk?: { kty: "OKP"; crv: "Ed25519"; x: string; kid: string };
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

/**
 * A device as plex.tv lists it in /api/v2/resources: every field present, null where empty (a shared server carries
 * its owner's id and name in ownerId and sourceTitle; an owned one null). Fields a test leaves out get these values.
 */
export function completeDevice({ name, ...fields }: PartialDevice): Device {
  return {
    name,
    product: "Plex Media Server",
    productVersion: "1.41.3.9314-a0bfb8370",
    platform: "Linux",
    platformVersion: "6.1.0",
    device: "PC",
    clientIdentifier: createHash("sha1").update(name).digest("hex"),
    createdAt: "2024-01-05T19:32:11Z",
    lastSeenAt: "2026-11-01T09:58:00Z",
    provides: "server",
    ownerId: null,
    sourceTitle: null,
    publicAddress: "192.0.2.10",
    accessToken: null,
    owned: true,
    home: false,
    synced: false,
    relay: true,
    presence: true,
    httpsRequired: false,
    publicAddressMatches: true,
    dnsRebindingProtection: false,
    natLoopbackSupported: false,
    connections: [],
    ...fields,
  };
}

// The default server's connections point at reserved `.invalid` names: probing them never leaves the machine.
export const defaultResources: Device[] = [
  completeDevice({
    name: "Stand-in Server",
    clientIdentifier: "standin0server0000000000000000000000001",
    accessToken: "standin-server-token",
    connections: [
      {
        protocol: "https",
        address: "192.0.2.10",
        port: 32400,
        uri: "https://192-0-2-10.standin-server.invalid:32400",
        local: false,
        relay: false,
        IPv6: false,
      },
      {
        protocol: "http",
        address: "192.0.2.20",
        port: 32400,
        uri: "http://192-0-2-20.standin-server.invalid:32400",
        local: true,
        relay: false,
        IPv6: false,
      },
    ],
  }),
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

/** Live PINs kept at most, the oldest dropped first (a client makes one per sign-in and checks it within minutes). */
export const MAX_PINS = 2_000;
/** Tokens, revoked tokens and device keys kept at most, each. */
export const MAX_TOKENS = 100_000;

export class PlexTvState {
  readonly pins = new BoundedMap<number, PinRecord>(MAX_PINS);
  /** Legacy tokens and their users. */
  readonly tokens = new BoundedMap<string, User>(MAX_TOKENS);
  readonly devices = new BoundedMap<string, RegisteredDevice>(MAX_TOKENS);
  readonly revoked = new BoundedMap<string, true>(MAX_TOKENS);
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
    resources: PartialDevice[],
    /** The stand-in's own clock (plex.tv's), in ms: Date.now() unless a test sets it off from this machine's. */
    readonly now: () => number = Date.now,
    defaultAccount: AccountKind = "free",
  ) {
    this.authority = new JwtAuthority(jwtLifetimeSeconds, nonceLifetimeSeconds, now);
    this.resources = resources.map(completeDevice);

    this.defaultUser = this.newUser(defaultAccount, {
      ...(ownsLogin(defaultAccount) ? { username: "standin", email: "standin@example.com" } : {}),
      title: "Stand-in User",
    });
  }

  /**
   * A new account of `kind` as GET /api/v2/user sends it (see accounts.ts; `fields` override, `homePin` gives it a
   * Home PIN). `authToken` is filled in per answer with the token that asked.
   */
  newUser(
    kind: AccountKind = "free",
    fields: Partial<User> = {},
    extra: { homePin?: string | undefined; restrictionProfile?: string | null | undefined } = {},
  ): User {
    const user = newAccount(kind, { id: this.#nextUserId++, now: this.now(), ...extra }, fields);
    this.#usersByUuid.set(user.uuid, user);
    return user;
  }

  userByUuid(uuid: string): User | undefined {
    return this.#usersByUuid.get(uuid);
  }

  /** Makes a token invalid (401), as signing out does. */
  revoke(token: string): void {
    this.tokens.delete(token);
    this.revoked.set(token, true);
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
    const now = this.now();
    this.pins.dropExpired(now, (pin) => pin.expiresAt);
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
    if (!pin || this.now() >= pin.expiresAt) return undefined;
    return pin.clientIdentifier === clientIdentifier ? pin : undefined;
  }

  approve(key: number | string, token?: string): string {
    const pin = this.findPin(key);
    if (!pin) throw new Error(`fake plex.tv: no PIN ${key}`);
    const value = token ?? this.tokenFor(this.defaultUser);
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
      expiresIn: Math.max(0, Math.ceil((pin.expiresAt - this.now()) / 1000)),
      createdAt: iso(pin.createdAt),
      expiresAt: iso(pin.expiresAt),
      authToken: pin.authToken,
      newRegistration: pin.authToken ? false : null,
    };
  }
}
