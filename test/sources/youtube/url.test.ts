import { describe, expect, it } from 'vitest';
import { isVideogenError } from '../../../src/errors.ts';
import { parseYoutubeId, youtubeSource } from '../../../src/sources/youtube.ts';

const ID = 'dQw4w9WgXcQ';

describe('parseYoutubeId', () => {
  it.each([
    [`https://www.youtube.com/watch?v=${ID}`],
    [`https://youtube.com/watch?v=${ID}&t=42s`],
    [`https://www.youtube.com/watch?feature=share&v=${ID}&list=PL123&index=2`],
    [`http://www.youtube.com/watch?v=${ID}#t=1m5s`],
    [`www.youtube.com/watch?v=${ID}`],
    [`https://youtu.be/${ID}`],
    [`https://youtu.be/${ID}?si=AbCdEf123&t=42`],
    [`https://www.youtube.com/embed/${ID}?start=10`],
    [`https://www.youtube.com/shorts/${ID}`],
    [`https://youtube.com/shorts/${ID}?si=xyz`],
    [`https://www.youtube.com/live/${ID}?feature=shared`],
    [`https://m.youtube.com/watch?v=${ID}&feature=youtu.be`],
    [`https://music.youtube.com/watch?v=${ID}&list=RDAMVM`],
    [`https://www.youtube-nocookie.com/embed/${ID}?rel=0`],
    [`https://www.youtube.com/v/${ID}`],
    [`  ${ID}  `],
    ['a-b_C1d2E3f'],
  ])('%s', (input) => {
    const id = parseYoutubeId(input);
    expect(id).toHaveLength(11);
    expect(id).toBe(input.includes(ID) ? ID : 'a-b_C1d2E3f');
  });

  it.each([
    ['https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG', /playlists are not supported/],
    ['https://www.youtube.com/@MayaBrews', /no video id in this YouTube link/],
    ['https://www.youtube.com/watch?v=short', /no video id/],
    ['https://vimeo.com/123456789', /not a YouTube video link or id/],
    [`https://evil.example/watch?v=${ID}`, /not a YouTube video link or id/],
    ['dQw4w9WgXc', /not a YouTube/],
    ['notes.md', /not a YouTube/],
  ])('rejects %s', (input, message) => {
    try {
      parseYoutubeId(input);
      expect.unreachable();
    } catch (error) {
      expect(isVideogenError(error) && error.code).toBe('USAGE');
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain('youtu.be/');
    }
  });

  it('detects YouTube inputs and leaves files to other adapters', async () => {
    expect(await youtubeSource.detect(`https://youtu.be/${ID}`)).toBe(true);
    expect(await youtubeSource.detect(ID)).toBe(true);
    expect(await youtubeSource.detect('https://www.youtube.com/playlist?list=PL1')).toBe(true);
    expect(await youtubeSource.detect('talk.srt')).toBe(false);
    expect(await youtubeSource.detect('https://example.com/post')).toBe(false);
  });
});
