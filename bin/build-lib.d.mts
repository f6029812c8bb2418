/** Types of bin/build-lib.mjs for the TypeScript that calls it (the vitest global setup). */
export declare const DIST: string;
export declare const STAMP: string;
export declare function distIsFresh(): boolean;
/** Builds dist unless it is fresh (`force` builds anyway); `fast` skips type-checking. Milliseconds spent, 0 if none. */
export declare function buildLib(options?: { fast?: boolean; force?: boolean }): number;
