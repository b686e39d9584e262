// The counter screen (窗口屏) is set up with its counter: /display/counter/?counter=<id>.
import { render } from 'preact';
import { ApiError, get, sleep } from '../../ui/api.ts';
import { common, translator } from '../../ui/i18n.ts';
import type { Hall } from '../../ui/types.ts';
import { OfflineBanner } from '../../ui/ui.tsx';
import { CounterScreen } from './app.tsx';
import { adoptDeviceToken } from '../../ui/device-token.ts';

async function boot(root: HTMLElement): Promise<void> {
  const t = translator(common);
  const counterId = new URLSearchParams(location.search).get('counter');
  render(<p class="boot-note">{t('loading')}</p>, root);
  for (let attempt = 0; ; attempt++) {
    try {
      if (!counterId) throw new ApiError('NOT_FOUND', 404, 'no counter');
      const counter = await get<{ id: string; hallId: string }>(`/counters/${encodeURIComponent(counterId)}`);
      const hall = await get<Hall>(`/halls/${counter.hallId}`);
      render(<CounterScreen hall={hall} counterId={counter.id} />, root);
      return;
    } catch (err) {
      if (err instanceof ApiError && err.status !== 0) {
        render(<p class="boot-note boot-error">{t('hallMissing')}</p>, root);
        return;
      }
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

// Paired (docs/DEVICES.md): the token of `#device=` is kept and sent on every request.
adoptDeviceToken();
void boot(document.getElementById('app')!);
