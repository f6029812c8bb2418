import { findLanguage } from '../../voice/languages.ts';

/** The code the providers are keyed by: the language registry's (`nb` → `no`, `zh-Hans` → `zh`), else the primary subtag. */
export function primaryCode(tag: string): string {
  return findLanguage(tag)?.code ?? tag.trim().toLowerCase().split(/[-_]/)[0]!;
}
