/**
 * BCP-47 (what specs use: `en`, `pt-BR`, `zh-Hans`) → ISO 639-2 three-letter codes (what MP4 track headers store;
 * ffmpeg writes `und` for anything else). Covers the languages of the voice registry; unknown tags map to `und`.
 */
const ISO639_2: Record<string, string> = {
  af: 'afr', am: 'amh', ar: 'ara', az: 'aze', be: 'bel', bg: 'bul', bn: 'ben', bs: 'bos', ca: 'cat', cs: 'ces', cy: 'cym',
  da: 'dan', de: 'deu', el: 'ell', en: 'eng', es: 'spa', et: 'est', eu: 'eus', fa: 'fas', fi: 'fin', fil: 'fil', fr: 'fra',
  ga: 'gle', gl: 'glg', gu: 'guj', he: 'heb', hi: 'hin', hr: 'hrv', hu: 'hun', hy: 'hye', id: 'ind', is: 'isl', it: 'ita',
  ja: 'jpn', jv: 'jav', ka: 'kat', kk: 'kaz', km: 'khm', kn: 'kan', ko: 'kor', lo: 'lao', lt: 'lit', lv: 'lav', mk: 'mkd',
  ml: 'mal', mn: 'mon', mr: 'mar', ms: 'msa', mt: 'mlt', my: 'mya', nb: 'nob', ne: 'nep', nl: 'nld', no: 'nor', pa: 'pan',
  pl: 'pol', ps: 'pus', pt: 'por', ro: 'ron', ru: 'rus', si: 'sin', sk: 'slk', sl: 'slv', so: 'som', sq: 'sqi', sr: 'srp',
  sv: 'swe', sw: 'swa', ta: 'tam', te: 'tel', th: 'tha', tr: 'tur', uk: 'ukr', ur: 'urd', uz: 'uzb', vi: 'vie', zh: 'zho',
  zu: 'zul',
};

export function iso639_2(bcp47: string): string {
  const primary = bcp47.toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary.length === 3) return primary;
  return ISO639_2[primary] ?? 'und';
}
