/** Types of bin/build-lib.mjs for the TypeScript that calls it (the vitest global setup). */
export declare const DIST: string;
export declare const STAMP: string;
export declare function distIsFresh(options?: { declarations?: boolean }): boolean;
/**
 * Builds dist unless it is fresh (`force` builds anyway). `fast`: JS only (esbuild); `fast` + `declarations`: JS and
 * .d.ts from tsc without type-checking; neither: the full type-checked build. Milliseconds spent, 0 if none.
 */
export declare function buildLib(options?: { fast?: boolean; declarations?: boolean; force?: boolean }): number;
/** Compiles src into `dir` (replaced) with no lock and no swap; the same modes as buildLib. */
export declare function buildInto(dir: string, options?: { fast?: boolean; declarations?: boolean }): void;
