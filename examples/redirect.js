// Same-tab sign-in: the PIN id waits in sessionStorage (never in the URL) while the auth app has the tab.
import {
  completeRedirectLogin,
  createPlexTvClient,
  getUser,
  loadOrCreateClientIdentifier,
  startRedirectLogin,
  webStorageStore,
} from "plex-tv-auth";

const params = new URLSearchParams(location.search);
const plex = createPlexTvClient({
  clientIdentifier: await loadOrCreateClientIdentifier(webStorageStore()),
  product: "Example web app",
  ...(params.get("plexTv") ? { baseUrl: params.get("plexTv") } : {}),
});
const [signIn, status] = ["sign-in", "status"].map((id) => document.getElementById(id));

// Back from the auth app? Finish the sign-in.
try {
  const result = await completeRedirectLogin(plex);
  if (result) status.textContent = `Signed in as ${(await getUser(plex, { token: result.authToken })).username}`;
} catch (error) {
  status.textContent =
    error.name === "PinExpiredError" ? "The sign-in expired. Try again." : `Sign-in failed: ${error.message}`;
}

signIn.addEventListener("click", () => {
  signIn.disabled = true;
  startRedirectLogin(plex, { forwardUrl: location.href, authAppBaseUrl: params.get("authApp") ?? undefined }).catch(
    (error) => {
      status.textContent = `Sign-in failed: ${error.message}`;
      signIn.disabled = false;
    },
  );
});
signIn.disabled = false;
