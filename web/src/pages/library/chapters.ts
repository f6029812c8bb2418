/** A chapter of chapters.txt ("0:00 Intro", "1:02:03 Wrap-up"): where it starts, in seconds, and its title. */
export interface Chapter {
  start: number;
  title: string;
}

const LINE = /^(?:(\d+):)?(\d{1,2}):(\d{2})\s+(.+)$/;

/** The lines of chapters.txt that are chapters; anything else (a blank line) is skipped. */
export function parseChapters(text: string): Chapter[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const match = LINE.exec(line.trim());
    if (!match) return [];
    const [, hours = '0', minutes = '0', seconds = '0', title = ''] = match;
    return [{ start: Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds), title: title.trim() }];
  });
}
