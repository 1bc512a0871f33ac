// The page talks to its own server only: signInWithServer opens the popup, the server makes the PIN and keeps the
// plex.tv token; what comes back is what the server's onSignIn chose to tell the page (here, the username).
import { signInWithServer } from "plex-tv-auth";

const [signIn, signOut, status] = ["sign-in", "sign-out", "status"].map((id) => document.getElementById(id));
const show = (username) => {
  status.textContent = username ? `Signed in as ${username}` : "Not signed in.";
  signIn.hidden = !!username;
  signOut.hidden = !username;
};

// Already signed in? The session cookie is HttpOnly: ask the server.
const me = await fetch("/api/me");
show(me.ok ? (await me.json()).username : undefined);
if (me.status === 503) status.textContent = "plex.tv could not be reached; try again shortly.";
if (me.status === 403) status.textContent = "This Plex account has no access to this server.";

signIn.addEventListener("click", () => {
  signIn.disabled = true;
  status.textContent = "Approve the sign-in in the Plex window…";
  // Synchronously in the click: the popup opens before the first await.
  signInWithServer()
    .then(({ username }) => show(username))
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
  await fetch("/api/logout", { method: "POST" });
  show(undefined);
});
signIn.disabled = false;
