// plex.tv answers XML when `Accept` is not exactly application/json; the stand-in does too.

const escape = (value: unknown) =>
  String(value).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** A flat XML element for a JSON value, the way plex.tv renders its objects as attributes. */
export function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return `<${name}s>${value.map((item) => toXml(name, item)).join("")}</${name}s>`;
  if (!value || typeof value !== "object") return `<${name}>${escape(value ?? "")}</${name}>`;
  const attributes: string[] = [];
  const children: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    if (field === null || field === undefined) continue;
    if (typeof field === "object") children.push(toXml(key, field));
    else attributes.push(` ${key}="${escape(field)}"`);
  }
  return `<${name}${attributes.join("")}>${children.join("")}</${name}>`;
}
