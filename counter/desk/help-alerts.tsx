// 请工作人员协助 at the desk (issue 14): a kiosk in elder mode asked for a person. The desk follows
// the hall's alerts over Socket.IO (`watchHelp` with the staff session; never part of the lobby's
// hall feed), shows each one large with its kiosk and time, and any desk acknowledges it for all.
import { io } from 'socket.io-client';
import { useEffect, useState } from 'preact/hooks';
import { post } from '../../ui/api.ts';
import { clockOf } from '../../ui/clock.ts';
import { useLang, useT, type Strings } from '../../ui/i18n.ts';
import type { Hall } from '../../ui/types.ts';

interface HelpAlert {
  id: string;
  hallId: string;
  kiosk: string | null;
  requestedAt: string;
  acknowledgedAt: string | null;
}

const words: Strings<'title' | 'kiosk' | 'unpaired' | 'at' | 'ack'> = {
  zh: {
    title: '自助机求助：请前往协助',
    kiosk: '自助机：{name}',
    unpaired: '未登记的自助机',
    at: '{time} 求助',
    ack: '已前往协助',
  },
  en: {
    title: 'A kiosk asks for help: please go and assist',
    kiosk: 'Kiosk: {name}',
    unpaired: 'a kiosk not paired',
    at: 'asked at {time}',
    ack: 'On my way',
  },
};

export function HelpAlerts({ hall, onError }: { hall: Hall; onError: (err: unknown) => void }) {
  const t = useT(words);
  const lang = useLang();
  const [alerts, setAlerts] = useState<HelpAlert[]>([]);
  const [watching, setWatching] = useState(false);

  useEffect(() => {
    const socket = io({ reconnectionDelay: 1000, reconnectionDelayMax: 4000 });
    const watch = () =>
      socket
        .timeout(10_000)
        .emit(
          'watchHelp',
          { hallId: hall.id },
          (err: Error | null, ack?: { ok: boolean; alerts?: HelpAlert[] }) => {
            if (err || !ack?.ok) return;
            setAlerts(ack.alerts ?? []);
            setWatching(true);
          },
        );
    socket.on('connect', watch);
    socket.on('disconnect', () => setWatching(false));
    socket.on('help', (n: { type: string; alert: HelpAlert }) => {
      if (n.alert.hallId !== hall.id) return;
      setAlerts((list) =>
        n.type === 'help.requested'
          ? [...list.filter((a) => a.id !== n.alert.id), n.alert]
          : list.filter((a) => a.id !== n.alert.id),
      );
    });
    return () => socket.close();
  }, [hall.id]);

  const acknowledge = async (a: HelpAlert) => {
    try {
      await post(`/halls/${hall.id}/help-alerts/${a.id}/acknowledge`);
      setAlerts((list) => list.filter((x) => x.id !== a.id));
    } catch (err) {
      onError(err);
    }
  };

  return (
    <section
      class="desk-help"
      data-testid="desk-help"
      data-watching={String(watching)}
      aria-live="assertive"
      hidden={alerts.length === 0}
    >
      {alerts.length > 0 && <h2>{t('title')}</h2>}
      <ul>
        {alerts.map((a) => (
          <li key={a.id} data-testid="help-alert">
            <b>{t('kiosk', { name: a.kiosk ?? t('unpaired') })}</b>{' '}
            <span>
              {t('at', { time: clockOf(Date.parse(a.requestedAt), hall.timezone, lang).slice(0, 5) })}
            </span>
            <button
              type="button"
              class="btn btn-primary"
              data-testid="help-ack"
              onClick={() => void acknowledge(a)}
            >
              {t('ack')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
