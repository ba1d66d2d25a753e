export const themePreferences = ['light', 'dark', 'system'] as const;
export type ThemePreference = (typeof themePreferences)[number];

const STORAGE_KEY = 'ws:theme';

function isThemePreference(value: unknown): value is ThemePreference {
  return themePreferences.some((preference) => preference === value);
}

export function readThemePreference(storage: Pick<Storage, 'getItem'>): ThemePreference {
  const stored = storage.getItem(STORAGE_KEY);
  return isThemePreference(stored) ? stored : 'system';
}

export function saveThemePreference(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  preference: ThemePreference,
): void {
  if (preference === 'system') storage.removeItem(STORAGE_KEY);
  else storage.setItem(STORAGE_KEY, preference);
}

/** 'system' leaves the choice to prefers-color-scheme (see ui/theme.css). */
export function applyThemePreference(root: HTMLElement, preference: ThemePreference): void {
  if (preference === 'system') delete root.dataset.theme;
  else root.dataset.theme = preference;
}
