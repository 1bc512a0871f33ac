// plex.tv accounts as GET /api/v2/user answers them, one kind at a time, each as recorded answers show it
// (__tests__/fixtures/plex-tv/recorded/user/ and users-signin/): the same fields in the same order, null where
// plex.tv sends null, and absent where it leaves a field out.

import { createHash, randomBytes } from "node:crypto";
import type { components } from "../../generated/plex-tv";

export type User = components["schemas"]["UserPlexAccount"];

/**
 * - "free": a free account (the free capture of 2022-01, brought to what 2024's answers of free accounts send:
 *   `joinedAt`, `attributionPartner`, `profile.watchedIndicator` and `mediaReviewsVisibility`, services with
 *   `token` and `secret` null where they have none, and no `certificateVersion`, which plex.tv stopped sending in
 *   September 2022): no `pin` unless it has a Home PIN, no `roles`.
 * - "plex-pass": as the Plex Pass capture: `roles: ["plexpass"]`, an active lifetime subscription with features, a
 *   `subscriptions[]` entry.
 * - "managed": a managed Plex Home user's own account, as both managed captures: `username` and `email` "",
 *   restricted, in a Home, `rememberExpiresAt` and `mailingListStatus` null, `restrictionProfile` and
 *   `customRestrictions` present, and no `subscriptions`, `pastSubscriptions` or `trials`.
 * - "guest": the Home's Guest account. No capture of it exists: it is modelled as a managed user that is the
 *   Home's guest (`guest: true`, title "Guest").
 */
export type AccountKind = "free" | "plex-pass" | "managed" | "guest";

export const accountKinds: readonly AccountKind[] = ["free", "plex-pass", "managed", "guest"];

/** An account of its own, with a login and a password (not a Home's managed user or its Guest). */
export const ownsLogin = (kind: AccountKind): kind is "free" | "plex-pass" => kind === "free" || kind === "plex-pass";

/** What a test gives for a new account: which kind, and any field it cares about. */
export type AccountFields = Partial<User> & { account?: AccountKind };

export interface AccountIdentity {
  id: number;
  /** plex.tv's clock, in ms. */
  now: number;
  /** The account's Home PIN, when it has one (the account then carries its hash in `pin`). */
  homePin?: string | undefined;
  /** A managed user's restriction profile ("little_kid"), or null. */
  restrictionProfile?: string | null | undefined;
}

/** The hash GET /api/v2/user carries in `pin` (never the PIN itself). */
export const pinHash = (id: number, pin: string) =>
  createHash("sha256").update(`home-pin:${id}:${pin}`).digest("hex").slice(0, 40);

// A few of the features and services each recorded answer lists (they list dozens).
const freeFeatures = ["home", "adaptive_bitrate", "collections", "radio", "federated-auth", "music"];
const passFeatures = ["webhooks", "camera_upload", "home", "adaptive_bitrate", "sync", "lets_encrypt", "music"];

function services(): User["services"] {
  const token = () => `standin-service-${randomBytes(12).toString("base64url")}`;
  // As 2024's answers send them: `token` and `secret` on every service, null where it has none (answers of
  // 2019–2022 left both keys out there instead).
  return [
    { identifier: "epg", endpoint: "https://epg.provider.plex.tv", token: token(), secret: null, status: "online" },
    {
      identifier: "eyeq-channel-icons",
      endpoint: "http://akamai-b.cdn.cddbp.net/cds/2.0/image",
      token: null,
      secret: null,
      status: "online",
    },
    {
      identifier: "metadata",
      endpoint: "https://metadata.provider.plex.tv",
      token: token(),
      secret: null,
      status: "online",
    },
    {
      identifier: "lyricfind",
      endpoint: "https://lyricfind.plex.tv/",
      token: token(),
      secret: token(),
      status: "online",
    },
  ];
}

const profile = (): User["profile"] => ({
  autoSelectAudio: true,
  defaultAudioLanguage: null,
  defaultSubtitleLanguage: null,
  autoSelectSubtitle: 1,
  defaultSubtitleAccessibility: 0,
  defaultSubtitleForced: 0,
  watchedIndicator: 1,
  mediaReviewsVisibility: 0,
});

const inactive = (): User["subscription"] => ({
  active: false,
  subscribedAt: null,
  status: "Inactive",
  paymentService: null,
  plan: null,
  features: [...freeFeatures],
});

// The spec types `customRestrictions` as an object with no listed members, which openapi-typescript renders as
// Record<string, never>; the recorded value has five null members, kept here as plex.tv sends them.
const customRestrictions = () =>
  ({ all: null, movies: null, music: null, photos: null, television: null }) as unknown as User["customRestrictions"];

/**
 * An account of `kind`, with its fields in the recorded order. `fields` override (a test's username, title, email);
 * `authToken` is filled in per answer with the token that asked.
 */
export function newAccount(
  kind: AccountKind,
  { id, now, homePin, restrictionProfile }: AccountIdentity,
  fields: Partial<User> = {},
): User {
  const uuid = fields.uuid ?? randomBytes(8).toString("hex");
  const seconds = Math.floor(now / 1000);
  const own = ownsLogin(kind);
  const username = fields.username ?? (own ? `user${id}` : "");
  const title = fields.title ?? (kind === "guest" ? "Guest" : username || `User ${id}`);
  const pass = kind === "plex-pass";
  const user: User = {
    id,
    uuid,
    username,
    title,
    email: own ? `${username}@example.com` : "",
    // "" for an account of its own; a managed user's is its title.
    friendlyName: own ? "" : title,
    locale: null,
    confirmed: own,
    joinedAt: seconds - 86_400 * 400,
    emailOnlyAuth: false,
    hasPassword: own,
    protected: homePin !== undefined,
    thumb: `https://plex.tv/users/${uuid}/avatar?c=${seconds - 86_400 * 30}`,
    authToken: "",
    mailingListStatus: own ? "unsubscribed" : null,
    mailingListActive: false,
    scrobbleTypes: pass ? "10" : "",
    country: "GB",
    ...(homePin === undefined ? {} : { pin: pinHash(id, homePin) }),
    subscription: pass
      ? {
          active: true,
          subscribedAt: new Date((seconds - 86_400 * 200) * 1000).toISOString().replace(/\.\d+Z$/, "Z"),
          status: "Active",
          paymentService: "braintree",
          plan: "lifetime",
          features: [...passFeatures],
        }
      : inactive(),
    subscriptionDescription: pass ? "Lifetime Plex Pass" : null,
    restricted: !own,
    anonymous: null,
    ...(own ? {} : { restrictionProfile: restrictionProfile ?? null, customRestrictions: customRestrictions() }),
    home: !own,
    guest: kind === "guest",
    homeSize: 1,
    homeAdmin: false,
    maxHomeSize: 15,
    rememberExpiresAt: own ? seconds + 86_400 * 14 : null,
    profile: profile(),
    entitlements: pass ? ["ios", "all", "roku", "android", "xbox_one", "xbox_360", "windows", "windows_phone"] : [],
    ...(pass ? { roles: ["plexpass"] } : {}),
    ...(own
      ? {
          subscriptions: pass
            ? [
                {
                  id: null,
                  mode: "lifetime",
                  renewsAt: null,
                  endsAt: null,
                  type: "plexpass",
                  transfer: null,
                  state: "active",
                },
              ]
            : [],
          pastSubscriptions: [],
          trials: [],
        }
      : {}),
    services: services(),
    adsConsent: null,
    adsConsentSetAt: null,
    adsConsentReminderAt: null,
    experimentalFeatures: false,
    twoFactorEnabled: false,
    backupCodesCreated: false,
    attributionPartner: null,
    ...fields,
  };
  return user;
}
