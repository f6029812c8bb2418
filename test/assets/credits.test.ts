import { describe, expect, it } from 'vitest';
import { formatCredits } from '../../src/assets/credits.ts';
import type { Credit } from '../../src/assets/types.ts';

const pexels: Credit = { provider: 'pexels', kind: 'video', title: 'Fishing boats in the harbour', author: 'Ana Videographer', authorUrl: 'https://www.pexels.com/@ana', sourceUrl: 'https://www.pexels.com/video/fishing-boats-in-the-harbour-11/', license: 'Pexels License', licenseUrl: 'https://www.pexels.com/license/' };
const pixabay: Credit = { provider: 'pixabay', title: 'Lighthouse', author: 'coastal_films', sourceUrl: 'https://pixabay.com/photos/lighthouse-41/', license: 'Pixabay Content License', licenseUrl: 'https://pixabay.com/service/license-summary/' };
const local: Credit = { provider: 'local', kind: 'video', title: 'DSC_0042', license: 'local library (licence not recorded)' };

describe('credits.txt', () => {
  it('one line per asset, ready for a description, de-duplicated in order of first use', () => {
    expect(formatCredits([pexels, pixabay, pexels, local])).toBe(
      [
        'Footage: "Fishing boats in the harbour" by Ana Videographer (Pexels License, https://www.pexels.com/license/) https://www.pexels.com/video/fishing-boats-in-the-harbour-11/',
        'Picture: "Lighthouse" by coastal_films (Pixabay Content License, https://pixabay.com/service/license-summary/) https://pixabay.com/photos/lighthouse-41/',
        'Footage: "DSC_0042" (local library; licence not recorded)',
        '',
      ].join('\n'),
    );
  });

  it('is empty without credits and names the provider when the licence does not', () => {
    expect(formatCredits([])).toBe('');
    expect(formatCredits([{ provider: 'pexels', title: 'Dawn', license: 'CC0' }])).toBe('Footage: "Dawn" on Pexels (CC0)\n');
  });

  it('labels music and pictures from the file name or licence when the credit has no kind', () => {
    expect(formatCredits([{ provider: 'file', title: 'theme.mp3', license: 'provided by the user' }])).toBe('Music: "theme.mp3" (provided by the user)\n');
    expect(formatCredits([{ provider: 'local', title: 'Calm piano', license: 'from the local music library (licence not recorded)' }])).toBe('Music: "Calm piano" (from the local music library; licence not recorded)\n');
    expect(formatCredits([{ provider: 'upload', title: 'logo.png', license: 'provided by the user' }])).toBe('Picture: "logo.png" (provided by the user)\n');
  });
});
