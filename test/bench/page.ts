/** Timing the designer's page in Chromium. */
import type { Page } from 'playwright-core';
import { sampleOf, type Sample } from './measure.ts';

/**
 * Loads `url` in `page` `runs` times: the milliseconds from the request
 * until the flow is drawn and analysed (Problems has its heading, a node is
 * drawn, two frames have passed).
 */
export async function timedLoads(page: Page, url: string, runs = 3): Promise<Sample> {
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = Date.now();
    await page.goto(url);
    await page.getByRole('region', { name: 'Problems' }).getByRole('heading').waitFor({ timeout: 60_000 });
    await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    loads.push(Date.now() - started);
  }
  return sampleOf(loads);
}
