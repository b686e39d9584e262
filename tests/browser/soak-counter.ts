// Soak of the devices at one counter (tests/browser/soak.ts says what is measured and how): the
// rating pad and the counter screen (窗口屏) of counter 7 through a day of services, as a clerk
// works: call the next number (which finishes the one served), the resident walks up and sits
// down (the service starts). Both wait on what the page shows (its DOM), never on a particular
// socket event, so they hold however the server tells the page.
import type { Page } from 'playwright-core';
import type { ServedApp } from './harness.ts';
import {
  callNext,
  cookie,
  makeCall,
  settled,
  startService,
  startStage,
  waitFor,
  type Sample,
  type SoakResult,
} from './soak.ts';

/** Pairs a rating pad with counter 7 (as the manager does) and answers the pad's address. */
export async function pairPad(served: ServedApp): Promise<string> {
  const counterId = served.t.demo.counters[7]!;
  const { token } = await served.api<{ token: string }>(
    'POST',
    `/counters/${counterId}/pad-token`,
    undefined,
    await cookie(served, 'manager'),
  );
  return `${served.url}/counter/pad/?counter=${counterId}#pad=${token}`;
}

/** The counter screen of counter 7. */
export const counterScreenUrl = (served: ServedApp) =>
  `${served.url}/display/counter/?counter=${served.t.demo.counters[7]}&device=${encodeURIComponent('七号窗口屏')}`;

/**
 * The rating pad of counter 7 through a day of `tickets` services, a minute of the hall's clock
 * apart. Each round: the clerk calls the next number, which finishes the one served, and the
 * pad prompts for that one (the pad rates only the service it saw end); every `rateEvery`-th is
 * rated (five stars, thanks, back to idle), the others are left unrated as most are; then the
 * next resident sits down (the service starts), which ends the prompt, and the pad is idle again.
 * (Starting the next service at once, as the wall's soak does, ends each prompt before the pad
 * could show it: the pad was right to show nothing, and the soak timed out at its first prompt.)
 * The answer is a finish until the pad prompts for it.
 */
export async function soakPad(
  served: ServedApp,
  page: Page,
  tickets: number,
  every: number,
  rateEvery: number,
  log: (s: Sample) => void = () => {},
): Promise<SoakResult> {
  const stage = await startStage(page, 'rating pad', tickets, log);
  const matters = Object.values(served.t.demo.matters);
  let previous = await makeCall(served, matters[0]!);
  const answers: number[] = [];
  for (let i = 1; i <= tickets; i++) {
    served.t.clock.advance(1);
    const t0 = performance.now();
    const next = await callNext(served, matters[i % matters.length]!); // finishes `previous`
    await page
      .waitForFunction(
        (n) => document.querySelector('[data-testid=pad-prompt]')?.textContent?.includes(n) ?? false,
        previous,
        { timeout: 30_000 },
      )
      .then(settled);
    answers.push(Math.round(performance.now() - t0));
    if (i % rateEvery === 0) {
      await page.click('[data-testid=level-5]');
      await waitFor(page, '[data-testid=pad-thanks]');
      await waitFor(page, '[data-testid=pad-thanks]', { state: 'detached', timeout: 30_000 });
    }
    await startService(served, next.id);
    await waitFor(page, '[data-testid=pad-idle]', { timeout: 30_000 });
    previous = next.number;
    if (i === 1 || i % every === 0 || i === tickets) await stage.measure(i);
  }
  return stage.finish({ start: answers[0]!, end: answers.at(-1)! });
}

/** Waits until the counter screen shows `number` in `state` (called or serving). */
async function counterShows(page: Page, number: string, state: 'called' | 'serving'): Promise<void> {
  await page
    .waitForFunction(
      ([n, st]) =>
        document.querySelector(`[data-testid=counter-screen][data-state=${st}] [data-testid=cs-number]`)
          ?.textContent === n,
      [number, state] as const,
      { timeout: 30_000 },
    )
    .then(settled);
}

/**
 * The counter screen of counter 7 through `calls` calls: each number called (the screen shows
 * it, flashing), then served. Counter 7 must be open (openCounter). The answer is a call until
 * the screen shows it.
 */
export async function soakCounterScreen(
  served: ServedApp,
  page: Page,
  calls: number,
  every: number,
  log: (s: Sample) => void = () => {},
): Promise<SoakResult> {
  const stage = await startStage(page, 'counter screen', calls, log);
  const matters = Object.values(served.t.demo.matters);
  const answers: number[] = [];
  for (let i = 1; i <= calls; i++) {
    const t0 = performance.now();
    const ticket = await callNext(served, matters[i % matters.length]!);
    await counterShows(page, ticket.number, 'called');
    answers.push(Math.round(performance.now() - t0));
    await startService(served, ticket.id);
    await counterShows(page, ticket.number, 'serving');
    if (i === 1 || i % every === 0 || i === calls) await stage.measure(i);
  }
  return stage.finish({ start: answers[0]!, end: answers.at(-1)! });
}
