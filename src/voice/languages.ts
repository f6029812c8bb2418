import type { NamedVoice } from './types.ts';

/**
 * The one language registry (ARCHITECTURE §8): the 29 languages and 86 Edge voice entries of video_gen's
 * `MULTILINGUAL_VOICES` (reference/video_gen.md §4.3), plus the espeak-ng voice for each language so every language
 * also speaks offline. Edge voice keys keep video_gen's names (`male`, `uk_female`, `mx_male`, …).
 */
export interface LanguageInfo {
  /** ISO 639-1 code, the key used throughout videogen. */
  code: string;
  name: string;
  nativeName: string;
  /** ISO 15924 script, so the renderer can pick fonts and shaping. */
  script: string;
  rtl: boolean;
  /** video_gen voice key → Edge voice id. Always has `male` and `female`. */
  edge: Record<string, string>;
  /** espeak-ng voice name (the "Language" column of `espeak-ng --voices`). */
  espeak: string;
}

type Row = [code: string, name: string, nativeName: string, script: string, espeak: string, edge: Record<string, string>];

const ROWS: Row[] = [
  ['en', 'English', 'English', 'Latn', 'en-us', {
    male: 'en-US-AndrewMultilingualNeural', male_warm: 'en-US-BrandonMultilingualNeural', female: 'en-US-AriaNeural',
    female_friendly: 'en-US-AvaMultilingualNeural', uk_male: 'en-GB-RyanNeural', uk_female: 'en-GB-SoniaNeural',
    au_male: 'en-AU-WilliamNeural', au_female: 'en-AU-NatashaNeural' }],
  ['es', 'Spanish', 'Español', 'Latn', 'es', {
    male: 'es-ES-AlvaroNeural', female: 'es-ES-ElviraNeural', mx_male: 'es-MX-JorgeNeural', mx_female: 'es-MX-DaliaNeural',
    ar_male: 'es-AR-TomasNeural', ar_female: 'es-AR-ElenaNeural', co_male: 'es-CO-GonzaloNeural', co_female: 'es-CO-SalomeNeural' }],
  ['fr', 'French', 'Français', 'Latn', 'fr-fr', {
    male: 'fr-FR-HenriNeural', female: 'fr-FR-DeniseNeural', ca_male: 'fr-CA-AntoineNeural', ca_female: 'fr-CA-SylvieNeural' }],
  ['de', 'German', 'Deutsch', 'Latn', 'de', {
    male: 'de-DE-ConradNeural', female: 'de-DE-KatjaNeural', at_male: 'de-AT-JonasNeural', at_female: 'de-AT-IngridNeural',
    ch_male: 'de-CH-JanNeural', ch_female: 'de-CH-LeniNeural' }],
  // video_gen has no plain male/female key for Portuguese; Brazilian is the default like its UI.
  ['pt', 'Portuguese', 'Português', 'Latn', 'pt-br', {
    br_male: 'pt-BR-AntonioNeural', br_female: 'pt-BR-FranciscaNeural', pt_male: 'pt-PT-DuarteNeural', pt_female: 'pt-PT-RaquelNeural' }],
  ['it', 'Italian', 'Italiano', 'Latn', 'it', { male: 'it-IT-DiegoNeural', female: 'it-IT-ElsaNeural' }],
  ['ja', 'Japanese', '日本語', 'Jpan', 'ja', { male: 'ja-JP-KeitaNeural', female: 'ja-JP-NanamiNeural' }],
  ['zh', 'Chinese', '中文', 'Hans', 'cmn', {
    male: 'zh-CN-YunxiNeural', female: 'zh-CN-XiaoxiaoNeural', hk_male: 'zh-HK-WanLungNeural', hk_female: 'zh-HK-HiuGaaiNeural',
    tw_male: 'zh-TW-YunJheNeural', tw_female: 'zh-TW-HsiaoChenNeural' }],
  ['ko', 'Korean', '한국어', 'Kore', 'ko', { male: 'ko-KR-InJoonNeural', female: 'ko-KR-SunHiNeural' }],
  ['ar', 'Arabic', 'العربية', 'Arab', 'ar', {
    male: 'ar-SA-HamedNeural', female: 'ar-SA-ZariyahNeural', eg_male: 'ar-EG-ShakirNeural', eg_female: 'ar-EG-SalmaNeural' }],
  ['hi', 'Hindi', 'हिन्दी', 'Deva', 'hi', { male: 'hi-IN-MadhurNeural', female: 'hi-IN-SwaraNeural' }],
  ['ru', 'Russian', 'Русский', 'Cyrl', 'ru', { male: 'ru-RU-DmitryNeural', female: 'ru-RU-SvetlanaNeural' }],
  ['nl', 'Dutch', 'Nederlands', 'Latn', 'nl', {
    male: 'nl-NL-MaartenNeural', female: 'nl-NL-ColetteNeural', be_male: 'nl-BE-ArnaudNeural', be_female: 'nl-BE-DenaNeural' }],
  ['pl', 'Polish', 'Polski', 'Latn', 'pl', { male: 'pl-PL-MarekNeural', female: 'pl-PL-ZofiaNeural' }],
  ['sv', 'Swedish', 'Svenska', 'Latn', 'sv', { male: 'sv-SE-MattiasNeural', female: 'sv-SE-SofieNeural' }],
  ['no', 'Norwegian', 'Norsk', 'Latn', 'nb', { male: 'nb-NO-FinnNeural', female: 'nb-NO-PernilleNeural' }],
  ['da', 'Danish', 'Dansk', 'Latn', 'da', { male: 'da-DK-JeppeNeural', female: 'da-DK-ChristelNeural' }],
  ['fi', 'Finnish', 'Suomi', 'Latn', 'fi', { male: 'fi-FI-HarriNeural', female: 'fi-FI-NooraNeural' }],
  ['tr', 'Turkish', 'Türkçe', 'Latn', 'tr', { male: 'tr-TR-AhmetNeural', female: 'tr-TR-EmelNeural' }],
  ['el', 'Greek', 'Ελληνικά', 'Grek', 'el', { male: 'el-GR-NestorasNeural', female: 'el-GR-AthinaNeural' }],
  ['he', 'Hebrew', 'עברית', 'Hebr', 'he', { male: 'he-IL-AvriNeural', female: 'he-IL-HilaNeural' }],
  ['th', 'Thai', 'ไทย', 'Thai', 'th', { male: 'th-TH-NiwatNeural', female: 'th-TH-PremwadeeNeural' }],
  ['vi', 'Vietnamese', 'Tiếng Việt', 'Latn', 'vi', { male: 'vi-VN-NamMinhNeural', female: 'vi-VN-HoaiMyNeural' }],
  ['cs', 'Czech', 'Čeština', 'Latn', 'cs', { male: 'cs-CZ-AntoninNeural', female: 'cs-CZ-VlastaNeural' }],
  ['hu', 'Hungarian', 'Magyar', 'Latn', 'hu', { male: 'hu-HU-TamasNeural', female: 'hu-HU-NoemiNeural' }],
  ['ro', 'Romanian', 'Română', 'Latn', 'ro', { male: 'ro-RO-EmilNeural', female: 'ro-RO-AlinaNeural' }],
  ['uk', 'Ukrainian', 'Українська', 'Cyrl', 'uk', { male: 'uk-UA-OstapNeural', female: 'uk-UA-PolinaNeural' }],
  ['id', 'Indonesian', 'Bahasa Indonesia', 'Latn', 'id', { male: 'id-ID-ArdiNeural', female: 'id-ID-GadisNeural' }],
  ['ms', 'Malay', 'Bahasa Melayu', 'Latn', 'ms', { male: 'ms-MY-OsmanNeural', female: 'ms-MY-YasminNeural' }],
];

const RTL = new Set(['ar', 'he']);

/** The 29 languages of video_gen §4.3, in its order. */
export const LANGUAGES: readonly LanguageInfo[] = ROWS.map(([code, name, nativeName, script, espeak, edge]) => {
  // Languages whose catalogue lacks plain keys (Portuguese) get them from the first variant of each gender.
  const male = edge.male ?? Object.entries(edge).find(([k]) => k.endsWith('_male'))![1];
  const female = edge.female ?? Object.entries(edge).find(([k]) => k.endsWith('_female'))![1];
  return Object.freeze({ code, name, nativeName, script, rtl: RTL.has(code), edge: Object.freeze({ male, female, ...edge }), espeak });
});

const BY_CODE = new Map(LANGUAGES.map((l) => [l.code, l]));
/** Tags whose primary subtag differs from our code (Norwegian Bokmål, macrolanguage aliases). */
const ALIASES: Record<string, string> = { nb: 'no', nn: 'no', iw: 'he', in: 'id', cmn: 'zh', yue: 'zh' };

/** Looks up a BCP-47 tag (`pt-BR`, `zh-Hans`, `nb`); undefined for languages outside the catalogue. */
export function findLanguage(tag: string | undefined): LanguageInfo | undefined {
  if (!tag) return undefined;
  const primary = tag.toLowerCase().split(/[-_]/)[0]!;
  return BY_CODE.get(ALIASES[primary] ?? primary);
}

/**
 * Edge voice for a named voice in a language. A region subtag picks the matching regional variant when the catalogue
 * has one (`es-MX` → es-MX-JorgeNeural). Outside English there is one voice per gender, so the warm/friendly keys fall
 * back to it. Unknown languages fall back to English, as video_gen's `get_voice_for_language` does.
 */
export function edgeVoiceFor(name: NamedVoice, tag: string | undefined): string {
  const lang = findLanguage(tag) ?? BY_CODE.get('en')!;
  const gender = name.startsWith('female') ? 'female' : 'male';
  const region = tag?.split(/[-_]/)[1]?.toLowerCase();
  if (region) {
    const regional = lang.edge[`${region === 'hant' ? 'tw' : region}_${gender}`];
    if (regional) return regional;
  }
  return lang.edge[name] ?? lang.edge[gender]!;
}

/** espeak-ng base voice for a tag; regional espeak voices are used when they exist (`en-GB` → en-gb). */
export function espeakVoiceFor(tag: string | undefined): string {
  const regional = ESPEAK_REGIONAL[tag?.toLowerCase().replace('_', '-') ?? ''];
  return regional ?? findLanguage(tag)?.espeak ?? 'en-us';
}

const ESPEAK_REGIONAL: Record<string, string> = {
  'en-gb': 'en-gb', 'es-mx': 'es-419', 'es-419': 'es-419', 'fr-be': 'fr-be', 'fr-ch': 'fr-ch', 'pt-pt': 'pt', 'zh-hk': 'yue',
};
