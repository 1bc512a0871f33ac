// @ctrl/plex's own web sign-in (getWebLogin → webLoginCheck → resources), run unchanged against the stand-in.
// Its URLs are hard-coded to https://plex.tv: only that origin is mapped to the stand-in (STANDIN_URL); any other
// request fails, so nothing leaves the machine. Prints what the library saw as one JSON line.
const standIn = process.env.STANDIN_URL;
const plexTv = "https://plex.tv";
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (new URL(url).origin !== plexTv) return Promise.reject(new Error(`not mapped: ${new URL(url).origin}`));
  const mapped = standIn + url.slice(plexTv.length);
  return realFetch(input instanceof Request ? new Request(mapped, input) : mapped, init);
};

const { MyPlexAccount } = await import("@ctrl/plex");
const login = await MyPlexAccount.getWebLogin("https://app.example/after-login");
const account = await MyPlexAccount.webLoginCheck(login, 20);
const resources = await account.resources();
console.log(
  JSON.stringify({
    uri: login.uri,
    code: login.code,
    username: account.username,
    uuid: account.uuid,
    subscriptionStatus: account.subscriptionStatus,
    homeSize: account.homeSize,
    hasToken: typeof account.authenticationToken === "string" && account.authenticationToken.length > 0,
    resources: resources.map((r) => ({ name: r.name, owned: r.owned, connections: r.connections.length })),
  }),
);
