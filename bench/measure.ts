import type { Launched } from '../src/cli/browser/launch';

// What every case of the benchmark measures with: a row of the results, medians, and one page load.

export interface Row {
  case: string;
  figure: string;
  target: string;
  met: boolean | null;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
export const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** One page load in a fresh tab: its load time and the time its script spent writing cookies. */
export async function loadOnce(l: Launched, url: string): Promise<{ load: number; write: number }> {
  await l.context.clearCookies();
  // Let the extension finish recording the removals before the next load is timed.
  await new Promise((r) => setTimeout(r, 300));
  const page = await l.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const t = await page.evaluate(() => {
    const nav = window.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { load: nav.loadEventEnd - nav.startTime, write: (window as unknown as { __writeMs?: number }).__writeMs ?? 0 };
  });
  await page.close();
  return t;
}
