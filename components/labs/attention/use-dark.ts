'use client';

import { useEffect, useState } from 'react';

/** Whether the system asks for dark mode (Tailwind's `dark:` follows the same media query). */
export function useDark(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const q = window.matchMedia('(prefers-color-scheme: dark)');
    setDark(q.matches);
    const on = (e: MediaQueryListEvent) => setDark(e.matches);
    q.addEventListener('change', on);
    return () => q.removeEventListener('change', on);
  }, []);
  return dark;
}
