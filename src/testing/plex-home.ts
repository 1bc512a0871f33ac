// The stand-in's Plex Home, password accounts, friends, claim tokens and companions, and their routes, as
// ../shared/plex-tv-api.md ("Plex Home, password sign-in, friends, claim tokens") records plex.tv's behaviour.

import { randomBytes } from "node:crypto";
import type { components } from "../../generated/plex-tv";
import { badRequest, plexError, type Answer } from "./answers";
import type { Context, Routes } from "./plex-tv-routes";
import type { PlexTvState, User } from "./plex-tv-state";

export type Friend = components["schemas"]["PlexFriend"];
export type Companion = components["schemas"]["PlexCompanion"];
type HomeUser = components["schemas"]["PlexHomeUser"];

/** A user of the stand-in's Home: the account, whether it is managed (no login of its own), its Home PIN. */
export interface HomeMember {
  user: User;
  managed: boolean;
  pin?: string;
  /** Such as "little_kid", for a restricted managed user. */
  restrictionProfile?: string;
}

/** An account that signs in with a password (and a 2FA code, when it has one). */
export interface PasswordAccount {
  user: User;
  password: string;
  /** The 6-digit code the account's authenticator shows now; set means 2FA is on. */
  verificationCode?: string;
}

/** What a test sets up with addPasswordAccount. */
export interface PasswordAccountOptions {
  username: string;
  password: string;
  email?: string;
  verificationCode?: string;
}

// Not recorded: how many failures plex.tv allows before 1031. Five keeps the throttle reachable in tests.
const FAILURES_BEFORE_THROTTLE = 5;
// plex.tv's claim tokens live about 4 minutes.
const CLAIM_TOKEN_LIFETIME_MS = 4 * 60_000;

const pinRequired = (status: number): Answer => ({
  status,
  body: plexError(1041, "A valid PIN is required to perform this action", status),
});

export class PlexHomeState {
  /** The Home's members, the admin first. Empty: no Home set up. */
  readonly home: HomeMember[] = [];
  readonly accounts = new Map<string, PasswordAccount>();
  readonly failedSignIns = new Map<string, number>();
  friends: Friend[] = [];
  companions: Companion[] = [];
  readonly claimTokens = new Map<string, { user: User; expiresAt: number }>();

  constructor(private readonly state: PlexTvState) {}

  /**
   * Makes the default user the admin of a Home with two managed users: "Kids" (protected, PIN 1234, little_kid)
   * and "Living Room" (unprotected). Returns the members.
   */
  setUpHome(adminPin?: string): HomeMember[] {
    if (this.home.length) return this.home;
    const admin = this.state.defaultUser;
    Object.assign(admin, { home: true, homeAdmin: true, protected: !!adminPin });
    this.home.push({ user: admin, managed: false, pin: adminPin });
    this.addHomeUser({ title: "Kids", pin: "1234", restrictionProfile: "little_kid" });
    this.addHomeUser({ title: "Living Room" });
    return this.home;
  }

  /** Adds a managed user to the Home (setting the Home up first). */
  addHomeUser({ title, pin, restrictionProfile }: { title: string; pin?: string; restrictionProfile?: string }) {
    if (!this.home.length) this.setUpHome();
    // A managed user's own account has no login: username and email are "" (null only in lists of Home users).
    const user = this.state.newUser({
      username: "",
      title,
      email: "",
      hasPassword: false,
      protected: !!pin,
      restricted: !!restrictionProfile,
      home: true,
    });
    const member: HomeMember = { user, managed: true, pin, restrictionProfile };
    this.home.push(member);
    for (const other of this.home) other.user.homeSize = this.home.length;
    return member;
  }

  memberOf(user: User | undefined): HomeMember | undefined {
    return this.home.find((member) => member.user === user);
  }

  homeUserJson({ user, managed, pin, restrictionProfile }: HomeMember): HomeUser {
    return {
      id: user.id,
      uuid: user.uuid,
      title: user.title,
      username: managed ? null : user.username,
      email: managed ? null : user.email,
      friendlyName: user.friendlyName ?? null,
      thumb: user.thumb ?? null,
      hasPassword: !managed,
      restricted: user.restricted ?? false,
      restrictionProfile: restrictionProfile ?? null,
      admin: (this.home[0]?.user ?? user) === user,
      guest: false,
      protected: !!pin,
    };
  }

  addPasswordAccount({ username, password, email, verificationCode }: PasswordAccountOptions): PasswordAccount {
    const address = email ?? `${username}@example.com`;
    const user = this.state.newUser({ username, email: address, twoFactorEnabled: !!verificationCode });
    const account = { user, password, verificationCode };
    this.accounts.set(username.toLowerCase(), account);
    this.accounts.set(address.toLowerCase(), account);
    return account;
  }

  issueClaimToken(user: User): string {
    const token = `claim-${randomBytes(10).toString("base64url")}`;
    this.claimTokens.set(token, { user, expiresAt: this.state.now() + CLAIM_TOKEN_LIFETIME_MS });
    return token;
  }

  /** Spends a claim token: the account it claims a server for, or null when it is unknown, used or expired. */
  redeemClaimToken(token: string): { id: number; uuid: string; username: string } | null {
    const claim = this.claimTokens.get(token);
    this.claimTokens.delete(token);
    if (!claim || this.state.now() >= claim.expiresAt) return null;
    const { id, uuid, username } = claim.user;
    return { id, uuid, username };
  }
}

export function plexHomeRoutes(state: PlexTvState, home: PlexHomeState, denied: (context: Context) => Answer): Routes {
  // A managed user sees the admin's servers as shared ones, each with that user's own access token.
  const resourcesFor = (user: User) => {
    const member = home.memberOf(user);
    if (!member?.managed) return state.resources;
    return state.resources
      .filter((device) => device.provides.split(",").includes("server"))
      .map((device) => ({
        ...device,
        owned: false,
        home: true,
        accessToken: `standin-server-${device.clientIdentifier}-${user.uuid}`,
      }));
  };

  // A switch and a sign-in both answer 201 with the account, carrying a new token of its own.
  const signedIn = (user: User): Answer => ({
    status: 201,
    body: { ...user, authToken: state.tokenFor(user) },
    xml: "user",
  });

  return {
    "GET /api/v2/resources": (context) =>
      context.user ? { status: 200, body: resourcesFor(context.user), xml: "resources" } : denied(context),

    "GET /api/v2/home/users": (context) => {
      const { user } = context;
      if (!user) return denied(context);
      const members = home.memberOf(user) ? home.home : [{ user, managed: false }];
      const body = {
        id: 1,
        name: `${home.home[0]?.user.title ?? user.title}'s Home`,
        guestUserID: null,
        guestUserUUID: null,
        guestEnabled: false,
        subscription: user.subscription?.active ?? false,
        users: members.map((member) => home.homeUserJson(member)),
      };
      return { status: 200, body, xml: "home" };
    },

    "POST /api/v2/home/users/{uuid}/switch": (context) => {
      const { user, params, url } = context;
      if (!user) return denied(context);
      const from = home.memberOf(user);
      const target = home.home.find((member) => member.user.uuid === params.uuid);
      if (!from || !target) return { status: 404, body: plexError(1002, "Not found", 404) };
      // The admin switches to anyone without a PIN; others need the target's PIN when it has one.
      const isAdmin = home.home[0] === from;
      if (target.pin && !(isAdmin && target !== from) && url.searchParams.get("pin") !== target.pin) {
        return pinRequired(403);
      }
      return signedIn(target.user);
    },

    "POST /api/v2/users/signin": ({ body, request }) => {
      const form = (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
      const fields = form ? new URLSearchParams(body) : new URLSearchParams();
      const login = (fields.get("login") ?? "").toLowerCase();
      if (!login || !fields.get("password")) return badRequest("login and password are required");
      const failures = home.failedSignIns.get(login) ?? 0;
      if (failures >= FAILURES_BEFORE_THROTTLE) {
        return { status: 401, body: plexError(1031, "This IP is having trouble signing in", 401) };
      }
      const account = home.accounts.get(login);
      if (!account || account.password !== fields.get("password")) {
        home.failedSignIns.set(login, failures + 1);
        return { status: 401, body: plexError(1001, "User could not be authenticated", 401) };
      }
      if (account.verificationCode && fields.get("verificationCode") !== account.verificationCode) {
        return { status: 401, body: plexError(1029, "Please enter the verification code", 401) };
      }
      home.failedSignIns.delete(login);
      return signedIn(account.user);
    },

    "GET /api/v2/friends": (context) =>
      context.user ? { status: 200, body: home.friends, xml: "friends" } : denied(context),

    "GET /api/claim/token.json": (context) =>
      context.user ? { status: 200, body: { token: home.issueClaimToken(context.user) } } : denied(context),

    "GET /api/v2/companions": (context) =>
      context.user ? { status: 200, body: home.companions, xml: "companions" } : denied(context),
  };
}

/** A friend as plex.tv lists it, from the fields a test cares about. */
export function completeFriend(fields: Partial<Friend> & Pick<Friend, "title">): Friend {
  return {
    id: Math.floor(Math.random() * 1e8),
    uuid: randomBytes(8).toString("hex"),
    username: fields.title,
    email: `${fields.title.toLowerCase().replace(/\W+/g, ".")}@example.com`,
    friendlyName: fields.title,
    thumb: `https://plex.tv/users/${randomBytes(8).toString("hex")}/avatar`,
    home: false,
    restricted: false,
    restrictionProfile: null,
    status: "accepted",
    sharingSettings: { allowSync: false, allowCameraUpload: false, allowChannels: false, allowTuners: 0 },
    sharedServers: [],
    sharedSources: [],
    ...fields,
  };
}
