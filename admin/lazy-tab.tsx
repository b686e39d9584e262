// A tab whose code is fetched the first time it is opened, so the console's first load carries
// only the tabs a manager opens all day (floor, ledger, matters, counters); the schedule,
// statistics, staffing and audit tabs come in their own files (tests/browser/size-budget.test.ts).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../ui/i18n.ts';
import { strings } from './strings.ts';

export function lazyTab<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyTab(props: P) {
    const t = useT(strings);
    const [Tab, setTab] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Tab) return;
      let live = true;
      load()
        .then((c) => {
          loaded = c;
          if (live) setTab(() => c);
        })
        .catch(() => live && setFailed(true));
      return () => {
        live = false;
      };
    }, [Tab]);
    if (Tab) return <Tab {...props} />;
    return (
      <p class="admin-note" role={failed ? 'alert' : undefined}>
        {failed ? t('tabLoadFailed') : t('loading')}
      </p>
    );
  };
}
