// The hall's voice settings for the wall display: read at start and again whenever the hall
// changes (`hall.updated`), so a manager's new wording is heard from the next call on.
import { useEffect, useRef } from 'preact/hooks';
import { voiceFrom, type VoiceSettings } from '../server/src/domain/call-speech.ts';
import { get } from '../ui/api.ts';
import type { Announcer } from './voice.ts';

declare global {
  interface Window {
    __voiceLoads?: number;
  }
}

export function useHallVoice(hallId: string, announcer: Announcer): () => void {
  const reload = useRef(() => {
    get<{ settings?: { voice?: Partial<VoiceSettings> } }>(`/halls/${hallId}`).then(
      (h) => {
        announcer.setVoice(voiceFrom(h.settings?.voice));
        window.__voiceLoads = (window.__voiceLoads ?? 0) + 1; // tests wait on it
      },
      () => {}, // offline: the next hall.updated or start tries again
    );
  }).current;
  useEffect(reload, [hallId]);
  return reload;
}
