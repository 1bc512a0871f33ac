// What the stand-ins' request logs never keep: passwords, 2FA codes, Home PINs and tokens. Each is redacted after
// parsing, as the stand-in itself reads the request: a key is a secret's whatever its encoding (`pass%77ord=` is
// `password=`), in a query string and in a form body.

const SECRET_QUERY_KEYS = new Set(["pin", "token", "x-plex-token", "password", "verificationcode"]);
const SECRET_BODY_KEYS = new Set(["password", "verificationcode"]);
const REDACTED = "[redacted]";

/** The key of one `key=value` pair, decoded as URLSearchParams decodes it. */
const keyOf = (pair: string) => new URLSearchParams(pair).keys().next().value;

function redactPairs(text: string, secret: Set<string>): string {
  return text
    .split("&")
    .map((pair) => {
      const key = keyOf(pair);
      if (key === undefined || !secret.has(key.toLowerCase())) return pair;
      const equals = pair.indexOf("=");
      return `${equals < 0 ? pair : pair.slice(0, equals)}=${REDACTED}`;
    })
    .join("&");
}

/** A request target with the values of `pin`, `token`, `X-Plex-Token`, `password` and `verificationCode` redacted. */
export function redactUrl(url: string): string {
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query + 1) + redactPairs(url.slice(query + 1), SECRET_QUERY_KEYS);
}

/** A request body with its `password` and `verificationCode` redacted: a form body's, or a JSON object's. */
export function redactBody(body: string, contentType: string | undefined): string {
  if (!body) return body;
  if ((contentType ?? "").startsWith("application/json")) {
    try {
      const json: unknown = JSON.parse(body);
      if (!json || typeof json !== "object" || Array.isArray(json)) return body;
      const secret = Object.keys(json).filter((key) => SECRET_BODY_KEYS.has(key.toLowerCase()));
      if (!secret.length) return body;
      return JSON.stringify({ ...json, ...Object.fromEntries(secret.map((key) => [key, REDACTED])) });
    } catch {
      return body;
    }
  }
  // Any other body is read as a form (plex.tv's sign-in takes one), so a secret in it is redacted too.
  return redactPairs(body, SECRET_BODY_KEYS);
}
