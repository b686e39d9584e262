// The help desk books a slot for a resident, or checks a booking in, with any accepted document.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../../ui/api.ts';
import { clockOf } from '../../ui/clock.ts';
import type { Hall, Matter, Ticket } from '../../ui/types.ts';
import { useLang, useT } from './deps.ts';
import { MatterSelect } from './matter-select.tsx';
import { DOCUMENTS, strings } from './strings.ts';

interface Slot {
  start: string;
  end: string;
  date: string;
  available: number;
}

function DocumentFields({
  doc,
  setDoc,
  prefix,
}: {
  doc: { documentType: string; idNumber: string; nationality: string };
  setDoc: (d: { documentType: string; idNumber: string; nationality: string }) => void;
  prefix: string;
}) {
  const t = useT(strings);
  return (
    <>
      <label>
        {t('documentType')}
        <select
          data-testid={`${prefix}-doc`}
          value={doc.documentType}
          onChange={(e) => setDoc({ ...doc, documentType: e.currentTarget.value })}
        >
          {DOCUMENTS.map((d) => (
            <option key={d} value={d}>
              {t(`doc_${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('idNumber')}
        <input
          data-testid={`${prefix}-id`}
          autocomplete="off"
          value={doc.idNumber}
          onInput={(e) => setDoc({ ...doc, idNumber: e.currentTarget.value })}
        />
      </label>
      {doc.documentType === 'passport' && (
        <label>
          ISO 3166
          <input
            data-testid={`${prefix}-nationality`}
            value={doc.nationality}
            onInput={(e) => setDoc({ ...doc, nationality: e.currentTarget.value })}
          />
        </label>
      )}
    </>
  );
}

const docBody = (d: { documentType: string; idNumber: string; nationality: string }) => ({
  idNumber: d.idNumber.trim(),
  documentType: d.documentType,
  ...(d.documentType === 'passport' ? { nationality: d.nationality.trim() } : {}),
});

export function BookPanel({
  hall,
  matters,
  onError,
}: {
  hall: Hall;
  matters: Matter[];
  onError: (e: unknown) => void;
}) {
  const t = useT(strings);
  const lang = useLang();
  const bookable = matters.filter((m) => m.bookable);
  const [matterId, setMatterId] = useState(bookable[0]?.id ?? '');
  const [date, setDate] = useState('');
  const [slots, setSlots] = useState<Slot[]>([]);
  const [start, setStart] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [doc, setDoc] = useState({ documentType: 'resident_id', idNumber: '', nationality: '' });
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!matterId) return;
    const q = date ? `&from=${date}&to=${date}` : '';
    get<Slot[]>(`/halls/${hall.id}/slots?matterId=${matterId}${q}`).then((all) => {
      const open = all.filter((s) => s.available > 0);
      setSlots(open);
      setStart(open[0]?.start ?? '');
    }, onError);
  }, [matterId, date]);

  const book = async () => {
    onError(null);
    try {
      const a = await post<{ code: string; start: string }>(`/halls/${hall.id}/appointments`, {
        matterId,
        start,
        name: name.trim(),
        phone: phone.trim(),
        ...docBody(doc),
      });
      setDone(
        t('booked', {
          when: `${a.start.slice(0, 10)} ${clockOf(Date.parse(a.start), hall.timezone, lang)}`,
          code: a.code,
        }),
      );
    } catch (err) {
      onError(err);
    }
  };

  return (
    <section class="desk-panel" aria-labelledby="book-title">
      <h2 id="book-title">{t('bookTitle')}</h2>
      <MatterSelect
        label={t('matter')}
        testId="book-matter"
        matters={bookable}
        value={matterId}
        onChange={setMatterId}
      />
      <label>
        {t('date')}
        <input
          type="date"
          data-testid="book-date"
          value={date}
          onInput={(e) => setDate(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('slot')}
        <select data-testid="book-slot" value={start} onChange={(e) => setStart(e.currentTarget.value)}>
          {slots.map((s) => (
            <option key={s.start} value={s.start}>
              {s.date} {clockOf(Date.parse(s.start), hall.timezone, lang)}–
              {clockOf(Date.parse(s.end), hall.timezone, lang)}
            </option>
          ))}
        </select>
      </label>
      {slots.length === 0 && <p>{t('noSlots')}</p>}
      <label>
        {t('name')}
        <input
          data-testid="book-name"
          autocomplete="off"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <DocumentFields doc={doc} setDoc={setDoc} prefix="book" />
      <label>
        {t('phone')}
        <input
          data-testid="book-phone"
          autocomplete="off"
          value={phone}
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
      </label>
      <button
        type="button"
        class="btn btn-primary"
        data-testid="book-submit"
        disabled={!start}
        onClick={() => void book()}
      >
        {t('book')}
      </button>
      {done && (
        <p role="status" data-testid="book-done">
          {done}
        </p>
      )}
    </section>
  );
}

export function CheckInPanel({
  hall,
  onTicket,
  onError,
}: {
  hall: Hall;
  onTicket: (t: Ticket) => void;
  onError: (e: unknown) => void;
}) {
  const t = useT(strings);
  const [code, setCode] = useState('');
  const [doc, setDoc] = useState({ documentType: 'resident_id', idNumber: '', nationality: '' });
  const checkIn = async () => {
    onError(null);
    try {
      const body = code.trim() ? { code: code.trim() } : docBody(doc);
      onTicket(await post<Ticket>(`/halls/${hall.id}/check-in`, body));
    } catch (err) {
      onError(err);
    }
  };
  return (
    <section class="desk-panel" aria-labelledby="checkin-title">
      <h2 id="checkin-title">{t('checkInTitle')}</h2>
      <label>
        {t('code')}
        <input
          data-testid="checkin-code"
          inputMode="numeric"
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </label>
      <p>{t('orDocument')}</p>
      <DocumentFields doc={doc} setDoc={setDoc} prefix="checkin" />
      <button
        type="button"
        class="btn btn-primary"
        data-testid="checkin-submit"
        onClick={() => void checkIn()}
      >
        {t('checkIn')}
      </button>
    </section>
  );
}
