// plex.tv answers XML when `Accept` is not exactly application/json, and so does the stand-in, with plex.tv's
// element names (../shared/plex-tv-api.md, "What real clients and recorded answers show"): one element per object,
// named for what it is; scalars as attributes, booleans as "1"/"0"; an array as a plural wrapper of singular
// children (`<connections><connection …/></connections>`), strings in it as `<feature id="…"/>`.

export const escape = (value: unknown) =>
  String(value).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** A scalar as an attribute value: escaped, booleans as "1"/"0" (plex.tv's and a media server's form). */
export const attribute = (value: unknown) => (typeof value === "boolean" ? (value ? "1" : "0") : escape(value));

/** features → feature, entitlements → entitlement, connections → connection. */
export const singular = (plural: string) => plural.replace(/ies$/, "y").replace(/s$/, "");

function element(name: string, value: unknown): string {
  if (Array.isArray(value)) {
    const child = singular(name);
    return `<${name}>${value.map((item) => (item !== null && typeof item === "object" ? element(child, item) : `<${child} id="${escape(item)}"/>`)).join("")}</${name}>`;
  }
  const attributes: string[] = [];
  const children: string[] = [];
  for (const [key, field] of Object.entries(value as object)) {
    if (field === null || field === undefined) continue;
    if (typeof field === "object") children.push(element(key, field));
    else attributes.push(` ${key}="${attribute(field)}"`);
  }
  return children.length
    ? `<${name}${attributes.join("")}>${children.join("")}</${name}>`
    : `<${name}${attributes.join("")}/>`;
}

/**
 * The XML document for a JSON answer. `root` names the element: "pin", "user", "resources" (an array, which gets a
 * `size` attribute), "errors" (plex.tv's `{"errors":[…]}` renders as `<errors><error …/></errors>`). A scalar
 * answer is the root element's text, as JSON spells it (`<response>true</response>` for ping).
 */
export function toXml(root: string, body: unknown): string {
  let xml: string;
  if (Array.isArray(body)) {
    xml = element(root, body).replace(`<${root}>`, `<${root} size="${body.length}">`);
  } else if (body !== null && typeof body === "object") {
    const errors = (body as { errors?: unknown }).errors;
    xml = root === "errors" && Array.isArray(errors) ? element("errors", errors) : element(root, body);
  } else {
    xml = `<${root}>${escape(JSON.stringify(body))}</${root}>`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}
