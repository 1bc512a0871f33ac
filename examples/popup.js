// Popup sign-in: the popup opens inside the click handler (loginWithPopup opens it before its first await).
import {
  createPlexTvClient,
  getUser,
  loadOrCreateClientIdentifier,
  loginWithPopup,
  webStorageStore,
} from "plex-tv-auth";

const params = new URLSearchParams(location.search); // plexTv and authApp point at stand-ins in tests
const plex = createPlexTvClient({
  clientIdentifier: await loadOrCreateClientIdentifier(webStorageStore()), // one identifier per browser, kept
  product: "Example web app",
  ...(params.get("plexTv") ? { baseUrl: params.get("plexTv") } : {}),
});
const [signIn, cancel, status] = ["sign-in", "cancel", "status"].map((id) => document.getElementById(id));
let controller;

signIn.addEventListener("click", () => {
  controller = new AbortController();
  signIn.disabled = true;
  cancel.hidden = false;
  status.textContent = "Approve the sign-in in the Plex window…";
  loginWithPopup(plex, { signal: controller.signal, authAppBaseUrl: params.get("authApp") ?? undefined })
    .then(async ({ authToken }) => {
      const user = await getUser(plex, { token: authToken });
      status.textContent = `Signed in as ${user.username}`;
    })
    .catch((error) => {
      status.textContent =
        error.name === "PinExpiredError"
          ? "The sign-in expired. Try again."
          : controller.signal.aborted
            ? "Sign-in cancelled."
            : `Sign-in failed: ${error.message}`;
    })
    .finally(() => {
      signIn.disabled = false;
      cancel.hidden = true;
    });
});
cancel.addEventListener("click", () => controller?.abort());
signIn.disabled = false;
