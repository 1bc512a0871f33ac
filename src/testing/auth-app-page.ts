// A stand-in of Plex's auth app (https://app.plex.tv/auth), served by the plex.tv stand-in at /auth, so apps can
// test their own web sign-in: it reads the fragment as the real app does, shows what is asked, and its Approve
// button approves the PIN (POST /__standin/approve), then returns to `forwardUrl` when there is one.

export const authAppPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Stand-in of Plex's auth app</title>
  </head>
  <body>
    <h1>Stand-in of app.plex.tv/auth</h1>
    <p id="request"></p>
    <button id="approve">Approve</button>
    <p id="done" hidden>Approved. You can close this window.</p>
    <script type="module">
      const fragment = new URLSearchParams(location.hash.replace(/^#!?\\??/, ""));
      const product = fragment.get("context[device][product]");
      document.getElementById("request").textContent =
        \`"\${product}" asks to sign in with code \${fragment.get("code")}.\`;
      document.getElementById("approve").addEventListener("click", async () => {
        await fetch("/__standin/approve", { method: "POST", body: new URLSearchParams({ code: fragment.get("code") }) });
        const forwardUrl = fragment.get("forwardUrl");
        if (forwardUrl) location.href = forwardUrl;
        else document.getElementById("done").hidden = false;
      });
    </script>
  </body>
</html>
`;
