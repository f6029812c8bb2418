/** Thrown by readTextCapped when a body is longer than the caller allows. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the response is larger than ${Math.round(limit / 1024 / 1024)} MB`);
    this.name = 'BodyTooLarge';
  }
}

/**
 * A response body as text, read chunk by chunk and abandoned past `maxBytes`: a faulty server, a proxy's error page
 * or a hostile endpoint cannot make the process buffer gigabytes (`response.text()` would).
 */
export async function readTextCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
