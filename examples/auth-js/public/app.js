// The server does the plex.tv part (signInWithServer against /plex) and leaves a one-time ticket in an HttpOnly
// cookie; the page then signs in to Auth.js with the Plex provider, whose authorize redeems that ticket. No token
// passes through this script.
import { signInWithServer } from "plex-tv-auth";

const [signIn, signOut, status] = ["sign-in", "sign-out", "status"].map((id) => document.getElementById(id));
const show = (name) => {
  status.textContent = name ? `Signed in as ${name}` : "Not signed in.";
  signIn.hidden = !!name;
  signOut.hidden = !name;
};
const session = async () => (await (await fetch("/auth/session")).json())?.user?.name;
const csrfToken = async () => (await (await fetch("/auth/csrf")).json()).csrfToken;

/** POSTs to Auth.js (X-Auth-Return-Redirect: JSON instead of a redirect); the `url` it answers names any error. */
async function authJs(path, fields = {}) {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), callbackUrl: location.href });
  const response = await fetch(path, { method: "POST", body, headers: { "X-Auth-Return-Redirect": "1" } });
  return new URL((await response.json()).url, location.href);
}

show(await session());

signIn.addEventListener("click", () => {
  signIn.disabled = true;
  status.textContent = "Approve the sign-in in the Plex window…";
  signInWithServer({ basePath: "/plex" })
    .then(async () => {
      const back = await authJs("/auth/callback/plex");
      if (back.searchParams.has("error"))
        throw new Error(back.searchParams.get("code") ?? back.searchParams.get("error"));
      show(await session());
    })
    .catch((error) => {
      status.textContent =
        error.name === "PinExpiredError"
          ? "The sign-in expired. Try again."
          : error.name === "SignInRefusedError"
            ? "This Plex account may not sign in here."
            : `Sign-in failed: ${error.message}`;
    })
    .finally(() => (signIn.disabled = false));
});
signOut.addEventListener("click", async () => {
  await authJs("/auth/signout");
  show(await session());
});
signIn.disabled = false;
