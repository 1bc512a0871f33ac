// Where the app is, as every handler reads it: its public origin (the `origin` option, checked and normalised, or
// each request's own), and whether its cookies are Secure (the option, or an https origin).

export interface Site {
  /** The `origin` option, normalised ("https://app.example/" → "https://app.example"); undefined without one. */
  readonly origin: string | undefined;
  /** The app's origin for `request`. */
  originOf(request: Request): string;
  /** Whether cookies set in answer to `request` are Secure. */
  secure(request: Request): boolean;
}

export function site(origin: string | undefined, secureCookies: boolean | undefined, who: string): Site {
  let checked: string | undefined;
  if (origin !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {}
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, "")) {
      throw new TypeError(`${who}: \`origin\` must be an http(s) origin ("https://app.example")`);
    }
    checked = url.origin;
  }
  const originOf = (request: Request) => checked ?? new URL(request.url).origin;
  return { origin: checked, originOf, secure: (request) => secureCookies ?? originOf(request).startsWith("https:") };
}
