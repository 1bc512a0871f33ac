// The page a forward-auth gateway sends a signed-out browser to: one button, a same-tab sign-in through the
// handler's own routes, and back to where the browser was going. Static (what varies comes from the page's own URL),
// its script a file of its own under a strict Content-Security-Policy; no WebCrypto, so it works on a plain-http LAN
// address too.

const style = "font: 16px system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem";

/** The page, for a handler mounted at `base`. */
export const signInPage = (base: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Sign in with Plex</title>
  </head>
  <body style="${style}">
    <h1>Sign in with Plex</h1>
    <p id="status">This site lets in Plex users it knows.</p>
    <button id="sign-in" disabled>Sign in with Plex</button>
    <script src="${base}/sign-in.js"></script>
  </body>
</html>
`;

/**
 * The page's script. `rd`, where the browser was going, must be a path of this site ("/x", never "//host" or a
 * backslash); the handler checks it again. The callback's `plex-sign-in` says how a sign-in ended.
 */
export const signInScript = (base: string) => `"use strict";
(() => {
  const query = new URLSearchParams(location.search);
  const rd = query.get("rd") || "/";
  const target = /^\\/(?![\\/\\\\])[^\\\\]*$/.test(rd) ? rd : "/";
  const status = document.getElementById("status");
  const button = document.getElementById("sign-in");
  const ended = {
    refused: "This Plex account may not use this site.",
    expired: "The sign-in expired before it was approved. Try again.",
    pending: "The sign-in was not approved yet. Try again.",
  }[query.get("plex-sign-in")];
  if (ended) status.textContent = ended;
  button.disabled = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Asking plex.tv…";
    try {
      const response = await fetch(${JSON.stringify(base)} + "/pin", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ forwardUrl: new URL(target, location.href).href }),
      });
      const answer = await response.json();
      if (response.status !== 201 || !/^https:\\/\\/|^http:\\/\\/(localhost|127\\.)/.test(answer.authUrl)) {
        throw new Error(answer.message || "the sign-in could not start");
      }
      location.assign(answer.authUrl);
    } catch (error) {
      status.textContent = "The sign-in could not start: " + error.message;
      button.disabled = false;
    }
  });
})();
`;
