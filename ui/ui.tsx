import { common, getLang, setLang, useT } from './i18n.ts';

/** The full-width "reconnecting" bar every screen shows while its connection is down. */
export function OfflineBanner({ hint }: { hint?: string }) {
  const t = useT(common);
  return (
    <div class="offline-banner" role="status" aria-live="assertive" data-testid="offline">
      <span class="spinner" aria-hidden="true" />
      <span>
        {t('reconnecting')} <small>{hint ?? t('reconnectingHint')}</small>
      </span>
    </div>
  );
}

export function LangSwitch() {
  const t = useT(common);
  return (
    <button
      type="button"
      class="lang-switch"
      data-testid="lang"
      onClick={() => setLang(getLang() === 'zh' ? 'en' : 'zh')}
    >
      {t('switchLang')}
    </button>
  );
}
