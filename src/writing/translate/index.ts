export * from './types.ts';
export { translatorFor, translationReport, type TranslateDeps, type ProviderReport } from './registry.ts';
export { translateTexts, type TranslateTextsOptions } from './texts.ts';
export { loadGlossary, parseGlossary } from './glossary.ts';
export { translateSpec, type TranslateSpecOptions, type TranslatedSpec } from './spec.ts';
