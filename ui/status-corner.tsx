// The status corner every device page shows (kiosk, wall display, counter screen, rating pad):
// which hall, which device, connected or not, and the time of the last event, so anyone
// walking past an unattended screen can tell whether it is alive. Drop-in:
//   <StatusCorner place={hall.name} timezone={hall.timezone} kind="wall" />
import { clockOf } from './clock.ts';
import { deviceName, useDeviceStatus, useWakeLock } from './device-status.ts';
import { translator, useLang, type Strings } from './i18n.ts';
import './status-corner.css';

export type DeviceKind = 'kiosk' | 'wall' | 'counterScreen' | 'pad' | 'check';

const strings: Strings<DeviceKind | 'online' | 'offline' | 'lastEvent' | 'noEvent'> = {
  zh: {
    kiosk: '自助取号机',
    wall: '叫号大屏',
    counterScreen: '窗口屏',
    pad: '评价器',
    check: '设备自检',
    online: '已连接',
    offline: '未连接',
    lastEvent: '最近消息',
    noEvent: '暂无',
  },
  en: {
    kiosk: 'Kiosk',
    wall: 'Wall display',
    counterScreen: 'Counter screen',
    pad: 'Rating pad',
    check: 'Self-check',
    online: 'connected',
    offline: 'offline',
    lastEvent: 'last event',
    noEvent: 'none',
  },
};

export const deviceKindName = (kind: DeviceKind) => translator(strings)(kind);

export function StatusCorner({
  place,
  timezone = 'Asia/Shanghai',
  kind,
}: {
  /** The hall's name, or a counter's for a device at a counter (null while not known yet). */
  place: string | null;
  timezone?: string;
  kind: DeviceKind;
}) {
  const lang = useLang();
  const t = translator(strings, lang);
  const { online, lastEventAt } = useDeviceStatus();
  useWakeLock(); // every device page shows the corner: the screen stays on
  const last = lastEventAt ? clockOf(Date.parse(lastEventAt), timezone, lang) : t('noEvent');
  return (
    <div
      class={`status-corner sc-${kind} ${online ? 'sc-online' : 'sc-offline'}`}
      data-testid="status-corner"
      data-online={String(online)}
      role="status"
    >
      {place && <span class="sc-hall">{place}</span>}
      <span class="sc-device" data-testid="status-device">
        {deviceName(t(kind))}
      </span>
      <span class="sc-conn">
        <span class="sc-dot" aria-hidden="true" />
        {t(online ? 'online' : 'offline')}
      </span>
      <span class="sc-last" data-testid="status-last-event">
        {t('lastEvent')} {last}
      </span>
    </div>
  );
}
