/** Shapes of the API answers the shell needs (pages declare their own next to them). */

export type Role = 'viewer' | 'editor' | 'admin';

export interface User {
  id: string;
  email: string;
  role: Role;
  /** Two-factor sign-in is on. */
  totp: boolean;
  createdAt: string;
}

export interface Me {
  user: User;
  via: 'session' | 'apikey';
  csrfToken?: string;
  recoveryCodesLeft?: number;
}

export interface Capability {
  enabled: boolean;
  reason?: string;
}

export interface Capabilities {
  version: string;
  publishing: Capability;
  twoFactor: Capability;
  schedules: Capability;
  multilingual: Capability;
}
