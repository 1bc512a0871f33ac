// The stand-in's Plex Home, password accounts, friends, claim tokens and companions, and their routes, as
// ../shared/plex-tv-api.md ("Plex Home, password sign-in, friends, claim tokens") records plex.tv's behaviour.

import { randomBytes } from "node:crypto";
import type { components } from "../../generated/plex-tv";
import { badRequest, failure } from "./answers";
import { ownsLogin, pinHash, type AccountKind } from "./accounts";
import { BoundedMap } from "./bounded-map";
import { denied, type Routes } from "./plex-tv-routes";
import type { Device, PlexTvState, User } from "./plex-tv-state";

export type Friend = components["schemas"]["PlexFriend"];
export type Companion = components["schemas"]["PlexCompanion"];
type HomeUser = components["schemas"]["PlexHomeUser"];
type SwitchedAccount = components["schemas"]["PlexSwitchedAccount"];

/** A user of the stand-in's Home: the account, whether it is managed (no login of its own), its Home PIN. */
export interface HomeMember {
  user: User;
  /** What kind of account it is (the admin's is "free" or "plex-pass"). */
  account: AccountKind;
  /** No login of its own: a managed user, or the Home's guest. */
  managed: boolean;
  pin?: string | undefined;
  /** Such as "little_kid", for a restricted managed user. */
  restrictionProfile?: string | undefined;
}

/** What a test gives addHomeUser. */
export interface NewHomeUser {
  title: string;
  /** The user's Home PIN (4 digits): the user is then protected. */
  pin?: string;
  restrictionProfile?: string;
  /** "managed" (default), "guest" (the Home's Guest account), or an account of its own ("free", "plex-pass"). */
  account?: AccountKind;
}

/** The account a claim token was for, and the token the claimed server signs in to plex.tv with. */
export interface ClaimedFor {
  id: number;
  uuid: string;
  username: string;
  authToken: string;
}

/** An account that signs in with a password (and a 2FA code, when it has one). */
export interface PasswordAccount {
  user: User;
  password: string;
  /** The 6-digit code the account's authenticator shows now; set means 2FA is on. */
  verificationCode?: string | undefined;
}

/** What a test sets up with addPasswordAccount. */
export interface PasswordAccountOptions {
  username: string;
  password: string;
  email?: string;
  verificationCode?: string;
  /** "free" (default) or "plex-pass". */
  account?: "free" | "plex-pass";
}

// Not recorded: how many failures plex.tv allows an IP before 1031. Five keeps the throttle reachable in tests.
const FAILURES_BEFORE_THROTTLE = 5;
/** IPs whose failed sign-ins are counted at most (the oldest forgotten first). */
const MAX_COUNTED_IPS = 1_000;
// plex.tv's claim tokens live about 4 minutes.
const CLAIM_TOKEN_LIFETIME_MS = 4 * 60_000;
const MAX_CLAIM_TOKENS = 10_000;

const pinRequired = failure(403, 1041, "A valid PIN is required to perform this action");

/** plex.tv's 1031 text for an IP with too many failures (forum threads quote it so). */
const throttled = failure(
  401,
  1031,
  "User could not be authenticated. This IP appears to be having trouble signing in to an account (detected repeated failures)",
);

export class PlexHomeState {
  /** The Home's members, the admin first. Empty: no Home set up. */
  readonly home: HomeMember[] = [];
  readonly accounts = new Map<string, PasswordAccount>();
  /** Failed sign-ins by IP, as plex.tv counts them for 1031. */
  readonly failedSignIns = new BoundedMap<string, number>(MAX_COUNTED_IPS);
  friends: Friend[] = [];
  companions: Companion[] = [];
  readonly claimTokens = new BoundedMap<string, { user: User; expiresAt: number }>(MAX_CLAIM_TOKENS);
  /** The servers (by clientIdentifier) shared with each managed user or guest (by uuid). */
  readonly shares = new Map<string, Set<string>>();
  /** Every Home has a Guest account (its id and uuid are in GET /api/v2/home/users), listed once enabled. */
  #guest: HomeMember | undefined;
  #guestEnabled = false;
  #withDefaultMembers = false;

  constructor(
    private readonly state: PlexTvState,
    private readonly defaultAccount: AccountKind = "free",
  ) {
    // A managed or guest default user lives in a Home whose admin is another account.
    if (!ownsLogin(defaultAccount)) this.#ensureHome();
  }

  /** The Home, made on first use: the default user as admin, or, for a managed default user, another account. */
  #ensureHome(): HomeMember {
    if (this.home[0]) return this.home[0];
    const own = ownsLogin(this.defaultAccount);
    const adminKind = own ? this.defaultAccount : "free";
    const admin = own
      ? this.state.defaultUser
      : this.state.newUser("free", {
          username: "standin-admin",
          email: "standin-admin@example.com",
          title: "Home Admin",
        });
    this.home.push({ user: admin, account: adminKind, managed: false });
    this.#guest = { user: this.state.newUser("guest"), account: "guest", managed: true };
    if (!own) {
      const member: HomeMember = { user: this.state.defaultUser, account: this.defaultAccount, managed: true };
      if (this.defaultAccount === "guest") this.#guest = member;
      this.#add(member);
    }
    this.#refresh();
    return this.home[0]!;
  }

  #add(member: HomeMember): HomeMember {
    if (member.account === "guest") this.#guestEnabled = true;
    this.home.push(member);
    this.#refresh();
    return member;
  }

  // Every member's account says it is in a Home of this size, and the admin's that it is the admin.
  #refresh(): void {
    for (const [index, { user }] of this.home.entries()) {
      Object.assign(user, { home: true, homeAdmin: index === 0, homeSize: this.home.length });
    }
  }

  /**
   * Sets the Home up with two managed users: "Kids" (protected, PIN 1234, little_kid) and "Living Room"
   * (unprotected), and the admin's Home PIN when given. Returns the members.
   */
  setUpHome(adminPin?: string): HomeMember[] {
    const admin = this.#ensureHome();
    if (adminPin !== undefined) setHomePin(admin, adminPin);
    if (this.#withDefaultMembers) return this.home;
    this.#withDefaultMembers = true;
    this.addHomeUser({ title: "Kids", pin: "1234", restrictionProfile: "little_kid" });
    this.addHomeUser({ title: "Living Room" });
    return this.home;
  }

  /** Adds a user to the Home (making the Home first): managed by default, or the Guest, or an account of its own. */
  addHomeUser({ title, pin, restrictionProfile, account = "managed" }: NewHomeUser): HomeMember {
    this.#ensureHome();
    if (account === "guest") {
      const guest = this.#guest!;
      if (!this.home.includes(guest)) this.#add(guest);
      return guest;
    }
    const own = ownsLogin(account);
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const user = this.state.newUser(
      account,
      own ? { username: slug, email: `${slug}@example.com`, title } : { title },
      { homePin: pin, restrictionProfile },
    );
    return this.#add({ user, account, managed: !own, pin, restrictionProfile });
  }

  memberOf(user: User | undefined): HomeMember | undefined {
    return this.home.find((member) => member.user === user);
  }

  /** Shares a server (its clientIdentifier) with a managed user or the guest, as the admin does in Plex Web. */
  shareServer(serverClientIdentifier: string, user: string | { uuid: string }): void {
    const uuid = typeof user === "string" ? user : user?.uuid;
    const member =
      this.home.find((m) => m.user.uuid === uuid) ?? (this.#guest?.user.uuid === uuid ? this.#guest : undefined);
    if (!member) throw new TypeError(`shareServer: no user ${JSON.stringify(uuid)} in the stand-in's Home`);
    const server = this.state.resources.find((device) => device.clientIdentifier === serverClientIdentifier);
    if (!server || !server.provides.split(",").includes("server")) {
      throw new TypeError(
        `shareServer: no server ${JSON.stringify(serverClientIdentifier)} in the stand-in's resources`,
      );
    }
    const shared = this.shares.get(member.user.uuid) ?? new Set<string>();
    shared.add(serverClientIdentifier);
    this.shares.set(member.user.uuid, shared);
  }

  /** GET /api/v2/home/users's answer for the Home this user is in (or a Home of one). */
  homeJson(user: User): components["schemas"]["PlexHome"] {
    const member = this.memberOf(user);
    const admin = this.home[0];
    const members = member ? this.home : [{ user, account: "free" as const, managed: false }];
    return {
      id: 1,
      name: `${admin?.user.title ?? user.title}'s Home`,
      guestUserID: member ? (this.#guest?.user.id ?? null) : null,
      guestUserUUID: member ? (this.#guest?.user.uuid ?? null) : null,
      guestEnabled: member ? this.#guestEnabled : false,
      subscription: (admin?.user ?? user).subscription.active,
      users: members.map((m) => this.homeUserJson(m, (admin && member ? admin.user : user) === m.user)),
    };
  }

  /** A Home user as GET /api/v2/home/users lists it (recorded: no friendlyName; null login for a managed one). */
  homeUserJson({ user, managed, pin, restrictionProfile }: HomeMember, admin: boolean): HomeUser {
    return {
      id: user.id,
      uuid: user.uuid,
      title: user.title,
      username: managed ? null : user.username,
      email: managed ? null : user.email,
      thumb: user.thumb,
      hasPassword: !managed,
      restricted: user.restricted,
      restrictionProfile: restrictionProfile ?? null,
      admin,
      guest: user.guest,
      protected: pin !== undefined,
    };
  }

  /** What GET /api/v2/resources lists for this user: a managed user or guest sees only what is shared with them. */
  resourcesFor(user: User): Device[] {
    const member = this.memberOf(user);
    if (!member?.managed) return this.state.resources;
    const shared = this.shares.get(user.uuid) ?? new Set<string>();
    const owner = this.home[0]!.user;
    return this.state.resources
      .filter((device) => shared.has(device.clientIdentifier))
      .map((device) => ({
        ...device,
        owned: false,
        home: true,
        ownerId: owner.id,
        sourceTitle: owner.username || owner.title,
        accessToken: `standin-server-${device.clientIdentifier}-${user.uuid}`,
      }));
  }

  addPasswordAccount({ username, password, email, verificationCode, account = "free" }: PasswordAccountOptions) {
    const address = email ?? `${username}@example.com`;
    const user = this.state.newUser(account, { username, email: address, twoFactorEnabled: !!verificationCode });
    const entry: PasswordAccount = { user, password, verificationCode };
    this.accounts.set(username.toLowerCase(), entry);
    this.accounts.set(address.toLowerCase(), entry);
    return entry;
  }

  issueClaimToken(user: User): string {
    const now = this.state.now();
    this.claimTokens.dropExpired(now, (claim) => claim.expiresAt);
    const token = `claim-${randomBytes(10).toString("base64url")}`;
    this.claimTokens.set(token, { user, expiresAt: now + CLAIM_TOKEN_LIFETIME_MS });
    return token;
  }

  /**
   * Spends a claim token: the account it claims a server for, with a new token of that account (the server's own),
   * or null when it is unknown, used or expired.
   */
  redeemClaimToken(token: string): ClaimedFor | null {
    const claim = this.claimTokens.get(token);
    this.claimTokens.delete(token);
    if (!claim || this.state.now() >= claim.expiresAt) return null;
    const { id, uuid, username } = claim.user;
    return { id, uuid, username, authToken: this.state.tokenFor(claim.user) };
  }

  /** The member a switch targets: a Home user, or the guest once enabled. */
  target(uuid: string | undefined): HomeMember | undefined {
    return this.home.find((member) => member.user.uuid === uuid);
  }
}

/** Gives a member a Home PIN: its account is then protected and carries the PIN's hash. */
function setHomePin(member: HomeMember, pin: string): void {
  member.pin = pin;
  Object.assign(member.user, { protected: true, pin: pinHash(member.user.id, pin) });
}

/**
 * The short account a switch answers (a 2020 capture's fields): not /api/v2/user's shape. `pin` only with a Home
 * PIN; `rememberExpiresAt` null for a managed user; no `certificateVersion` (not sent since 2022).
 */
export function switchedAccount(user: User, authToken: string): SwitchedAccount {
  return {
    id: user.id,
    uuid: user.uuid,
    username: user.username,
    title: user.title,
    email: user.email ?? "",
    emailOnlyAuth: user.emailOnlyAuth,
    hasPassword: user.hasPassword,
    protected: user.protected,
    thumb: user.thumb,
    authToken,
    providers: [],
    ...(user.pin === undefined ? {} : { pin: user.pin }),
    restricted: user.restricted,
    anonymous: user.anonymous,
    home: user.home,
    guest: user.guest,
    homeSize: user.homeSize,
    homeAdmin: user.homeAdmin,
    maxHomeSize: user.maxHomeSize,
    rememberExpiresAt: user.rememberExpiresAt,
  };
}

/** The sign-in form's password and 2FA code: plex.tv also takes the code appended to the password. */
function credentials(account: PasswordAccount | undefined, password: string, sentCode: string | null) {
  if (!account) return { passwordOk: false, code: undefined };
  if (password === account.password) return { passwordOk: true, code: sentCode ?? undefined };
  const appended = account.verificationCode !== undefined && password.length === account.password.length + 6;
  if (appended && password.startsWith(account.password) && /^\d{6}$/.test(password.slice(-6))) {
    return { passwordOk: true, code: password.slice(-6) };
  }
  return { passwordOk: false, code: undefined };
}

export function plexHomeRoutes(state: PlexTvState, home: PlexHomeState) {
  // A sign-in answers 201 with the whole account, carrying a new token of its own.
  const signedIn = (user: User) => ({
    status: 201 as const,
    body: { ...user, authToken: state.tokenFor(user) },
    xml: "user",
  });

  return {
    "GET /api/v2/resources": (context) =>
      context.user ? { status: 200, body: home.resourcesFor(context.user), xml: "resources" } : denied(context),

    "GET /api/v2/home/users": (context) =>
      context.user ? { status: 200, body: home.homeJson(context.user), xml: "home" } : denied(context),

    "POST /api/v2/home/users/{uuid}/switch": (context) => {
      const { user, params, url } = context;
      if (!user) return denied(context);
      const from = home.memberOf(user);
      const target = home.target(params.uuid);
      // Weakly grounded: an unknown Home user is 404 with code 1002.
      if (!from || !target) return failure(404, 1002, "Not found");
      // A PIN sent is checked, whoever sends it (the admin too); without one, only the admin may switch to a
      // protected user. A target without a Home PIN has none a sent PIN could match.
      const sent = url.searchParams.get("pin");
      const isAdmin = home.home[0] === from;
      if (sent !== null ? sent !== target.pin : target.pin !== undefined && !isAdmin) return pinRequired;
      return { status: 201, body: switchedAccount(target.user, state.tokenFor(target.user)), xml: "user" };
    },

    "POST /api/v2/users/signin": ({ form, remoteAddress }) => {
      const login = (form?.get("login") ?? "").toLowerCase();
      const password = form?.get("password") ?? "";
      if (!login || !password) return badRequest("login and password are required");
      const failures = home.failedSignIns.get(remoteAddress) ?? 0;
      if (failures >= FAILURES_BEFORE_THROTTLE) return throttled;
      const account = home.accounts.get(login);
      const { passwordOk, code } = credentials(account, password, form?.get("verificationCode") ?? null);
      const fail = () => void home.failedSignIns.set(remoteAddress, failures + 1);
      if (!account || !passwordOk) return (fail(), failure(401, 1001, "User could not be authenticated"));
      if (account.verificationCode !== undefined) {
        if (code === undefined) return failure(401, 1029, "Please enter the verification code");
        if (code !== account.verificationCode) return (fail(), failure(401, 1028, "Invalid verification code"));
      }
      home.failedSignIns.delete(remoteAddress);
      return signedIn(account.user);
    },

    "GET /api/v2/friends": (context) =>
      context.user ? { status: 200, body: home.friends, xml: "friends" } : denied(context),

    "GET /api/claim/token.json": (context) =>
      context.user ? { status: 200, body: { token: home.issueClaimToken(context.user) } } : denied(context),

    "GET /api/v2/companions": (context) =>
      context.user ? { status: 200, body: home.companions, xml: "companions" } : denied(context),
  } satisfies Partial<Routes>;
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
