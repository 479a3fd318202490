/** Timing measured inside the page, so Playwright's own polling does not count. */
import type { Page } from '@playwright/test';

/**
 * Clicks `clickSelector` and resolves with the milliseconds until `readySelector` exists (or is
 * gone, with `gone`) and the next frame has been painted.
 */
export function clickAndTime(
  page: Page,
  clickSelector: string,
  readySelector: string,
  gone = false,
): Promise<number> {
  return page.evaluate(
    async ([click, ready, waitGone]) => {
      const target = document.querySelector<HTMLElement>(click);
      if (!target) throw new Error(`nothing matches ${click}`);
      const start = performance.now();
      target.click();
      await new Promise<void>((resolve) => {
        const check = (): void => {
          const present = document.querySelector(ready) !== null;
          if (present !== waitGone) resolve();
          else requestAnimationFrame(check);
        };
        check();
      });
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - start;
    },
    [clickSelector, readySelector, gone] as const,
  );
}
