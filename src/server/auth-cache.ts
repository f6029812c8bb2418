import type { Store } from '../store/types.ts';

/**
 * Who a credential belongs to, remembered for a moment. Resolving a caller costs two queries (key or session, then the
 * user); on the embedded database each one is about a millisecond of the event loop that every other request waits
 * for, and a polling client asks for its job several times a second. So positive lookups are kept for `ttlMs`.
 *
 * Revocation stays immediate in this process: every write through the users, sessions, API-key, two-factor or erasure
 * repositories empties the cache (see `invalidatingStore`), and a lookup that began before such a write is not
 * stored (the generation check). Another server process on the same PostgreSQL sees a revocation within `ttlMs`.
 */
export class AuthCache<T> {
  readonly #entries = new Map<string, { value: T; expires: number }>();
  #generation = 0;

  constructor(
    private readonly ttlMs = 2_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached value, or the loaded one (stored only when no write happened while it loaded). */
  async get(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const hit = this.#entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const generation = this.#generation;
    const value = await load();
    if (value !== null && generation === this.#generation) {
      if (this.#entries.size >= this.maxEntries) this.#entries.clear();
      this.#entries.set(key, { value, expires: Date.now() + this.ttlMs });
    }
    return value;
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }
}

/** Repository methods that only read (or record informative times); every other method may change who is who. */
const READS = /^(get|by[A-Z]|list|count|touch)/;
const GUARDED = ['users', 'sessions', 'apiKeys', 'twoFactor', 'erasure'] as const;

function invalidating<R extends object>(repo: R, clear: () => void): R {
  return new Proxy(repo, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string' || READS.test(property)) return value;
      return async (...args: unknown[]) => {
        clear();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          clear();
        }
      };
    },
  });
}

/** The store the server uses: the same repositories, with writes to identity data emptying `cache`. */
export function invalidatingStore(store: Store, cache: { clear(): void }): Store {
  const clear = () => cache.clear();
  const guarded = Object.fromEntries(GUARDED.map((name) => [name, invalidating(store[name], clear)]));
  return { ...store, ...guarded } as Store;
}
