// TypeScript types of the plex.tv authentication API.
// Generated from spec/plex-tv.yaml by scripts/generate.mjs. Do not edit: run `npm run generate`.

export interface paths {
  "/api/v2/pins": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a PIN
     * @description Creates a PIN for the client identifier in `X-Plex-Client-Identifier`. A strong PIN (25 characters)
     *     is for the auth app URL and lives about 1800 s; a 4-character PIN is typed at https://plex.tv/link
     *     and lives 900 s.
     */
    post: operations["getPin"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/pins/{pinID}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Check a PIN
     * @description Reads the PIN back. `authToken` is null until the user approves it. Must use the client identifier
     *     the PIN was created with.
     */
    get: operations["getTokenByPinId"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/pins/link": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Approve a 4-character PIN for the signed-in user
     * @description Approves a PIN made by another device (TV pairing), with the approving user's token.
     */
    put: operations["linkPin"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/user": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The signed-in user (token check)
     * @description 200 means the token is valid; only 401 means it is not.
     */
    get: operations["getUser"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/ping": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Keep a token alive */
    get: operations["ping"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/users/signout": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Invalidate the token */
    delete: operations["signOut"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/geoip": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Where plex.tv places this client */
    get: operations["getGeoData"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/resources": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The user's servers and devices
     * @description A bare JSON array. Each server carries its own `accessToken`.
     */
    get: operations["getServerResources"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/auth/jwk": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Register a device key with a legacy token
     * @description Binds the device's public key to the user, so the device can get Plex JWTs with it.
     */
    post: operations["registerDeviceKey"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/auth/nonce": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A single-use nonce for a device JWT
     * @description Valid for 5 minutes, usable once. Rate-limited.
     */
    get: operations["getAuthNonce"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/auth/token": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Exchange a device JWT for a Plex JWT
     * @description The device JWT (header `{kid, alg: "EdDSA", typ: "JWT"}`) carries a fresh nonce, `scope`, `aud: "plex.tv"`,
     *     `iss` (the client identifier), `iat` and `exp`. The answer is a Plex JWT valid for 7 days.
     */
    post: operations["exchangeDeviceJwt"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/auth/keys": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The keys plex.tv signs Plex JWTs with
     * @description Plex rotates them; verify a Plex JWT against the key its `kid` names, fetching again on an unknown one.
     */
    get: operations["getPlexPublicKeys"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/home/users": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The Plex Home and its users
     * @description The Home of the token's account: its admin, managed users and members, each with `protected` (a 4-digit Home PIN). What an account without Plex Home gets here is not recorded (a home of one, or an error): clients treat both as "just this user".
     */
    get: operations["getHomeData"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/home/users/{uuid}/switch": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Switch to another user of the Home
     * @description With the token of any Home member. The admin may switch to any member without their PIN; other members need the target's PIN when it is protected. Answers the switched-to user's account, with its own `authToken`. A wrong or missing PIN is 403 (some report 401) with code 1041: the token switched from stays valid. plex.tv checks a PIN whenever one is sent, even the admin's. The answer is a short account, not /api/v2/user's shape: which fields it holds depends on the `include*` flags (Plex Web sends includeSubscriptions, includeProviders, includeSettings, includeSharedSettings).
     */
    post: operations["switchHomeUser"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/users/signin": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in with a login and password
     * @description Plex prefers the PIN flow in third-party apps: the password never passes through the app there. Scripts and headless set-ups still use this. Wrong credentials are 401/1001; a missing 2FA code 401/1029, a wrong one 401/1028; too many failures from one IP 429, or 401/1031. plex.tv also takes the 2FA code appended to the password, and reads `X-Plex-Client-Identifier` from the form body too.
     */
    post: operations["postUsersSignInData"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/friends": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's friends, with what is shared with them */
    get: operations["getUserFriends"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/claim/token.json": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A claim token for a new Plex Media Server
     * @description Valid about 4 minutes; what Docker's `PLEX_CLAIM` takes. The server's POST /myplex/claim redeems it. Answers JSON whatever `Accept` says (python-plexapi sends none and parses JSON).
     */
    get: operations["getClaimToken"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/companions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Companion services of the account */
    get: operations["getCompanionsData"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description An Ed25519 public key as a JWK; `kid` is its RFC 7638 thumbprint. */
    Ed25519PublicJwk: {
      /** @constant */
      kty: "OKP";
      /** @constant */
      crv: "Ed25519";
      /** @description The public key, base64url (32 bytes). */
      x: string;
      kid?: string;
      /** @constant */
      alg?: "EdDSA";
      use?: string;
    };
    CreatePinRequest: {
      jwk: components["schemas"]["Ed25519PublicJwk"];
      strong?: boolean;
    };
    AuthNonce: {
      nonce: string;
    };
    /** @description Note the snake_case. */
    AuthTokenResponse: {
      /** @description A Plex JWT, valid 7 days, refreshable after expiry. */
      auth_token: string;
    };
    PlexPublicKeys: {
      keys: components["schemas"]["Ed25519PublicJwk"][];
    };
    /** @description The body of plex.tv's v2 errors. Not every error answer has one: an unknown route answers `{"status":404,"error":"Not Found"}`, and plex.tv's edge has answered 404 with an empty body. */
    PlexErrors: {
      errors: components["schemas"]["PlexError"][];
    };
    PlexError: {
      /** @description Plex's own error code (1000 missing client identifier, 1001 bad token, 1020 PIN not found or expired, ...). */
      code: number;
      message: string;
      /** @description The HTTP status; absent from the 2019 and 2020 captures, present in a 2026 one. */
      status?: number;
    };
    /** @description Requests a new pin id used in the authentication flow */
    GetPinAuthPinContainer: {
      /**
       * Format: int64
       * @description N/A
       * @example 308667304
       */
      id: number;
      /**
       * @description N/A
       * @example 7RQZ
       */
      code: string;
      /**
       * @description N/A
       * @example 0
       */
      product: string;
      /**
       * @description N/A
       * @default false
       */
      trusted?: boolean;
      /**
       * Format: uri
       * @description N/A
       * @example https://plex.tv/api/v2/pins/qr/7RQZ
       */
      qr?: string;
      /** @description The X-Client-Identifier used in the request */
      clientIdentifier: string;
      /** @description Geo location data */
      location?: components["schemas"]["GeoData"];
      /**
       * Format: int64
       * @description The number of seconds this pin expires, by default 900 seconds
       * @example 876
       */
      expiresIn?: number;
      /**
       * Format: date-time
       * @description N/A
       * @example 2024-07-16T17:03:05Z
       */
      createdAt: string;
      /**
       * Format: date-time
       * @description N/A
       * @example 2024-07-16T17:18:05Z
       */
      expiresAt: string;
      /** @description N/A */
      authToken?: string | null;
      /** @description N/A */
      newRegistration?: boolean | null;
    };
    /** @description Geo location data. Every field may be absent: older answers lack continent_code, european_union_member and the privacy flags. */
    GeoData: {
      /**
       * @description ISO 3166-1 alpha-2 country code.
       * @example VI
       */
      code?: string;
      /** @example NA */
      continent_code?: string;
      /** @example United States Virgin Islands */
      country?: string;
      /** @example Amsterdam */
      city?: string;
      /**
       * @description A boolean, or the string "Unknown" (python-plexapi expects it).
       * @example true
       */
      european_union_member?: boolean | string;
      /** @example America/St_Thomas */
      time_zone?: string;
      /**
       * @description A string on the wire ("SW1A 1AA", "811 06"); the upstream example's integer is wrong.
       * @example 00802
       */
      postal_code?: string;
      /**
       * @description A boolean, or the string "Unknown" (python-plexapi expects it).
       * @example true
       */
      in_privacy_restricted_country?: boolean | string;
      /**
       * @description A boolean, or the string "Unknown" (python-plexapi expects it).
       * @example true
       */
      in_privacy_restricted_region?: boolean | string;
      /** @example Saint Thomas */
      subdivisions?: string;
      /**
       * @description "lat, lon"
       * @example 18.3381, -64.8941
       */
      coordinates?: string;
    };
    /** @description The account a token belongs to (GET /api/v2/user, and a password sign-in's answer). Required are the fields every recorded answer carries (free and Plex Pass accounts, managed Home users of each, 2022 to 2024); absent from some: `pin` (only with a Home PIN), `roles` (free accounts and managed users have none), `subscriptions`, `pastSubscriptions` and `trials` (a managed user of a Plex Pass Home), `joinedAt` (answers before September 2022), `attributionPartner` (answers before 2024). A managed user's own account has `username` and `email` "" (empty, not null). `authToken` and `services[].token` are secrets. */
    UserPlexAccount: {
      /** Format: int64 */
      id: number;
      uuid: string;
      username: string;
      title: string;
      /** @description "" for a managed Plex Home user's own account (who has no login of their own); null in lists of Home users and friends. */
      email: string | null;
      friendlyName: string;
      /** @description Often null. */
      locale: string | null;
      /** @description Whether the email address is confirmed. */
      confirmed: boolean;
      /** @description When the account was made, in epoch seconds. Absent from answers before September 2022. */
      joinedAt?: number;
      emailOnlyAuth: boolean;
      hasPassword: boolean;
      /** @description Whether the account has a Plex Home PIN. */
      protected: boolean;
      /** @description Avatar image URL. */
      thumb: string;
      /** @description The account's token (a secret). */
      authToken: string;
      /** @description Such as "active" or "unsubscribed"; null for a managed user. */
      mailingListStatus: string | null;
      mailingListActive: boolean;
      /** @description A string such as "10", not a number. */
      scrobbleTypes: string;
      country: string;
      /** @description A hash, not the Home PIN itself; only when the account has a Home PIN. */
      pin?: string;
      subscription: components["schemas"]["PlexSubscription"];
      subscriptionDescription: string | null;
      restricted: boolean;
      /** @description null or false for ordinary accounts. */
      anonymous: boolean | null;
      /** @description Whether the account is in a Plex Home. */
      home: boolean;
      guest: boolean;
      homeSize: number;
      homeAdmin: boolean;
      maxHomeSize: number;
      /** @description Epoch seconds, or null. */
      rememberExpiresAt: number | null;
      profile: components["schemas"]["UserProfile"];
      entitlements: string[];
      /** @description Such as ["plexpass"]; absent on free accounts and on managed users. */
      roles?: string[] | null;
      /** @description Absent for a managed user of a Plex Pass Home. */
      subscriptions?: components["schemas"]["UserSubscription"][];
      /** @description Absent for a managed user of a Plex Pass Home. */
      pastSubscriptions?: components["schemas"]["UserSubscription"][];
      /** @description Absent for a managed user of a Plex Pass Home. */
      trials?: Record<string, never>[];
      services: components["schemas"]["UserService"][];
      adsConsent: boolean | null;
      adsConsentSetAt: number | null;
      adsConsentReminderAt: number | null;
      experimentalFeatures: boolean;
      twoFactorEnabled: boolean;
      backupCodesCreated: boolean;
      /** @description Only in answers since 2024 (null there). */
      attributionPartner?: string | null;
      /** @description Only in answers before September 2022. */
      certificateVersion?: number;
      /** @description Guest and managed accounts only, such as "little_kid". */
      restrictionProfile?: string | null;
      /** @description Guest and managed accounts only. */
      customRestrictions?: Record<string, never>;
      /** @description Guest and managed accounts only. */
      providers?: Record<string, never>[];
      /** @description Guest and managed accounts only. */
      settings?: Record<string, never>[];
    };
    /** @description The account's Plex Pass, active or not. */
    PlexSubscription: {
      active: boolean;
      subscribedAt?: string | null;
      /** @description "Active" or "Inactive". */
      status?: string;
      paymentService?: string | null;
      /** @description Such as "lifetime", "monthly", or null. */
      plan?: string | null;
      features: string[];
    };
    /** @description One of `subscriptions` or `pastSubscriptions` (recorded: a lifetime Plex Pass with id, renewsAt and endsAt null; an ended one with endsAt in epoch seconds and its billing state). */
    UserSubscription: {
      id?: number | null;
      /** @description Such as "lifetime". */
      mode?: string | null;
      renewsAt?: number | string | null;
      endsAt?: number | string | null;
      /** @description Such as "plexpass". */
      type?: string;
      transfer?: string | null;
      /** @description Such as "active". */
      state?: string;
      billing?: Record<string, never>;
      canceled?: boolean;
    } & {
      [key: string]: unknown;
    };
    /** @description The account's playback preferences. The subtitle and indicator settings are 0 or 1. */
    UserProfile: {
      autoSelectAudio?: boolean;
      defaultAudioLanguage?: string | null;
      defaultSubtitleLanguage?: string | null;
      autoSelectSubtitle?: number;
      defaultSubtitleAccessibility?: number;
      defaultSubtitleForced?: number;
      defaultAudioAccessibility?: number;
      /** @description Comma-separated (2026), a list in older answers, or null. */
      defaultAudioLanguages?: string | string[] | null;
      /** @description Comma-separated (2026), a list in older answers, or null. */
      defaultSubtitleLanguages?: string | string[] | null;
      watchedIndicator?: number;
      mediaReviewsVisibility?: number;
      mediaReviewsLanguages?: string | string[] | null;
      mediaPostsVisibility?: boolean;
    };
    /** @description A Plex service the account uses. `token` is a secret; services without one (eyeq-channel-icons, metadata-provider) left `token` and `secret` out before 2024 and send them null since. */
    UserService: {
      identifier: string;
      endpoint: string;
      token?: string | null;
      secret?: string | null;
      /** @description Such as "online". */
      status: string;
    };
    /** @description The short account a Home switch answers, with the switched-to user's own `authToken` (a secret). Required are the fields every recorded switch answer holds (2019, 2020, 2026); more come with the `include*` flags (subscription, profile, services, …), typed as in UserPlexAccount. */
    PlexSwitchedAccount: {
      /** Format: int64 */
      id: number;
      uuid: string;
      /** @description "" for a managed user. */
      username: string;
      title: string;
      /** @description "" for a managed user. */
      email: string;
      emailOnlyAuth: boolean;
      hasPassword: boolean;
      protected?: boolean;
      thumb: string;
      /** @description The switched-to user's token (a secret). */
      authToken: string;
      providers?: Record<string, never>[];
      /** @description A hash, not the Home PIN itself. */
      pin?: string;
      restricted: boolean;
      anonymous?: boolean | null;
      home: boolean;
      guest: boolean;
      homeSize: number;
      homeAdmin?: boolean;
      maxHomeSize?: number;
      certificateVersion?: number;
      /** @description Epoch seconds; null on switched Home users (jensenkd/plex-api#65). */
      rememberExpiresAt?: number | null;
      locale?: string | null;
      subscription?: components["schemas"]["PlexSubscription"];
      profile?: components["schemas"]["UserProfile"];
      services?: components["schemas"]["UserService"][];
    } & {
      [key: string]: unknown;
    };
    /** @description A Plex Home (GET /api/v2/home/users). */
    PlexHome: {
      id?: number;
      name?: string;
      guestUserID?: number | null;
      guestUserUUID?: string | null;
      guestEnabled?: boolean;
      subscription?: boolean;
      users: components["schemas"]["PlexHomeUser"][];
    };
    /** @description A user of a Plex Home. */
    PlexHomeUser: {
      id: number;
      uuid: string;
      title: string;
      /** @description null for a managed user. */
      username?: string | null;
      /** @description null for a managed user. */
      email?: string | null;
      friendlyName?: string | null;
      thumb?: string | null;
      hasPassword?: boolean;
      restricted?: boolean;
      /** @description Such as "little_kid", or null. */
      restrictionProfile?: string | null;
      admin?: boolean;
      guest?: boolean;
      /** @description The user has a 4-digit Home PIN. */
      protected?: boolean;
    };
    /** @description A friend of the account (GET /api/v2/friends). Required are the fields every recorded answer holds; `username`, `email` and `friendlyName` are often null (managed and Home users), `restrictionProfile` is absent on external friends. */
    PlexFriend: {
      id: number;
      uuid: string;
      title: string;
      /** @description null for a managed user. */
      username: string | null;
      /** @description null for managed friends. */
      email: string | null;
      friendlyName?: string | null;
      thumb: string | null;
      home: boolean;
      restricted?: boolean;
      restrictionProfile?: string | null;
      /** @enum {string} */
      status: "accepted" | "pending" | "pending_received" | "pending_sent";
      /** @description allowSync, allowCameraUpload, allowChannels, allowTuners, filterMovies and more. */
      sharingSettings?: {
        [key: string]: unknown;
      };
      sharedServers: components["schemas"]["PlexSharedServer"][];
      sharedSources: unknown[];
    };
    /** @description A server shared with a friend. */
    PlexSharedServer: {
      id?: number;
      name?: string;
      machineIdentifier?: string;
      serverId?: number;
      invitedId?: number;
      accepted?: boolean;
      /**
       * Format: date-time
       * @description An ISO date-time such as "2020-01-01T02:03:04Z" (recorded only for accepted shares).
       */
      acceptedAt?: string | null;
      /** Format: date-time */
      lastSeenAt?: string | null;
      deletedAt?: string | null;
      leftAt?: string | null;
      invitedEmail?: string | null;
      /** @description A secret. */
      inviteToken?: string;
      ownerId?: number;
      owned?: boolean;
      numLibraries?: number;
      allLibraries?: boolean;
      libraries?: {
        id?: number;
        key?: number;
        title?: string;
        type?: string;
      }[];
    } & {
      [key: string]: unknown;
    };
    ClaimToken: {
      /** @description `claim-…`, valid about 4 minutes. */
      token: string;
    };
    /** @description A companion service of the account. */
    PlexCompanion: {
      identifier?: string;
      baseURL?: string;
      title?: string;
      linkURL?: string;
      provides?: string;
      /** @description A secret of the companion. */
      token?: string;
    };
    /** @description A server or other device of the user (GET /api/v2/resources). plex.tv sends every field, null where empty; older recorded answers lack some (dnsRebindingProtection), so only the ones every answer carries are required. */
    PlexDevice: {
      name: string;
      /** @description Such as "Plex Media Server". */
      product: string;
      productVersion: string;
      platform: string | null;
      platformVersion: string | null;
      device: string | null;
      /** @description The device's machine identifier. */
      clientIdentifier: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      lastSeenAt: string;
      /** @description Comma-separated roles, e.g. "server,client,player". */
      provides: string;
      /** @description The owner's account id on a shared server; null when owned. */
      ownerId: number | null;
      /** @description The owner's name on a shared server; null when owned. */
      sourceTitle: string | null;
      publicAddress: string;
      /** @description This user's token for the server (a secret); may be null. */
      accessToken: string | null;
      owned: boolean;
      home: boolean;
      synced: boolean;
      relay: boolean;
      /** @description Whether the server is online now. */
      presence: boolean;
      httpsRequired: boolean;
      publicAddressMatches: boolean;
      dnsRebindingProtection?: boolean;
      natLoopbackSupported?: boolean;
      /** @description Only in answers since 2026. */
      searchEnabled?: boolean;
      connections: components["schemas"]["PlexConnection"][];
    };
    /** @description One way to reach a device. Prefer local over remote over relay, https over http. */
    PlexConnection: {
      /** @enum {string} */
      protocol: "http" | "https";
      address: string;
      port: number;
      /** @description What to connect to, often `https://<ip-dashed>.<machine-id>.plex.direct:32400`. */
      uri: string;
      /** @description On the user's own network. */
      local: boolean;
      /** @description Through Plex's relay (slow, bandwidth-capped). */
      relay: boolean;
      IPv6: boolean;
    };
  };
  responses: {
    /** @description Bad input, such as a missing X-Plex-Client-Identifier. */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["PlexErrors"];
      };
    };
    /** @description The token is invalid. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["PlexErrors"];
      };
    };
    /** @description Unknown PIN, expired PIN, or a PIN made under another client identifier. */
    PinNotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["PlexErrors"];
      };
    };
    /** @description A valid Home PIN is required (wrong or missing). The token switched from stays valid. */
    HomePinRequired: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["PlexErrors"];
      };
    };
    /** @description Code 1041: a wrong or missing Home PIN (some report 401 for it), and the token stays valid. Any other code: the token is invalid. */
    HomePinRequiredOrUnauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["PlexErrors"];
      };
    };
    /** @description 1001 wrong login or password; 1029 a 2FA code is needed; 1028 the 2FA code sent is wrong; 1031 this IP is having trouble signing in (too many tries, counted per IP). */
    SignInRefused: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["PlexErrors"];
      };
    };
    /** @description A JWK or JWT that plex.tv will not take (bad signature, reused nonce, thumbprint already taken). */
    Unprocessable: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["PlexErrors"];
      };
    };
    /** @description A Plex JWT that has expired (a non-standard status); refresh it. */
    TokenExpired: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["PlexErrors"];
      };
    };
    /** @description Slow down (code 1003, seen while polling PINs). Whether plex.tv sends `Retry-After` is not recorded; when one comes, it says for how long. */
    TooManyRequests: {
      headers: {
        /** @description Seconds to wait, or an HTTP date. */
        "Retry-After"?: string;
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["PlexErrors"];
      };
    };
  };
  parameters: {
    /**
     * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
     *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
     *     checked with the identifier that created it.
     */
    ClientIdentifier: string;
    /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
    Product: string;
    /** @description The app's version. */
    Version: string;
    /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
    Platform: string;
    /** @description The platform's version. */
    PlatformVersion: string;
    /** @description The kind of device. */
    Device: string;
    /** @description The device's name, shown in Authorized Devices. */
    DeviceName: string;
    /** @description The device's model. */
    Model: string;
    /** @description The device's maker. */
    DeviceVendor: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getPin: {
    parameters: {
      query?: {
        /** @description `true` for a 25-character code for the auth app; `false` (default) for a 4-character code. */
        strong?: boolean;
      };
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    /**
     * @description JWT device authentication: the device's public key. The PIN then yields a Plex JWT bound to that key
     *     (checked with `deviceJWT`) instead of a legacy token.
     */
    requestBody?: {
      content: {
        "application/json": components["schemas"]["CreatePinRequest"];
      };
    };
    responses: {
      /** @description The new PIN. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["GetPinAuthPinContainer"];
        };
      };
      400: components["responses"]["BadRequest"];
      422: components["responses"]["Unprocessable"];
      429: components["responses"]["TooManyRequests"];
    };
  };
  getTokenByPinId: {
    parameters: {
      query?: {
        /**
         * @description For a PIN created with a JWK: a short-lived JWT signed by the device key, proving the caller holds it.
         *     Once the PIN is approved, `authToken` is then a Plex JWT.
         */
        deviceJWT?: string;
      };
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path: {
        /** @description The PIN's `id`. */
        pinID: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The PIN, with `authToken` once approved. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["GetPinAuthPinContainer"];
        };
      };
      400: components["responses"]["BadRequest"];
      404: components["responses"]["PinNotFound"];
      422: components["responses"]["Unprocessable"];
      429: components["responses"]["TooManyRequests"];
    };
  };
  linkPin: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/x-www-form-urlencoded": {
          /** @description The 4-character PIN code. */
          code: string;
        };
      };
    };
    responses: {
      /** @description The PIN now carries the user's token. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["PinNotFound"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  getUser: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The user's account. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UserPlexAccount"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  ping: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The token is alive. plex.tv sends a small body whose text is `true` (python-plexapi reads it as a boolean); its exact JSON form is not recorded, so clients accept any 2xx, with or without a body. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": boolean;
        };
      };
      /** @description The token is alive. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  signOut: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The token no longer works. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  getGeoData: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The client's location. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["GeoData"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  getServerResources: {
    parameters: {
      query?: {
        /** @description Include https connections (`1`). */
        includeHttps?: 0 | 1;
        /** @description Include relay connections (`1`). */
        includeRelay?: 0 | 1;
        /** @description Include IPv6 connections (`1`). */
        includeIPv6?: 0 | 1;
      };
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The devices. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PlexDevice"][];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  registerDeviceKey: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          jwk: components["schemas"]["Ed25519PublicJwk"];
        };
      };
    };
    responses: {
      /** @description The key is registered. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      422: components["responses"]["Unprocessable"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  getAuthNonce: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The nonce. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AuthNonce"];
        };
      };
      400: components["responses"]["BadRequest"];
      429: components["responses"]["TooManyRequests"];
    };
  };
  exchangeDeviceJwt: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The device-signed JWT. */
          jwt: string;
        };
      };
    };
    responses: {
      /** @description A new Plex JWT. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AuthTokenResponse"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      422: components["responses"]["Unprocessable"];
      429: components["responses"]["TooManyRequests"];
    };
  };
  getPlexPublicKeys: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The current public keys. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PlexPublicKeys"];
        };
      };
      400: components["responses"]["BadRequest"];
      429: components["responses"]["TooManyRequests"];
    };
  };
  getHomeData: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Home. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PlexHome"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  switchHomeUser: {
    parameters: {
      query?: {
        /** @description The target user's 4-digit Home PIN, when the target is protected. */
        pin?: string;
      };
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path: {
        /** @description The Home user's uuid. */
        uuid: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The switched-to user's short account, with its own `authToken`. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PlexSwitchedAccount"];
        };
      };
      /** @description The switched-to user's short account, with its own `authToken` (plezy's tests record 201). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PlexSwitchedAccount"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["HomePinRequiredOrUnauthorized"];
      403: components["responses"]["HomePinRequired"];
      /** @description No Home user with that uuid. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PlexErrors"];
        };
      };
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  postUsersSignInData: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/x-www-form-urlencoded": {
          /** @description The account's username or email. */
          login: string;
          /** Format: password */
          password: string;
          rememberMe?: boolean;
          /** @description The 6-digit 2FA code, when the account has 2FA. */
          verificationCode?: string;
          /** @description The client identifier, where scripts send it (ClaimIt's does); the header wins. */
          "X-Plex-Client-Identifier"?: string;
        };
      };
    };
    responses: {
      /** @description Signed in; the account, its `authToken` inside. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UserPlexAccount"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["SignInRefused"];
      429: components["responses"]["TooManyRequests"];
    };
  };
  getUserFriends: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The friends. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PlexFriend"][];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  getClaimToken: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The claim token. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ClaimToken"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
  getCompanionsData: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value
         *     per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be
         *     checked with the identifier that created it.
         */
        "X-Plex-Client-Identifier"?: components["parameters"]["ClientIdentifier"];
        /** @description The app's name, shown to the user on the auth page and in Authorized Devices. */
        "X-Plex-Product"?: components["parameters"]["Product"];
        /** @description The app's version. */
        "X-Plex-Version"?: components["parameters"]["Version"];
        /** @description The platform the app runs on ("Web", "Node.js", "Android"). */
        "X-Plex-Platform"?: components["parameters"]["Platform"];
        /** @description The platform's version. */
        "X-Plex-Platform-Version"?: components["parameters"]["PlatformVersion"];
        /** @description The kind of device. */
        "X-Plex-Device"?: components["parameters"]["Device"];
        /** @description The device's name, shown in Authorized Devices. */
        "X-Plex-Device-Name"?: components["parameters"]["DeviceName"];
        /** @description The device's model. */
        "X-Plex-Model"?: components["parameters"]["Model"];
        /** @description The device's maker. */
        "X-Plex-Device-Vendor"?: components["parameters"]["DeviceVendor"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The companions. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["PlexCompanion"][];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      498: components["responses"]["TokenExpired"];
    };
  };
}
