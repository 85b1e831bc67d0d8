// Tabs of one browser context, opened first and then navigated together, as a user restoring a session does.
import type { BrowserContext, Page } from '@playwright/test';

/**
 * `count` new pages of `context` (sharing its cookies). Open them before a burst so that their
 * navigations leave at the same moment.
 *
 * @example
 * const tabs = await newTabs(context, 5);
 * const burst = await mockAuth.burstAtExpiry(5, (i) => tabs[i]!.goto('/dashboard'));
 * expectOneRefresh(burst);
 */
export function newTabs(context: BrowserContext, count: number): Promise<Page[]> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('newTabs needs a positive whole count.');
  return Promise.all(Array.from({ length: count }, () => context.newPage()));
}
