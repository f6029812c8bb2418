import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, get, post, setCsrfToken } from './api/client.ts';
import type { Me, Role, User } from './api/types.ts';

export interface SignIn {
  email: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

interface AuthState {
  /** undefined while the first /api/auth/me is in flight; null when signed out. */
  me: Me | null | undefined;
  signIn(credentials: SignIn): Promise<void>;
  signOut(): Promise<void>;
  /** Reload /api/auth/me (after a password, two-factor or role change). */
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | undefined>(undefined);

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** The signed-in user's role is at least `role` (the API enforces it too; the studio only hides what would fail). */
export function hasRole(user: User | undefined, role: Role): boolean {
  return Boolean(user) && RANK[user!.role] >= RANK[role];
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const answer = await get<Me>('/api/auth/me');
      setCsrfToken(answer.csrfToken);
      setMe(answer);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(undefined);
        setMe(null);
      } else throw error;
    }
  }, []);

  useEffect(() => {
    void refresh().catch(() => setMe(null));
  }, [refresh]);

  const signIn = useCallback(async (credentials: SignIn) => {
    const answer = await post<{ user: User; csrfToken: string }>('/api/auth/login', credentials);
    setCsrfToken(answer.csrfToken);
    await refresh();
  }, [refresh]);

  const signOut = useCallback(async () => {
    await post('/api/auth/logout').catch(() => undefined);
    setCsrfToken(undefined);
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, signIn, signOut, refresh }), [me, signIn, signOut, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in user (pages inside the shell are only rendered when there is one). */
export function useUser(): User {
  const { me } = useAuth();
  if (!me) throw new Error('useUser outside a signed-in page');
  return me.user;
}
