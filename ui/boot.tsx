import { render, type ComponentChildren } from 'preact';
import { ApiError, sleep } from './api.ts';
import { common, translator } from './i18n.ts';
import { resolveHall } from './hall.ts';
import type { Hall } from './types.ts';
import { OfflineBanner } from './ui.tsx';

/**
 * Finds the screen's hall and mounts the screen. A screen switched on before the server (a
 * power cut in the hall) keeps trying instead of showing a dead page.
 */
export async function mountWithHall(
  root: HTMLElement,
  screen: (hall: Hall) => ComponentChildren,
): Promise<void> {
  const t = translator(common);
  render(<p class="boot-note">{t('loading')}</p>, root);
  for (let attempt = 0; ; attempt++) {
    try {
      const hall = await resolveHall();
      if (!hall) {
        render(<p class="boot-note boot-error">{t('hallMissing')}</p>, root);
        return;
      }
      render(screen(hall), root);
      return;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 0) throw err;
      render(
        <>
          <OfflineBanner />
          <p class="boot-note">{t('loading')}</p>
        </>,
        root,
      );
      await sleep(Math.min(1000 * 2 ** attempt, 5000));
    }
  }
}
