// The sign-in flows, run by another runtime (Bun, Deno, a current Node) against a stand-in started by the test.
// Plain JavaScript over the built package: what an app on that runtime would run. Prints one JSON line.
import { createPlexTvClient, getUser, login } from "../../../dist/index.mjs";
import { generateDeviceKey, loginWithJwt, refreshPlexJwt, verifyPlexJwt } from "../../../dist/jwt.mjs";

const standIn = globalThis.Deno ? globalThis.Deno.args[0] : process.argv[2];
// What the user's "Approve" click does, through the stand-in's test route.
const approve = (code) =>
  fetch(`${standIn}/__standin/approve`, { method: "POST", body: new URLSearchParams({ code }) });
const onVerification = ({ code }) => void approve(code);

const plex = createPlexTvClient({ clientIdentifier: crypto.randomUUID(), product: "runtime test", baseUrl: standIn });
const { authToken } = await login(plex, { intervalMs: 50, onVerification });
const user = await getUser(plex, { token: authToken });

const key = await generateDeviceKey();
const credentials = await loginWithJwt(plex, { key, intervalMs: 50, onVerification });
const claims = await verifyPlexJwt(plex, credentials.token, credentials);
const refreshed = await refreshPlexJwt(plex, credentials);
const jwtUser = await getUser(plex, { token: refreshed.token });

const runtime = globalThis.Bun
  ? `bun ${globalThis.Bun.version}`
  : globalThis.Deno
    ? `deno ${globalThis.Deno.version.deno}`
    : `node ${process.versions.node}`;
console.log(
  JSON.stringify({
    runtime,
    username: user.username,
    jwtUsername: jwtUser.username,
    boundToKey: claims.thumbprint === key.kid,
  }),
);
