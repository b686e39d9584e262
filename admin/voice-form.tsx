// The hall's spoken call (hall settings `voice`): the wording of a call and of a recall, how
// many times it is spoken, rate, volume and an English sentence. The preview shows the text
// the wall display hands to the speech engine, number spelled and counter said as a number.
import { useState } from 'preact/hooks';
import { callText, voiceFrom, type VoiceSettings } from '../server/src/domain/call-speech.ts';
import { useT, type Strings } from '../ui/i18n.ts';
import { Field, FormActions, num, useAction } from './form.tsx';
import { patch } from './http.ts';
import { strings as common } from './strings.ts';
import type { HallFull } from './types.ts';

const strings: Strings<
  | 'title'
  | 'lead'
  | 'phrase'
  | 'recallPhrase'
  | 'phraseHint'
  | 'repeat'
  | 'rate'
  | 'rateHint'
  | 'volume'
  | 'english'
  | 'preview'
  | 'previewRecall'
> = {
  zh: {
    title: '叫号语音',
    lead: '叫号大屏播报的文字。号码逐字读出（A101 读作“A 一 零 一”），窗口号按数字读（十二号窗口）。保存后从下一次叫号起生效。',
    phrase: '叫号用语',
    recallPhrase: '重呼用语',
    phraseHint: '须包含 {number}（号码）和 {counter}（窗口号）',
    repeat: '播报次数',
    rate: '语速',
    rateHint: '0.5–2，1 为正常语速',
    volume: '音量',
    english: '中文之后再用英文播报一遍（服务外籍人士的大厅）',
    preview: '试听文字',
    previewRecall: '重呼',
  },
  en: {
    title: 'Spoken call',
    lead: 'What the wall display says. The number is spelled (A101 as “A 一 零 一”), the counter said as a number (十二号窗口). Applies from the next call after saving.',
    phrase: 'Call wording',
    recallPhrase: 'Recall wording',
    phraseHint: 'Must contain {number} (the ticket) and {counter} (the counter number)',
    repeat: 'Times spoken',
    rate: 'Rate',
    rateHint: '0.5–2, 1 is normal speed',
    volume: 'Volume',
    english: 'An English sentence after the Chinese one (halls that serve foreigners)',
    preview: 'Preview',
    previewRecall: 'Recall',
  },
};

export function VoiceForm({ hall, reloadHall }: { hall: HallFull; reloadHall: () => void }) {
  const t = useT(strings);
  const c = useT(common);
  const a = useAction();
  const saved = voiceFrom(hall.settings.voice);
  const [phrase, setPhrase] = useState(saved.phrase);
  const [recallPhrase, setRecallPhrase] = useState(saved.recallPhrase);
  const [repeat, setRepeat] = useState(String(saved.repeat));
  const [rate, setRate] = useState(String(saved.rate));
  const [volume, setVolume] = useState(String(saved.volume));
  const [english, setEnglish] = useState(saved.english);
  const draft: VoiceSettings = {
    phrase,
    recallPhrase,
    repeat: num(repeat),
    rate: num(rate),
    volume: num(volume),
    english,
  };
  const save = (e: Event) => {
    e.preventDefault();
    void a.run(async () => {
      await patch(`/halls/${hall.id}`, { voice: draft });
      reloadHall();
      return c('saved');
    });
  };
  const sample = { number: 'A101', counterNumber: 12 };
  return (
    <form class="card" onSubmit={save} data-testid="voice-settings">
      <h2>{t('title')}</h2>
      <p class="lead">{t('lead')}</p>
      <div class="grid">
        <Field label={t('phrase')} error={a.fields['voice.phrase']} hint={t('phraseHint')} wide>
          <input name="phrase" value={phrase} onInput={(e) => setPhrase(e.currentTarget.value)} />
        </Field>
        <Field label={t('recallPhrase')} error={a.fields['voice.recallPhrase']} hint={t('phraseHint')} wide>
          <input
            name="recallPhrase"
            value={recallPhrase}
            onInput={(e) => setRecallPhrase(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('repeat')} error={a.fields['voice.repeat']}>
          <input
            type="number"
            name="repeat"
            min={1}
            max={5}
            value={repeat}
            onInput={(e) => setRepeat(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('rate')} error={a.fields['voice.rate']} hint={t('rateHint')}>
          <input
            type="number"
            name="rate"
            min={0.5}
            max={2}
            step={0.05}
            value={rate}
            onInput={(e) => setRate(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('volume')} error={a.fields['voice.volume']}>
          <input
            type="number"
            name="volume"
            min={0}
            max={1}
            step={0.1}
            value={volume}
            onInput={(e) => setVolume(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('english')} error={a.fields['voice.english']} wide>
          <input
            type="checkbox"
            name="english"
            checked={english}
            onChange={(e) => setEnglish(e.currentTarget.checked)}
          />
        </Field>
      </div>
      <p class="admin-note" data-testid="voice-preview">
        {t('preview')}: {callText(sample, draft)}
        <br />
        {t('previewRecall')}: {callText({ ...sample, recall: true }, draft)}
      </p>
      <FormActions action={a} label={c('save')} testid="save-voice" />
    </form>
  );
}
