/** Light, dark, or whatever the system says; kept in localStorage so the choice survives a reload. */
export type ThemeChoice = 'light' | 'dark' | 'system';

const KEY = 'videogen.theme';

export function storedTheme(): ThemeChoice {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

const systemDark = () => window.matchMedia('(prefers-color-scheme: dark)').matches;

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
  document.documentElement.dataset.theme = choice === 'system' ? (systemDark() ? 'dark' : 'light') : choice;
}

/** Follows the system while the choice is "system". */
export function watchSystemTheme(): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const onChange = () => storedTheme() === 'system' && applyTheme('system');
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}
