// 适老化 (issue 14): what elder mode adds to the kiosk, loaded only when a resident turns it on
// (the kiosk's page stays within its size budget): larger text and targets (elder.css), the
// voice guide (guide.ts) and, on every step, a large 请工作人员协助 button that alerts the help
// desk live (POST /halls/:hallId/help-alerts; the desk's screen shows it). No countdown and no
// time pressure: the kiosk's idle reset is longer in this mode and never shown.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, post } from '../../ui/api.ts';
import { useLang, useT } from '../../ui/i18n.ts';
import './elder.css';
import { guideSteps, say } from './guide.ts';
import { elderStrings } from './strings.ts';

type HelpState = 'idle' | 'sending' | 'sent' | 'failed';

export function ElderLayer({ hallId, onExit }: { hallId: string; onExit: () => void }) {
  const t = useT(elderStrings);
  const lang = useLang();
  const [help, setHelp] = useState<HelpState>('idle');

  useEffect(() => {
    const main = document.querySelector('.kiosk-main');
    if (!main) return;
    return guideSteps(main, {
      choices: () => t('choices'),
      lang: () => (document.documentElement.lang.startsWith('en') ? 'en' : 'zh'),
      intro: t('on'),
    });
  }, []);

  const askHelp = async () => {
    if (help === 'sending' || help === 'sent') return;
    setHelp('sending');
    try {
      await post(`/halls/${hallId}/help-alerts`);
      setHelp('sent');
    } catch (err) {
      // Pressed again within the minute: the staff were told already.
      if (err instanceof ApiError && err.code === 'HELP_ALREADY_REQUESTED') setHelp('sent');
      else return setHelp('failed');
    }
    say(t('spokenHelpSent'), lang);
  };

  return (
    <aside class="elder-bar" aria-label={t('help')}>
      <button
        type="button"
        class="btn elder-help"
        data-testid="elder-help"
        disabled={help === 'sending'}
        onClick={() => void askHelp()}
      >
        {t('help')}
        {lang === 'zh' && <small lang="en">Ask staff for help</small>}
      </button>
      <p class="elder-help-status" role="status" aria-live="polite" data-testid="elder-help-status">
        {help === 'sending' && t('helpSending')}
        {help === 'sent' && t('helpSent')}
        {help === 'failed' && t('helpFailed')}
      </p>
      <button type="button" class="btn btn-secondary elder-exit" data-testid="elder-exit" onClick={onExit}>
        {t('exit')}
      </button>
    </aside>
  );
}
