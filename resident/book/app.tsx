// Booking on a phone: the matter (with its materials, 一次性告知) → a day and a time → the
// person's name, ID number and mobile, checked before sending → the booking code, its QR code
// and the manage link. A refused booking is explained, with the next free time offered.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, get, post } from '../../ui/api.ts';
import { matterName, useLang, useT } from '../../ui/i18n.ts';
import { todayIn } from '../../ui/id-check.ts';
import type { Hall, Matter } from '../../ui/types.ts';
import { durationText, scrollBehavior, slotWhen } from '../format.ts';
import { manageHref, saveBooking, savedBookings } from '../my-bookings.ts';
import { Shell } from '../shell.tsx';
import { nextFreeSlot, SlotPicker, type Slot } from '../slot-picker.tsx';
import { RefusalBox, type Refusal } from '../refusal.tsx';
import { OFFER_NEXT, strings as rs } from '../strings.ts';
import type { Appointment, Schedule } from '../types.ts';
import { Confirmation } from './confirmation.tsx';
import { Materials } from './materials.tsx';
import { PersonForm } from './person-form.tsx';
import { strings } from './strings.ts';
import { Summary } from './summary.tsx';
import { serverFieldErrors } from './field-errors.ts';
import { pick, toBody, validatePerson, type Person, type PersonErrors } from './validate.ts';

const EMPTY: Person = { name: '', idNumber: '', phone: '' };

export function BookApp({ hall }: { hall: Hall }) {
  const t = useT(strings);
  const tr = useT(rs);
  const lang = useLang();
  const [matters, setMatters] = useState<Matter[] | null>(null);
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [matterId, setMatterId] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [person, setPerson] = useState<Person>(EMPTY);
  const [errors, setErrors] = useState<PersonErrors>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [booking, setBooking] = useState<Appointment | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const inFlight = useRef(false);
  const matterTitle = useRef<HTMLHeadingElement>(null);
  const timeTitle = useRef<HTMLHeadingElement>(null);
  const personTitle = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const tz = hall.timezone;

  const load = async () => {
    setLoadError(null);
    try {
      const [all, sched] = await Promise.all([
        get<Matter[]>(`/halls/${hall.id}/matters`),
        get<Schedule>(`/halls/${hall.id}/schedule`),
      ]);
      const bookable = all.filter((m) => m.bookable);
      setMatters(bookable);
      setSchedule(sched);
      const asked = new URLSearchParams(location.search).get('matter');
      const pre = bookable.find((m) => asked && (m.id === asked || m.code === asked || m.prefix === asked));
      if (pre) setMatterId(pre.id);
    } catch (err) {
      setLoadError(err);
    }
  };
  useEffect(() => void load(), [hall.id]);

  const matter = matters?.find((m) => m.id === matterId);
  const settings = schedule?.matters.find((m) => m.matterId === matterId);

  const focusLater = (el: { current: HTMLElement | null }, block: ScrollLogicalPosition = 'start') =>
    requestAnimationFrame(() => {
      el.current?.focus({ preventScroll: true });
      el.current?.scrollIntoView({ block, behavior: scrollBehavior() });
    });

  // The materials come first (一次性告知): choosing a matter keeps them in sight.
  const chooseMatter = (m: Matter | null) => {
    setMatterId(m?.id ?? null);
    setSlot(null);
    setRefusal(null);
    focusLater(matterTitle, 'nearest');
  };

  const chooseSlot = (s: Slot | null) => {
    setSlot(s);
    setRefusal(null);
    focusLater(s ? personTitle : timeTitle);
  };

  const change = (field: keyof Person, value: string) => {
    const next = { ...person, [field]: value };
    setPerson(next);
    // Once the resident tried to send, the marks follow the typing.
    if (tried || errors[field]) setErrors(pick(validatePerson(next, todayIn(tz)), field, errors));
  };

  const blur = (field: keyof Person) => {
    if (!person[field].trim()) return; // an empty field is only an error once sending is tried
    setErrors(pick(validatePerson(person, todayIn(tz)), field, errors));
  };

  const submit = async (chosen: Slot | null = slot) => {
    if (!chosen || !matter || inFlight.current) return;
    setTried(true);
    const errs = validatePerson(person, todayIn(tz));
    setErrors(errs);
    const firstBad = (['name', 'idNumber', 'phone'] as const).find((f) => errs[f]);
    if (firstBad) {
      formRef.current?.querySelector<HTMLInputElement>(`[name=${firstBad}]`)?.focus();
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setRefusal(null);
    try {
      const b = await post<Appointment>(`/halls/${hall.id}/appointments`, {
        matterId: matter.id,
        start: chosen.start,
        ...toBody(person),
      });
      if (b.token)
        saveBooking({
          id: b.id,
          token: b.token,
          hallId: hall.id,
          matterId: b.matterId,
          start: b.start,
          end: b.end,
        });
      setPerson(EMPTY);
      setBooking(b);
      window.scrollTo(0, 0);
    } catch (err) {
      const fieldErrors = serverFieldErrors(err);
      if (fieldErrors) {
        setErrors(fieldErrors);
        return;
      }
      let next: Slot | null | undefined;
      if (err instanceof ApiError && OFFER_NEXT.has(err.code))
        next = await nextFreeSlot(hall.id, matter.id, chosen, err.code === 'DUPLICATE_BOOKING').catch(
          () => null,
        );
      setRefusal({ error: err, next });
      setReloadKey((k) => k + 1);
      requestAnimationFrame(() =>
        refusalRef.current?.scrollIntoView({ block: 'center', behavior: scrollBehavior() }),
      );
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (booking)
    return (
      <Shell hallName={hall.name} testid="book">
        <Confirmation
          booking={booking}
          matter={matters?.find((m) => m.id === booking.matterId)}
          timezone={tz}
          onConfirmed={setBooking}
          onAnother={() => {
            setBooking(null);
            setSlot(null);
            setMatterId(null);
            setTried(false);
            setErrors({});
          }}
        />
      </Shell>
    );

  const saved = savedBookings(hall.id).filter((b) => Date.parse(b.end) > Date.now() - 86_400_000);

  return (
    <Shell hallName={hall.name} testid="book">
      <h1 class="r-title">{t('title')}</h1>
      <p class="r-lead">{t('lead')}</p>

      {saved.length > 0 && matters && (
        <nav class="r-card my-bookings" aria-labelledby="my-bookings">
          <h2 id="my-bookings" class="r-subtitle">
            {t('myBookings')}
          </h2>
          <ul>
            {saved.map((b) => {
              const m = matters.find((x) => x.id === b.matterId);
              return (
                <li key={b.id}>
                  <a href={manageHref(b)}>
                    {slotWhen(b.start, b.end, tz, lang)} {m ? matterName(m, lang) : ''}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      )}

      {loadError !== null && (
        <div class="r-alert r-alert-error" role="alert">
          <p>{describeError(loadError, lang)}</p>
          <button type="button" class="r-btn r-btn-secondary" onClick={() => void load()}>
            {tr('retry')}
          </button>
        </div>
      )}

      <section class="r-step" aria-labelledby="step-matter">
        <h2 id="step-matter" class="r-step-title" ref={matterTitle} tabIndex={-1}>
          {t('stepMatter')}
        </h2>
        {matters?.length === 0 && <p class="r-alert r-alert-warn">{t('noBookable')}</p>}
        {!matter && (
          <div class="r-choices">
            {matters?.map((m) => (
              <button
                key={m.id}
                type="button"
                class="r-choice"
                data-testid={`matter-${m.prefix}`}
                onClick={() => chooseMatter(m)}
              >
                <span class="r-choice-name">{matterName(m, lang)}</span>
                {m.description && (
                  <span class="r-choice-desc" lang="zh-CN">
                    {m.description}
                  </span>
                )}
              </button>
            ))}
          </div>
        )}
        {matter && (
          <>
            <Summary
              label={t('matter')}
              value={matterName(matter, lang)}
              onChange={() => chooseMatter(null)}
            />
            <Materials matter={matter} />
          </>
        )}
      </section>

      {matter && (
        <section class="r-step" aria-labelledby="step-time">
          <h2 id="step-time" class="r-step-title" ref={timeTitle} tabIndex={-1}>
            {t('stepTime')}
          </h2>
          {schedule && settings && (
            <p class="r-hint">
              {t('rules', {
                days: settings.horizonDays,
                cancel: durationText(settings.cancelBeforeMinutes, lang),
                before: schedule.rules.checkInBeforeMinutes,
                after: schedule.rules.checkInAfterMinutes,
              })}
            </p>
          )}
          {slot ? (
            <Summary
              label={t('time')}
              value={slotWhen(slot.start, slot.end, tz, lang)}
              testid="chosen-slot"
              onChange={() => chooseSlot(null)}
            />
          ) : (
            <SlotPicker
              hallId={hall.id}
              matterId={matter.id}
              timezone={tz}
              horizonDays={settings?.horizonDays ?? 7}
              chosen={null}
              reloadKey={reloadKey}
              onChoose={chooseSlot}
            />
          )}
        </section>
      )}

      {matter && slot && (
        <section class="r-step" aria-labelledby="step-person">
          <h2 id="step-person" class="r-step-title" ref={personTitle} tabIndex={-1}>
            {t('stepPerson')}
          </h2>
          <PersonForm
            person={person}
            errors={errors}
            busy={busy}
            formRef={formRef}
            onChange={change}
            onBlur={blur}
            onSubmit={() => void submit()}
          />
          <div ref={refusalRef} role="alert" aria-live="assertive">
            {refusal && (
              <RefusalBox
                refusal={refusal}
                timezone={tz}
                busy={busy}
                onTake={(s) => {
                  setSlot(s);
                  void submit(s);
                }}
                onOther={() => chooseSlot(null)}
              />
            )}
          </div>
        </section>
      )}
    </Shell>
  );
}
