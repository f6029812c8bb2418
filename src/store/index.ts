export type * from './types.ts';
export { openStore, type StoreOptions } from './open-store.ts';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
export { normaliseEmail } from './users-repo.ts';
export { storeOptionsFrom } from './from-config.ts';
