/** CSS theme variables as values, for SVG charts; follows the OS switching light/dark. */
import { useEffect, useState } from 'react';

export interface ThemeColors {
  ok: string;
  warn: string;
  err: string;
  accent: string;
  text: string;
  muted: string;
  grid: string;
  surface: string;
  p50: string;
  p99: string;
}

function read(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  const value = (name: string): string => style.getPropertyValue(name).trim();
  return {
    ok: value('--ok'),
    warn: value('--warn-bar'),
    err: value('--err'),
    accent: value('--accent'),
    text: value('--text-2'),
    muted: value('--text-3'),
    grid: value('--border'),
    surface: value('--surface'),
    p50: value('--chart-p50'),
    p99: value('--chart-p99'),
  };
}

export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState(read);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const update = (): void => setColors(read());
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return colors;
}
