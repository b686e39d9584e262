// Paired devices (设备; docs/DEVICES.md "Kiosks, wall displays, counter screens"): the manager
// pairs a kiosk, wall display or counter screen by kind and name and gets its link ONCE (the
// token rides in the `#device=` fragment, which the page keeps and sends as X-Device-Token), as
// text, a copy button and a QR code; the list shows the paired devices, when each was last heard
// from (device-seen.tsx), and unpairs one after a confirm. Loaded with the counters tab on first
// use (its QR encoder stays out of the first load).
import QRCode from 'qrcode';
import { useEffect, useState } from 'preact/hooks';
import { dateTimeOf } from '../ui/clock.ts';
import { useT } from '../ui/i18n.ts';
import { LastSeen, syncServerTime, useSeenReload } from './device-seen.tsx';
import { Field, StatusLine, useAction } from './form.tsx';
import { del, get, post } from './http.ts';
import { strings } from './strings-devices.ts';
import type { AdminCounter, HallFull } from './types.ts';

const KINDS = ['kiosk', 'display', 'counter_screen'] as const;
type Kind = (typeof KINDS)[number];
interface Device {
  id: string;
  kind: Kind;
  name: string;
  issuedAt: string;
  lastSeenAt: string | null;
  offline: boolean;
}

/** The address the device opens once: its page, its hall (or counter), its name, the token. */
export function deviceLink(
  origin: string,
  hall: { code: string },
  kind: Kind,
  name: string,
  token: string,
  counterId?: string,
): string {
  const where =
    kind === 'counter_screen'
      ? `/display/counter/?counter=${encodeURIComponent(counterId ?? '')}`
      : `/${kind}/?hall=${encodeURIComponent(hall.code)}`;
  return `${origin}${where}&device=${encodeURIComponent(name)}#device=${token}`;
}

export function DevicesSection({ hall, counters }: { hall: HallFull; counters: AdminCounter[] }) {
  const t = useT(strings);
  const [devices, setDevices] = useState<Device[]>([]);
  const [kind, setKind] = useState<Kind>('kiosk');
  const [name, setName] = useState('');
  const [counterId, setCounterId] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const a = useAction();

  const load = () =>
    Promise.all([get<Device[]>(`/halls/${hall.id}/devices`), syncServerTime()])
      .then(([list]) => setDevices(list))
      .catch(() => {
        // the banner says when the server is away
      });
  useEffect(() => void load(), [hall.id]);
  useSeenReload(load); // a device going silent or coming back shows without a reload
  useEffect(() => {
    setQr(null);
    if (!link) return;
    let live = true;
    QRCode.toDataURL(link, { margin: 1, errorCorrectionLevel: 'M', width: 240 })
      .then((png) => live && setQr(png))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [link]);

  const pair = (e: Event) => {
    e.preventDefault();
    setCopied(null);
    setLink(null);
    void a.run(async () => {
      const d = await post<Device & { token: string }>(`/halls/${hall.id}/devices`, { kind, name });
      setLink(deviceLink(location.origin, hall, kind, d.name, d.token, counterId));
      setName('');
      await load();
      return t('devicePaired', { name: d.name });
    });
  };
  const unpair = (d: Device) =>
    void a.run(async () => {
      setConfirming(null);
      await del(`/halls/${hall.id}/devices/${d.id}`);
      await load();
      return t('deviceUnpaired', { name: d.name });
    });
  const copy = () =>
    void navigator.clipboard
      .writeText(link!)
      .then(() => setCopied(t('copied')))
      .catch(() => setCopied(t('copyFailed')));

  return (
    <section class="card" data-testid="devices">
      <h2>{t('devicesTitle')}</h2>
      <p class="muted">{t('devicesIntro')}</p>
      <form class="grid" onSubmit={pair} data-testid="pair-device">
        <Field label={t('deviceKind')}>
          <select
            value={kind}
            data-testid="device-kind"
            onChange={(e) => setKind(e.currentTarget.value as Kind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind_${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('deviceName')} hint={t('deviceNameHint')} error={a.fields.name}>
          <input value={name} data-testid="device-name" onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        {kind === 'counter_screen' && (
          <Field label={t('deviceCounter')}>
            <select
              value={counterId}
              data-testid="device-counter"
              onChange={(e) => setCounterId(e.currentTarget.value)}
            >
              <option value="">{t('pickCounter')}</option>
              {counters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.number} {c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <div>
          <button
            type="submit"
            class="btn btn-primary"
            disabled={a.busy || (kind === 'counter_screen' && !counterId)}
            data-testid="pair-device-submit"
          >
            {t('pairDevice')}
          </button>
        </div>
      </form>
      <StatusLine status={a.status} testid="devices-status" />
      {link && (
        <div class="device-link" data-testid="device-link-box">
          <p>{t('deviceLinkOnce')}</p>
          <input readOnly value={link} aria-label={t('deviceLink')} data-testid="device-link" />
          <button type="button" class="btn btn-small" onClick={copy}>
            {t('copyLink')}
          </button>
          {copied && <span role="status"> {copied}</span>}
          {qr && <img src={qr} alt={t('deviceQr')} width={240} height={240} />}
        </div>
      )}
      {devices.length === 0 ? (
        <p class="muted">{t('noDevices')}</p>
      ) : (
        <table class="table" data-testid="device-list">
          <thead>
            <tr>
              <th>{t('deviceName')}</th>
              <th>{t('deviceKind')}</th>
              <th>{t('devicePairedAt')}</th>
              <th>{t('deviceLastSeen')}</th>
              <th>
                <span class="visually-hidden">{t('unpairDevice')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} data-testid={`device-${d.name}`}>
                <td>{d.name}</td>
                <td>{t(`kind_${d.kind}`)}</td>
                <td class="mono">{dateTimeOf(Date.parse(d.issuedAt), hall.timezone)}</td>
                <td>
                  <LastSeen lastSeenAt={d.lastSeenAt} offline={d.offline} />
                </td>
                <td>
                  {confirming === d.id ? (
                    <span role="group" aria-label={t('unpairConfirm', { name: d.name })}>
                      {t('unpairConfirm', { name: d.name })}{' '}
                      <button
                        type="button"
                        class="btn btn-small btn-danger-quiet"
                        data-testid="unpair-yes"
                        disabled={a.busy}
                        onClick={() => unpair(d)}
                      >
                        {t('unpairYes')}
                      </button>{' '}
                      <button type="button" class="btn btn-small" onClick={() => setConfirming(null)}>
                        {t('unpairNo')}
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      class="btn btn-small"
                      data-testid="unpair-device"
                      onClick={() => setConfirming(d.id)}
                    >
                      {t('unpairDevice')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
