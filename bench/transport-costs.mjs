// npm run bench:transport: what each of the transport's rules costs, as a ladder of models (transportModel in
// flows.mjs) between a bare openapi-fetch client and this package, each rung one rule more than the one below.
// Both flows of `npm run bench`, against the stand-in in its own process.
import { checkPin, createPin, createPlexTvClient, getUser } from "../dist/index.mjs";
import { identity, medians, openapiFetchFlows, pinFlow, startStandIn, transportModel } from "./flows.mjs";

const standIn = await startStandIn();
const { url, token } = standIn;
const rungs = [
  ["bare openapi-fetch client", undefined],
  ["+ a deadline over the body", {}],
  ["+ the caller's abort passed on", { listener: true }],
  ["+ name, Accept, token rule", { listener: true, rules: true }],
  ["+ redirect and body checks", { listener: true, rules: true, checks: true }],
];
const flows = { "pin flow (create + check)": {}, "getUser (the token check)": {} };
for (const [name, model] of rungs) {
  // From the rules rung on, the model sets the token itself; below it the token is a static header.
  const fetch = model && transportModel({ ...model, token: model.rules ? token : undefined });
  const { pin, user } = openapiFetchFlows(url, token, { fetch, tokenHeader: !model?.rules });
  flows["pin flow (create + check)"][name] = pin;
  flows["getUser (the token check)"][name] = user;
}
const plex = createPlexTvClient({ ...identity, baseUrl: url });
const plexWithToken = createPlexTvClient({ ...identity, baseUrl: url, token });
flows["pin flow (create + check)"]["plex-tv-auth (client.POST, client.GET)"] = pinFlow(plex);
flows["pin flow (create + check)"]["plex-tv-auth (createPin, checkPin)"] = async () =>
  checkPin(plex, (await createPin(plex)).id);
flows["getUser (the token check)"]["plex-tv-auth (client.GET)"] = async () =>
  (await plexWithToken.GET("/api/v2/user")).data;
flows["getUser (the token check)"]["plex-tv-auth (getUser)"] = () => getUser(plexWithToken);

try {
  for (const [flow, variants] of Object.entries(flows)) {
    const result = await medians(variants, { rounds: 1500, label: flow });
    const bare = result[rungs[0][0]];
    console.log(`\n${flow}, medians of 1500, ratio to a bare openapi-fetch client`);
    for (const [name, us] of Object.entries(result)) {
      console.log(`  ${name.padEnd(42)} ${us.toFixed(0).padStart(6)} µs  ${(us / bare).toFixed(3)}×`);
    }
  }
} finally {
  standIn.stop();
}
