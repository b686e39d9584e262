// Accessibility check for any screen test: axe-core runs in the page as it is now and the test
// asserts no WCAG 2.1 AA violation. Call it in each main state of a screen (`expectAccessible`).
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per violation and node: rule, impact, target and axe's summary of the failure. */
export async function axeViolations(page: Page, opts: { exclude?: string[] } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  for (const sel of opts.exclude ?? []) builder = builder.exclude(sel);
  const result = await builder.analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.impact ?? '?'}) ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`,
    ),
  );
}

/** Asserts the page, in its current state, has no WCAG 2.1 AA violation; `state` names it. */
export async function expectAccessible(page: Page, state: string, opts?: { exclude?: string[] }) {
  const found = await axeViolations(page, opts);
  expect(found, `axe violations in ${state}`).toEqual([]);
}
