import { createSignal } from 'solid-js';
import { SegmentedControl } from '../ui/SegmentedControl.js';
import {
  applyThemePreference,
  readThemePreference,
  saveThemePreference,
  themePreferences,
  type ThemePreference,
} from './theme-preference.js';

const labels: Record<ThemePreference, string> = { light: 'Light', dark: 'Dark', system: 'System' };

export function ThemeToggle() {
  const [theme, setTheme] = createSignal(readThemePreference(localStorage));
  const choose = (preference: ThemePreference) => {
    setTheme(preference);
    saveThemePreference(localStorage, preference);
    applyThemePreference(document.documentElement, preference);
  };
  return (
    <SegmentedControl
      legend="Theme"
      name="theme"
      options={themePreferences.map((value) => ({ value, label: labels[value] }))}
      value={theme()}
      onChange={choose}
    />
  );
}
