import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface Prefs {
  largeText: boolean;
  contrast: boolean;
}

export interface SignedInUser {
  id: number;
  email: string;
  name: string;
  role: 'admin' | 'editor' | 'unit_officer' | 'viewer';
  unitId: number | null;
}

/** What every template may need about the current request. */
export interface PageContext {
  path: string;
  prefs: Prefs;
  user: SignedInUser | null;
  /** Returns the CSRF token for this request (created on first use). */
  csrf: () => string;
  /** URL of a static asset with its content hash, for long caching. */
  asset: (file: string) => string;
}

export const PageCtx = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const ctx = useContext(PageCtx);
  if (!ctx) throw new Error('usePage() outside a page render');
  return ctx;
}
