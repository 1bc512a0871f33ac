// A redirect from https to plain http over real TLS: the built client in a child process that trusts a test
// certificate (NODE_EXTRA_CA_CERTS is read only at start-up).

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { answer, startPlainServer } from "../support/plain-server";
import { fromRoot } from "../support/paths";

describe("redirects never carry the token anywhere", () => {
  const token = "redirect-secret-token";

  it("https → http: refused, over real TLS, and the http origin hears nothing", async () => {
    const plainHttp = await startPlainServer((_request, response) => answer(response, 200, { id: 1, uuid: "u" }));
    const script = fromRoot("__tests__/support/redirect-over-tls.cjs");
    const { stdout } = await promisify(execFile)(process.execPath, [script, `${plainHttp.url}/api/v2/user`, token], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: fromRoot("__tests__/fixtures/tls/cert.pem") },
      timeout: 10_000,
    });
    expect(JSON.parse(stdout)).toEqual({ name: "UnexpectedResponseError", status: 301, leaked: false });
    expect(plainHttp.requests).toHaveLength(0);
    await plainHttp.close();
  });
});
