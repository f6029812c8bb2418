import type { Glossary } from './types.ts';

// OWNER: helper h1 (translation providers). Signatures are fixed; bodies are theirs.

/** Reads and validates a glossary file (YAML or JSON, bounded size); SPEC_INVALID naming the field path on bad input. */
export async function loadGlossary(path: string): Promise<Glossary> {
  void path;
  throw new Error('not implemented (h1)');
}

/** Validates a glossary given as data (the API's `glossary` option). */
export function parseGlossary(value: unknown, where = 'glossary'): Glossary {
  void value;
  void where;
  throw new Error('not implemented (h1)');
}
