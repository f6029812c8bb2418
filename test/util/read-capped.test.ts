import { describe, expect, it } from 'vitest';
import { BodyTooLarge, readTextCapped } from '../../src/util/read-capped.ts';

const streamOf = (chunks: number, size: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < chunks; i++) controller.enqueue(new TextEncoder().encode('é'.repeat(size / 2)));
      controller.close();
    },
  });

describe('readTextCapped', () => {
  it('reads a body under the cap, multi-byte characters split across chunks included', async () => {
    expect(await readTextCapped(new Response(streamOf(3, 1001)), 10_000)).toBe('é'.repeat(1500));
  });

  it('stops at the cap while streaming, and at once when Content-Length says so', async () => {
    await expect(readTextCapped(new Response(streamOf(100, 1000)), 10_000)).rejects.toBeInstanceOf(BodyTooLarge);
    await expect(readTextCapped(new Response('x'.repeat(20), { headers: { 'content-length': '20' } }), 10)).rejects.toBeInstanceOf(BodyTooLarge);
  });
});
