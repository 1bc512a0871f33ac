// A form body (application/x-www-form-urlencoded), as plex.tv reads PUT /pins/link and POST /users/signin:
// openapi-fetch's default serializer would send JSON.

export const FORM_CONTENT_TYPE = { "Content-Type": "application/x-www-form-urlencoded" } as const;

/** Fields as `key=value` pairs, values as text; fields left undefined are not sent. */
export const formBody = (fields: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(fields).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  ).toString();
