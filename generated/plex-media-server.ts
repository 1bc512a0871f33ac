// TypeScript types of the Plex Media Server authentication surface.
// Generated from spec/plex-media-server.yaml by scripts/generate.mjs. Do not edit: run `npm run generate`.

export interface paths {
  "/identity": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who the server is (no token needed)
     * @description What findReachableConnection races. `claimed` false marks a server waiting to be claimed.
     */
    get: operations["getServerIdentity"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/security/token": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A transient token with the caller's rights
     * @description A short-lived token (about 48 hours, gone when the server restarts): put it in URLs handed to players or casts instead of the real token. `type` and `scope` accept only these values.
     */
    get: operations["getTransientToken"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/security/resources": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How to reach another server or provider this server knows */
    get: operations["getSourceConnectionInformation"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/myplex/claim": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Claim an unclaimed server for the account a claim token came from
     * @description Only from the server's own network, on an unclaimed server. The claim token comes from plex.tv's `GET /api/claim/token.json` and lives about 4 minutes. A server that is claimed already answers 401 (ClaimIt#1, its maintainer); the answer to an unknown or expired claim token is not recorded (a 4xx).
     */
    post: operations["claimServer"];
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
    ServerIdentity: {
      size?: number;
      /** @description false while the server waits to be claimed. */
      claimed?: boolean;
      /** @description The server's clientIdentifier in plex.tv's resources. */
      machineIdentifier: string;
      version?: string;
    };
    /** @description The plex.tv account a server is signed in as. PMS spells the state values as plex.rs records them: signInState none, invalid or ok; mappingState unknown, waiting, mapped or failed. */
    ServerAccount: {
      /** @description The server's own plex.tv token (a secret). */
      authToken?: string;
      username?: string;
      mappingState?: string;
      signInState?: string;
    } & {
      [key: string]: unknown;
    };
    TransientToken: {
      size?: number;
      /** @description The transient token (a secret, though a short-lived one). */
      token: string;
    };
    SourceConnectionInformation: {
      size?: number;
      Device?: components["schemas"]["SourceDevice"][];
    };
    SourceDevice: {
      name?: string;
      clientIdentifier: string;
      /** @description The token for that source (a secret). */
      accessToken?: string | null;
      Connection?: components["schemas"]["SourceConnection"][];
    };
    SourceConnection: {
      protocol?: string;
      address?: string;
      port?: number;
      uri: string;
      local?: boolean;
    };
  };
  responses: {
    /** @description The token is missing or not accepted. A server's 401 is an HTML page, not JSON. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "text/html": string;
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getServerIdentity: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The server's identity. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            MediaContainer: components["schemas"]["ServerIdentity"];
          };
        };
      };
    };
  };
  getTransientToken: {
    parameters: {
      query: {
        type: "delegation";
        scope: "all";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The transient token. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            MediaContainer: components["schemas"]["TransientToken"];
          };
        };
      };
      /** @description The token is missing or not accepted: here a 403 HTML page (the newest public spec), not the 401 of other operations. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/html": string;
        };
      };
    };
  };
  getSourceConnectionInformation: {
    parameters: {
      query: {
        /** @description A server's machine identifier, or a provider. */
        source: string;
        /** @description Ask plex.tv again (1) instead of answering from what the server knows (0). */
        refresh?: 0 | 1;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The source's devices and their connections. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            MediaContainer: components["schemas"]["SourceConnectionInformation"];
          };
        };
      };
      401: components["responses"]["Unauthorized"];
    };
  };
  claimServer: {
    parameters: {
      query: {
        /** @description The claim token, `claim-…` (a one-time code, not the user's token). */
        token: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Claimed; the server's account, as GET /myplex/account answers it (python-plexapi reads it as an account and its test expects `signInState` "ok"). No answer body is recorded: only `MyPlex` is required. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            MyPlex: components["schemas"]["ServerAccount"];
          };
        };
      };
      /** @description The server is claimed already (an HTML page, as every server error is). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/html": string;
        };
      };
      /** @description The claim token is unknown or expired (the exact status is not recorded). */
      "4XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
