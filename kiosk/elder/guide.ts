// Elder mode's voice guidance: each step is read aloud in Mandarin (Web Speech), its title and
// then every choice on it, whenever what the screen offers changes (a new step, another page of
// matters, the ticket). It reads the screen itself, so every step is covered without each one
// wording it twice. What it says goes to `window.__announcements` too (ui/speech.ts), as the
// wall display's calls do.
import { englishVoice, mandarinVoice, record, speak } from '../../ui/speech.ts';

const RATE = 0.85; // a little slower than usual, for older ears

/** Says one text now, cutting short whatever was being said (the screen moved on). */
export function say(text: string, lang: string): void {
  record('announcements', text);
  if (typeof speechSynthesis === 'undefined') return;
  speechSynthesis.cancel();
  const voice = lang === 'en' ? englishVoice() : mandarinVoice();
  if (voice) void speak(text, voice, { rate: RATE, volume: 1 });
}

/** A control's words: its Chinese (or only) label, without the English line under it. */
function labelOf(el: Element): string {
  const name = el.querySelector('.tile-name');
  if (name) return name.textContent?.trim() ?? '';
  const copy = el.cloneNode(true) as Element;
  for (const en of copy.querySelectorAll('[lang=en], .tile-name-en, [aria-hidden=true]')) en.remove();
  return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** What the step in `main` says: its title, what it tells ([data-speak]), then its choices. */
export function stepText(main: Element, choicesWord: string): string {
  const title = main.querySelector('h1')?.textContent?.trim() ?? '';
  const told = [...main.querySelectorAll('[data-speak]')].map((el) =>
    `${el.getAttribute('data-speak') ?? ''} ${el.textContent?.trim() ?? ''}`.trim(),
  );
  const choices = [...main.querySelectorAll('button:not([disabled])')].map(labelOf).filter(Boolean);
  const parts = [title, ...told].filter(Boolean).join('。');
  return choices.length ? `${parts}。${choicesWord}${choices.join('；')}。` : `${parts}。`;
}

/**
 * Watches the kiosk's main area and reads each step once it settled (a moment without change),
 * again only when its words change. Returns the stop function.
 */
export function guideSteps(
  main: Element,
  words: { choices: () => string; lang: () => string; intro: string },
): () => void {
  let last = '';
  let intro = words.intro;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = () => {
    const text = stepText(main, words.choices());
    if (text === last || text === '。') return;
    last = text;
    say(intro + text, words.lang());
    intro = '';
  };
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(read, 400);
  });
  observer.observe(main, { childList: true, subtree: true, characterData: true });
  read();
  return () => {
    clearTimeout(timer);
    observer.disconnect();
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  };
}
