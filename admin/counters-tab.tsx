// Counters (窗口): number, name, and the matters each serves in order of preference (first =
// primary), reordered with up/down; the rating pad paired with each counter, its last-seen mark
// read again every minute like the devices list's (useSeenReload); the hall's paired kiosks, wall
// displays and counter screens (devices-section.tsx).
import { useEffect, useRef, useState } from 'preact/hooks';
import { matterName, useLang, useT, type Lang } from '../ui/i18n.ts';
import type { TabProps } from './app.tsx';
import { LastSeen, syncServerTime, useSeenReload } from './device-seen.tsx';
import { lazyTab } from './lazy-tab.tsx';
import { useHallEvents } from './events.ts';
import { Field, FormActions, MoveButtons, moved, num, StatusLine, useAction } from './form.tsx';
import { del, get, patch, post } from './http.ts';
import { strings } from './strings.ts';
import type { AdminCounter, AdminMatter } from './types.ts';

// Paired devices (设备): a section of this tab, fetched on first use with its QR encoder.
const DevicesSection = lazyTab<{ hall: TabProps['hall']; counters: AdminCounter[] }>(() =>
  import('./devices-section.tsx').then((m) => m.DevicesSection),
);

interface PadStatus {
  paired: boolean;
  lastSeenAt: string | null;
  offline: boolean;
}
type PadState = Record<string, PadStatus & { link?: string }>;
const UNPAIRED: PadStatus = { paired: false, lastSeenAt: null, offline: false };

/** "A 户籍" for a matter ID of the list; "?" for one not in it. */
function matterLabel(matters: AdminMatter[], id: string, lang: Lang): string {
  const m = matters.find((x) => x.id === id);
  return m ? `${m.prefix} ${matterName(m, lang)}` : '?';
}

export function CountersTab({ hall, events }: TabProps) {
  const t = useT(strings);
  const lang = useLang();
  const [counters, setCounters] = useState<AdminCounter[]>([]);
  const [matters, setMatters] = useState<AdminMatter[]>([]);
  const [pads, setPads] = useState<PadState>({});
  const [editing, setEditing] = useState<AdminCounter | 'new' | null>(null);
  const pad = useAction();
  // Pairings and unpairings made here, counted; per counter, the count at its latest. A read of
  // the pads begun before a counter's latest one may predate it: it leaves that cell alone.
  const edits = useRef({ count: 0, at: new Map<string, number>() });

  const loadPads = async (list: AdminCounter[]) => {
    const began = edits.current.count;
    const [states] = await Promise.all([
      Promise.all(list.map((x) => get<PadStatus>(`/counters/${x.id}/pad-token`).catch(() => UNPAIRED))),
      syncServerTime(),
    ]);
    setPads((old) =>
      Object.fromEntries(
        list.map((x, i) => {
          if ((edits.current.at.get(x.id) ?? 0) > began) return [x.id, old[x.id] ?? UNPAIRED];
          const { paired, lastSeenAt, offline } = states[i]!;
          return [x.id, { ...old[x.id], paired, lastSeenAt, offline }];
        }),
      ),
    );
  };
  const load = async () => {
    try {
      const [c, m] = await Promise.all([
        get<AdminCounter[]>(`/halls/${hall.id}/counters`),
        get<AdminMatter[]>(`/halls/${hall.id}/matters?all=true`),
      ]);
      setCounters(c);
      setMatters(m);
      await loadPads(c);
    } catch {
      // the banner says when the server is away
    }
  };
  useEffect(() => void load(), [hall.id]);
  useHallEvents(events, (ev) => {
    if (!ev || ev.type === 'counter.updated' || ev.type === 'matter.updated') void load();
  });
  // A pad going silent or coming back sends no event: its cell is read again, as the devices are.
  useSeenReload(() => loadPads(counters).catch(() => {}));
  const edited = (counterId: string, state: PadState[string]) => {
    edits.current.at.set(counterId, ++edits.current.count);
    setPads((old) => ({ ...old, [counterId]: state }));
  };

  const name = (id: string) => matterLabel(matters, id, lang);
  const pair = (c: AdminCounter) =>
    void pad.run(async () => {
      const { token } = await post<{ token: string }>(`/counters/${c.id}/pad-token`);
      // The token rides in the fragment: browsers never send it, so no log or Referer holds it.
      const link = `${location.origin}/counter/pad/?counter=${c.id}#pad=${token}`;
      edited(c.id, { paired: true, lastSeenAt: null, offline: false, link });
    });
  const unpair = (c: AdminCounter) =>
    void pad.run(async () => {
      await del(`/counters/${c.id}/pad-token`);
      edited(c.id, UNPAIRED);
    });

  return (
    <div class="stack">
      <section class="card">
        <div class="card-head">
          <h2>{t('tab_counters')}</h2>
          <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
            {t('newCounter')}
          </button>
        </div>
        <table class="table" data-testid="counters">
          <thead>
            <tr>
              <th>{t('counterNumber')}</th>
              <th>{t('counterName')}</th>
              <th>{t('servesMatters')}</th>
              <th>{t('status')}</th>
              <th>{t('ratingPad')}</th>
              <th>
                <span class="visually-hidden">{t('edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {counters.map((c) => (
              <tr key={c.id} class={c.active ? '' : 'row-off'} data-testid={`counter-row-${c.number}`}>
                <td class="mono">{c.number}</td>
                <td>{c.name}</td>
                <td>
                  <ol class="inline-list">
                    {c.matterIds.map((id) => (
                      <li key={id}>{name(id)}</li>
                    ))}
                  </ol>
                </td>
                <td>
                  <span class={`pill pill-${c.status}`}>{t(`st_${c.status}`)}</span>
                  {c.clerk && <span class="muted"> {c.clerk.name}</span>}
                </td>
                <td class="pad-cell">
                  {pads[c.id]?.paired ? t('padPaired') : t('padNone')}{' '}
                  {pads[c.id]?.paired && (
                    <>
                      <LastSeen lastSeenAt={pads[c.id]!.lastSeenAt} offline={pads[c.id]!.offline} />{' '}
                    </>
                  )}
                  <a href={`/counter/pad/?counter=${c.id}`} target="_blank" rel="noopener">
                    {t('padOpen')}
                  </a>{' '}
                  <button type="button" class="btn btn-small" onClick={() => pair(c)} disabled={pad.busy}>
                    {pads[c.id]?.paired ? t('padRepair') : t('padPair')}
                  </button>
                  {pads[c.id]?.paired && (
                    <button type="button" class="btn btn-small" onClick={() => unpair(c)} disabled={pad.busy}>
                      {t('padUnpair')}
                    </button>
                  )}
                  {pads[c.id]?.link && (
                    <p class="pad-link">
                      {t('padLinkOnce')} <input readOnly value={pads[c.id]!.link} aria-label={t('padLink')} />
                    </p>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    class="btn btn-small"
                    data-testid={`edit-counter-${c.number}`}
                    onClick={() => setEditing(c)}
                  >
                    {t('edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <StatusLine status={pad.status} />
      </section>
      <DevicesSection hall={hall} counters={counters} />
      {editing && (
        <CounterForm
          key={editing === 'new' ? 'new' : editing.id}
          hallId={hall.id}
          counter={editing === 'new' ? null : editing}
          matters={matters.filter((m) => m.active)}
          onDone={() => {
            setEditing(null);
            void load();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function CounterForm({
  hallId,
  counter,
  matters,
  onDone,
  onCancel,
}: {
  hallId: string;
  counter: AdminCounter | null;
  matters: AdminMatter[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useT(strings);
  const lang = useLang();
  const a = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => formRef.current?.scrollIntoView({ block: 'nearest' }), []);
  const [number, setNumber] = useState(counter ? String(counter.number) : '');
  const [name, setName] = useState(counter?.name ?? '');
  const [nameEn, setNameEn] = useState(counter?.nameEn ?? '');
  const [active, setActive] = useState(counter?.active ?? true);
  const [ids, setIds] = useState<string[]>(counter?.matterIds ?? []);
  const [adding, setAdding] = useState('');
  const label = (id: string) => matterLabel(matters, id, lang);
  const addable = matters.filter((m) => !ids.includes(m.id));
  const save = (e: Event) => {
    e.preventDefault();
    void a.run(async () => {
      const body = { number: num(number), name, nameEn: nameEn.trim(), active, matterIds: ids };
      if (counter) await patch(`/counters/${counter.id}`, body);
      else await post(`/halls/${hallId}/counters`, body);
      onDone();
    });
  };
  return (
    <form class="card" ref={formRef} onSubmit={save} data-testid="counter-form">
      <h2>{counter ? t('editCounter', { name: counter.name }) : t('newCounter')}</h2>
      <div class="grid">
        <Field label={t('counterNumber')} error={a.fields.number}>
          <input type="number" min={1} value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
        </Field>
        <Field label={t('counterName')} error={a.fields.name}>
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('counterNameEn')} error={a.fields.nameEn}>
          <input
            value={nameEn}
            data-testid="counter-name-en"
            onInput={(e) => setNameEn(e.currentTarget.value)}
          />
        </Field>
        <label class="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <span>{t('inUse')}</span>
        </label>
      </div>
      <fieldset class="list-editor" data-testid="counter-matters">
        <legend>{t('servesMattersOrdered')}</legend>
        {a.fields.matterIds && (
          <small class="field-error" role="alert">
            {a.fields.matterIds}
          </small>
        )}
        <ol>
          {ids.map((id, i) => (
            <li key={id} data-testid={`counter-matter-${i}`}>
              <span class="list-item">
                {label(id)}
                {i === 0 && <span class="tag">{t('primary')}</span>}
              </span>
              <MoveButtons
                i={i}
                count={ids.length}
                what={label(id)}
                onMove={(by) => setIds(moved(ids, i, by))}
              />
              <button
                type="button"
                class="btn btn-small btn-danger-quiet"
                onClick={() => setIds(ids.filter((x) => x !== id))}
                aria-label={`${t('remove')} ${label(id)}`}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ol>
        {addable.length > 0 && (
          <div class="add-row">
            <select
              aria-label={t('addMatter')}
              data-testid="add-matter-select"
              value={adding}
              onChange={(e) => setAdding(e.currentTarget.value)}
            >
              <option value="">{t('pickMatter')}</option>
              {addable.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.prefix} {matterName(m, lang)}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="btn btn-small"
              data-testid="add-matter"
              disabled={!adding}
              onClick={() => {
                setIds([...ids, adding]);
                setAdding('');
              }}
            >
              {t('addMatter')}
            </button>
          </div>
        )}
      </fieldset>
      <FormActions action={a} label={t('save')} testid="save-counter" onCancel={onCancel} />
    </form>
  );
}
