// The X-Plex-* values that describe this app to plex.tv, to a media server and to the user: the header parameters
// of plex.tv's spec, each an option named after its header (X-Plex-Device-Vendor → `deviceVendor`).

import { identityOptions, type IdentityParameters } from "../../generated/plex-tv.operations";
import { optionError } from "../transport/options";

/** How the app presents itself. `clientIdentifier` must be the same on every run: see loadOrCreateClientIdentifier. */
export interface PlexIdentity extends IdentityParameters {
  /** X-Plex-Client-Identifier: one stable id per installation (a UUID, stored). */
  clientIdentifier: string;
  /** X-Plex-Product: the app's name, shown on the auth page and in the user's Authorized Devices. */
  product: string;
}

type IdentityKey = (typeof identityOptions)[number];

/** Checks the options (`who` names the caller in a TypeError) and keeps only the identity fields. */
export function toIdentity(options: Partial<PlexIdentity>, who: string): Readonly<PlexIdentity> {
  const identity: Partial<Record<IdentityKey, string>> = {};
  identityOptions.forEach((key, index) => {
    const value = options[key];
    // The spec lists the two required ones first: clientIdentifier, product.
    if (value === undefined && index > 1) return;
    if (typeof value !== "string" || (index < 2 && !value.trim())) throw optionError(key, "a non-empty string", who);
    // A lone surrogate cannot be sent (not as a header byte, not percent-encoded): encodeURIComponent says so.
    try {
      encodeURIComponent(value);
    } catch {
      throw optionError(key, "well-formed Unicode text", who);
    }
    identity[key] = value;
  });
  return identity as PlexIdentity;
}

/** The header an identity option is sent as: deviceName → X-Plex-Device-Name. */
export const identityHeaderName = (key: string) =>
  `X-Plex-${key[0]!.toUpperCase()}${key.slice(1).replace(/[A-Z]/g, "-$&")}`;

/**
 * The X-Plex-* headers for an identity. Header values must be bytes, and a name such as "Café ☕" would make fetch
 * throw: values outside printable ASCII are sent percent-encoded (UTF-8), as plex.tv reads X-Plex-* query parameters.
 */
export function identityHeaders(identity: Readonly<Partial<PlexIdentity>>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const key of identityOptions) {
    const value = identity[key];
    if (value !== undefined)
      headers[identityHeaderName(key)] = /^[ -~]*$/.test(value) ? value : encodeURIComponent(value);
  }
  return headers;
}
