// The stored sign-in: the token, the plex.tv it is for and the client identifier it was made under. They are read
// together and written together, so another run's sign-in in between can never leave its address beside this token.

import { CLIENT_IDENTIFIER_KEY } from "../stores/client-identifier";
import type { FileStore } from "../stores/file-store";
import { BASE_URL_KEY, TOKEN_KEY } from "./config";

export interface StoredSignIn {
  token: string | undefined;
  /** Older config files lack it: their token is for plex.tv's default address. */
  baseUrl: string | undefined;
  clientIdentifier: string | undefined;
}

export async function readSignIn(store: FileStore): Promise<StoredSignIn> {
  const values = await store.getMany([TOKEN_KEY, BASE_URL_KEY, CLIENT_IDENTIFIER_KEY]);
  return { token: values.token, baseUrl: values.baseUrl, clientIdentifier: values.clientIdentifier };
}

/** The keys as `from` held them: a write made with them as `expected` happens only if no one changed the sign-in. */
const unchanged = (from: StoredSignIn) => ({
  [TOKEN_KEY]: from.token,
  [BASE_URL_KEY]: from.baseUrl,
  [CLIENT_IDENTIFIER_KEY]: from.clientIdentifier,
});

/** A new sign-in (a login) replaces whatever is stored. */
export async function storeSignIn(store: FileStore, signIn: { [K in keyof StoredSignIn]: string }): Promise<void> {
  await store.setMany({
    [CLIENT_IDENTIFIER_KEY]: signIn.clientIdentifier,
    [BASE_URL_KEY]: signIn.baseUrl,
    [TOKEN_KEY]: signIn.token,
  });
}

/** Another token for the same plex.tv and client (a Home switch), stored only if the sign-in is still `from`. */
export const replaceToken = (store: FileStore, from: StoredSignIn, token: string): Promise<boolean> =>
  store.setMany({ [TOKEN_KEY]: token }, { expected: unchanged(from) });

/** The token goes, with the address it was for, only if the sign-in is still `from` (the client identifier stays). */
export const forgetSignIn = (store: FileStore, from: StoredSignIn): Promise<boolean> =>
  store.setMany({ [TOKEN_KEY]: undefined, [BASE_URL_KEY]: undefined }, { expected: unchanged(from) });
