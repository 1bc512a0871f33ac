// A body read as text, never more than a bound: Content-Length first, then as it arrives, so an endless or huge
// body costs a bounded buffer. For answers (the transport) and requests (the server-side handlers) alike.

/** The body of `message` as text, or undefined when it is longer than `limit` bytes (the stream is then cancelled). */
export async function readBoundedText(message: Request | Response, limit: number): Promise<string | undefined> {
  const declared = message.headers.get("Content-Length");
  if (declared !== null && Number(declared) > limit) return undefined;
  const reader = message.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}
