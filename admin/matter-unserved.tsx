// Issue 13: the matters form warns when the matter it is about to save would be offered at the
// kiosk (in use, walk-in tickets on) while no counter in use lists it: residents would see it
// greyed as 暂无窗口办理 (MATTER_UNSERVED). The manager may still save (a counter may be set up
// next); the warning says where to fix it.
import { useEffect, useState } from 'preact/hooks';
import { useT, type Strings } from '../ui/i18n.ts';
import { get } from './http.ts';
import type { AdminCounter } from './types.ts';

const words: Strings<'unserved'> = {
  zh: {
    unserved:
      '注意：没有在用的窗口办理这个事项。保存后自助机上会显示它，但不能取号（“暂无窗口办理”）。请在“窗口”页给至少一个窗口勾选这个事项。',
  },
  en: {
    unserved:
      'Note: no counter in use serves this matter. Once saved, the kiosk shows it but cannot issue tickets for it (“no counter serving”). Tick it for at least one counter on the Counters tab.',
  },
};

/** Counters in use of the hall (loaded once when the form opens). */
export function useActiveCounters(hallId: string): AdminCounter[] | null {
  const [counters, setCounters] = useState<AdminCounter[] | null>(null);
  useEffect(() => {
    get<AdminCounter[]>(`/halls/${hallId}/counters`).then(
      (list) => setCounters(list.filter((c) => c.active !== false)),
      () => setCounters(null),
    );
  }, [hallId]);
  return counters;
}

export function UnservedWarning({
  matterId,
  offered,
  counters,
}: {
  /** null for a new matter: no counter can list it yet. */
  matterId: string | null;
  /** In use with walk-in tickets on: the kiosk would offer it. */
  offered: boolean;
  counters: AdminCounter[] | null;
}) {
  const t = useT(words);
  if (!offered || counters === null) return null;
  if (matterId && counters.some((c) => c.matterIds.includes(matterId))) return null;
  return (
    <p class="form-warning" role="status" data-testid="matter-unserved-warning">
      {t('unserved')}
    </p>
  );
}
