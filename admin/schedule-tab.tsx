// The schedule: opening hours per weekday with the lunch break, the hall's closed dates, extra
// working days and holiday overrides, the booking rules and each matter's slot settings.
// Checked by the server; its refusals are shown on the fields they are about.
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../ui/i18n.ts';
import type { TabProps } from './app.tsx';
import { DateList, OverrideList } from './calendar-lists.tsx';
import { CalendarYears } from './calendar-years.tsx';
import { DateHoursList, toDatedList, toDateHoursBody, type DatedHours } from './date-hours.tsx';
import { MatterSlotList, SLOT_FIELDS } from './matter-slots.tsx';
import { NationalOverrides } from './national-overrides.tsx';
import { Field, FormActions, num, useAction } from './form.tsx';
import { get, put } from './http.ts';
import { strings } from './strings.ts';
import { calendarStrings } from './strings-calendar.ts';
import type { BookingRules, CalendarOverride, DayHours, MatterSlots, Schedule } from './types.ts';

const DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const RULES: (keyof BookingRules)[] = [
  'maxActiveBookings',
  'noShowThreshold',
  'noShowWindowDays',
  'blockDays',
  'checkInBeforeMinutes',
  'checkInAfterMinutes',
  'retentionDays',
  'reminderTime',
  'lastTicketMinutes',
];

type Hours = Record<string, (DayHours & { on: boolean }) | undefined>;

export function ScheduleTab({ hall, me }: TabProps) {
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const load = () => get<Schedule>(`/halls/${hall.id}/schedule`).then(setSchedule, () => {});
  useEffect(() => void load(), [hall.id]);
  if (!schedule) return <p class="admin-note">…</p>;
  return (
    <div class="stack">
      <CalendarYears canEdit={me.role === 'admin'} onChanged={() => void load()} />
      <ScheduleForm hallId={hall.id} schedule={schedule} onSaved={setSchedule} />
      <NationalOverrides schedule={schedule} canEdit={me.role === 'admin'} onSaved={() => void load()} />
    </div>
  );
}

function ScheduleForm({
  hallId,
  schedule,
  onSaved,
}: {
  hallId: string;
  schedule: Schedule;
  onSaved: (s: Schedule) => void;
}) {
  const t = useT(strings);
  const tcal = useT(calendarStrings);
  const a = useAction();
  const [dateHours, setDateHours] = useState<DatedHours[]>(() => toDatedList(schedule.dateHours ?? {}));
  const [hours, setHours] = useState<Hours>(() =>
    Object.fromEntries(
      DAYS.map((d) => {
        const h = schedule.hours[d];
        return [d, h ? { ...h, on: true } : { open: '09:00', close: '17:00', on: false }];
      }),
    ),
  );
  const [closedDates, setClosed] = useState(schedule.closedDates);
  const [extraDays, setExtra] = useState(schedule.extraWorkingDays);
  const [overrides, setOverrides] = useState<CalendarOverride[]>(schedule.overrides);
  const [rules, setRules] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(
      Object.entries(schedule.rules).map(([k, v]) => [k, typeof v === 'boolean' ? v : String(v)]),
    ),
  );
  const [slots, setSlots] = useState<MatterSlots[]>(schedule.matters);
  const f = a.fields;

  const setDay = (d: string, patch: Partial<DayHours & { on: boolean }>) =>
    setHours({ ...hours, [d]: { ...hours[d]!, ...patch } });
  const setSlot = (i: number, patch: Partial<MatterSlots>) =>
    setSlots(slots.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  const save = (e: Event) => {
    e.preventDefault();
    const body = {
      hours: Object.fromEntries(
        DAYS.map((d) => {
          const h = hours[d]!;
          if (!h.on) return [d, null];
          const lunch =
            h.lunchStart || h.lunchEnd
              ? { lunchStart: h.lunchStart || undefined, lunchEnd: h.lunchEnd || undefined }
              : {};
          return [d, { open: h.open, close: h.close, ...lunch }];
        }),
      ),
      closedDates,
      dateHours: toDateHoursBody(dateHours),
      extraWorkingDays: extraDays,
      overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, ...(o.note ? { note: o.note } : {}) })),
      rules: Object.fromEntries(
        RULES.map((k) => [k, k === 'reminderTime' ? rules[k] : num(String(rules[k]))]).concat([
          ['oneBookingPerMatterPerDay', rules.oneBookingPerMatterPerDay],
        ]),
      ),
      // Only what changed: an untouched matter keeps following the hall's defaults.
      matters: slots
        .filter((s, i) => JSON.stringify(s) !== JSON.stringify(schedule.matters[i]))
        .map((s) => ({
          matterId: s.matterId,
          bookable: s.bookable,
          ...Object.fromEntries(SLOT_FIELDS.map((k) => [k, Number(s[k])])),
          walkInShare: s.walkInShare,
        })),
    };
    // The server checks it (zod stays out of the browser bundle); its VALIDATION_FAILED
    // details land on the fields the same way.
    void a.run(async () => {
      onSaved(await put<Schedule>(`/halls/${hallId}/schedule`, body));
      return t('saved');
    });
  };

  return (
    <form class="stack" onSubmit={save} data-testid="schedule-form">
      <section class="card">
        <h2>{t('openingHours')}</h2>
        <table class="table hours">
          <thead>
            <tr>
              <th>{t('weekday')}</th>
              <th>{t('openDay')}</th>
              <th>{t('opens')}</th>
              <th>{t('closes')}</th>
              <th>{t('lunchStart')}</th>
              <th>{t('lunchEnd')}</th>
            </tr>
          </thead>
          <tbody>
            {DAYS.map((d) => {
              const h = hours[d]!;
              const time = (k: 'open' | 'close' | 'lunchStart' | 'lunchEnd') => (
                <td>
                  <input
                    type="time"
                    data-testid={`hours-${d}-${k}`}
                    aria-label={`${t(`day${d}`)} ${t(k === 'open' ? 'opens' : k === 'close' ? 'closes' : k)}`}
                    disabled={!h.on}
                    value={h[k] ?? ''}
                    onInput={(e) => setDay(d, { [k]: e.currentTarget.value })}
                  />
                  {f[`hours.${d}.${k}`] && <small class="field-error">{f[`hours.${d}.${k}`]}</small>}
                </td>
              );
              return (
                <tr key={d}>
                  <th scope="row">{t(`day${d}`)}</th>
                  <td>
                    <input
                      type="checkbox"
                      data-testid={`hours-${d}-on`}
                      aria-label={`${t(`day${d}`)} ${t('openDay')}`}
                      checked={h.on}
                      onChange={(e) => setDay(d, { on: e.currentTarget.checked })}
                    />
                  </td>
                  {time('open')}
                  {time('close')}
                  {time('lunchStart')}
                  {time('lunchEnd')}
                </tr>
              );
            })}
          </tbody>
        </table>
        <p class="muted">{tcal('weekendHint')}</p>
      </section>
      <DateHoursList list={dateHours} onChange={setDateHours} errors={f} />
      <section class="card">
        <h2>{t('calendarTitle')}</h2>
        <p class="lead">{t('calendarLead')}</p>
        <div class="grid grid-3">
          <DateList
            title={t('closedDates')}
            dates={closedDates}
            onChange={setClosed}
            errors={f}
            path="closedDates"
          />
          <DateList
            title={t('extraWorkingDays')}
            dates={extraDays}
            onChange={setExtra}
            errors={f}
            path="extraWorkingDays"
          />
          <OverrideList
            title={t('hallOverrides')}
            list={overrides}
            onChange={setOverrides}
            errors={f}
            path="overrides"
          />
        </div>
      </section>
      <section class="card">
        <h2>{t('bookingRules')}</h2>
        <div class="grid">
          {RULES.map((k) => (
            <Field
              key={k}
              label={t(`r_${k}`)}
              error={f[`rules.${k}`]}
              {...(k === 'lastTicketMinutes' ? { hint: tcal('lastTicketHint') } : {})}
            >
              <input
                type={k === 'reminderTime' ? 'time' : 'number'}
                value={String(rules[k])}
                onInput={(e) => setRules({ ...rules, [k]: e.currentTarget.value })}
              />
            </Field>
          ))}
          <label class="check">
            <input
              type="checkbox"
              checked={rules.oneBookingPerMatterPerDay === true}
              onChange={(e) => setRules({ ...rules, oneBookingPerMatterPerDay: e.currentTarget.checked })}
            />
            <span>{t('r_oneBookingPerMatterPerDay')}</span>
          </label>
        </div>
      </section>
      <section class="card">
        <h2>{t('slotSettings')}</h2>
        <MatterSlotList slots={slots} setSlot={setSlot} errors={f} />
      </section>
      <FormActions action={a} label={t('saveSchedule')} testid="save-schedule" />
    </form>
  );
}
