import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';
import { DAY, generateDay, local } from '../helpers/stats-day.ts';

// One generated service day (Wed 2026-11-18, Shanghai) driven through the real API on the manual
// clock, with every figure of the statistics computed by hand below.
//
// Percentiles are continuous (percentile_cont, Excel PERCENTILE.INC): for n sorted values
// x[0..n-1], p lies at position p·(n − 1); between two ranks it is interpolated linearly.
//   e.g. the 10 first-call waits 2 7 10 15 15 15 20 25 25 30: p50 at 4.5 → (15 + 15) / 2 = 15;
//   p90 at 8.1 → 25 + 0.1 · (30 − 25) = 25.5.
//
// The day (local times; c1 = counter 1 户籍 by 王芳, c3 = counter 3 社保 by 李强, c6 = counter 6
// 不动产 by 张敏; wait = first call − issue, service = finish − start):
//   A1 08:30 → call c1 08:40 (10) → 08:41–08:49 (8), rated 5 by the holder
//   A2 08:35 → call c1 08:50 (15) → 08:50–09:02 (12), rated 4 on counter 1's pad
//   A3 08:45 → call c1 09:05 (20), no-show 09:07, requeued 09:10, called again 09:20 → 09:20–09:26 (6), rated 1
//   A4 09:00 → call c1 09:30 (30), no-show 09:33
//   A5 09:10 → call c1 09:35 (25), start 09:35, transferred to 社保 09:40; c3 calls 09:50 → 09:50–10:00 (10), rated 3
//   A6 09:20 → cancelled by the holder 09:25
//   A7 10:05 → still waiting at night: expired at the rollover
//   B1 08:30 → call c3 08:32 (2) → 08:33–08:53 (20), not rated
//   B2 08:40 → call c3 08:55 (15) → 08:55–09:10 (15), rated 2
//   B3 09:05 → call c3 09:12 (7) → 09:12–09:42 (30), rated 5
//   E1 booked 09:00, checked in 08:50 → call c6 09:05 (15, on time) → 09:05–09:25 (20), rated 4
//   E2 booked 09:30, checked in 09:20 → call c6 09:45 (25, late: > 09:40) → 09:45–10:05 (20), not rated
// and on the next day one more 户籍 ticket, outside the range.

type Row = Record<string, unknown> & { key: string | null; label: string };

/** Every figure of a row, for the hand-computed expectations. */
const figures = (
  issued: number | null,
  counts: {
    called: number;
    served: number;
    noShows: number;
    requeued?: number;
    transfers?: number;
    cancelled?: number;
    expired?: number;
  },
  wait: [number, number | null, number | null, number | null],
  service: [number | null, number | null, number | null],
  appt: [number, number, number | null],
  ratings: [number, number | null, number | null, number | null, Record<string, number>],
  noShowRate: number | null,
) => ({
  issued,
  called: counts.called,
  served: counts.served,
  noShows: counts.noShows,
  noShowRate,
  requeued: counts.requeued ?? 0,
  transfers: counts.transfers ?? 0,
  cancelled: counts.cancelled ?? 0,
  expired: counts.expired ?? 0,
  waitCount: wait[0],
  waitMeanMinutes: wait[1],
  waitP50Minutes: wait[2],
  waitP90Minutes: wait[3],
  serviceMeanMinutes: service[0],
  serviceP50Minutes: service[1],
  serviceP90Minutes: service[2],
  appointments: appt[0],
  appointmentsOnTime: appt[1],
  punctualityRate: appt[2],
  ratings: ratings[0],
  participationRate: ratings[1],
  satisfactionRate: ratings[2],
  meanScore: ratings[3],
  distribution: { '5': 0, '4': 0, '3': 0, '2': 0, '1': 0, ...ratings[4] },
});

// Whole day: 12 issued, 12 calls (A3 and A5 twice), 9 served, 2 no-shows.
// Waits 2 7 10 15 15 15 20 25 25 30: mean 16.4, p50 15, p90 25.5.
// Services 6 8 10 12 15 20 20 20 30: mean 141/9 = 15.67, p50 x[4] = 15, p90 at 7.2: 20 + 0.2·10 = 22.
// Ratings 5 4 1 3 2 5 4: 7 of 9 served (0.7778), satisfied (≥ 3) 5 of 7 (0.7143), mean 24/7 = 3.43.
const TOTAL = figures(
  12,
  { called: 12, served: 9, noShows: 2, requeued: 1, transfers: 1, cancelled: 1, expired: 1 },
  [10, 16.4, 15, 25.5],
  [15.67, 15, 22],
  [2, 1, 0.5],
  [7, 0.7778, 0.7143, 3.43, { '5': 2, '4': 2, '3': 1, '2': 1, '1': 1 }],
  0.1667,
);
// 户籍: waits 10 15 20 25 30 (p90 at 3.6: 25 + 0.6·5 = 28); services 6 8 12 (p90 at 1.8: 8 + 0.8·4 = 11.2).
const MATTER_A = figures(
  7,
  { called: 6, served: 3, noShows: 2, requeued: 1, transfers: 1, cancelled: 1, expired: 1 },
  [5, 20, 20, 28],
  [8.67, 8, 11.2],
  [0, 0, null],
  [3, 1, 0.6667, 3.33, { '5': 1, '4': 1, '1': 1 }],
  0.3333,
);
// 社保 (with the transferred A5 served as 社保): waits 2 7 15 (p90 at 1.8: 7 + 0.8·8 = 13.4);
// services 10 15 20 30 (p50 at 1.5: 17.5; p90 at 2.7: 20 + 0.7·10 = 27).
const MATTER_B = figures(
  3,
  { called: 4, served: 4, noShows: 0 },
  [3, 8, 7, 13.4],
  [18.75, 17.5, 27],
  [0, 0, null],
  [3, 0.75, 0.6667, 3.33, { '5': 1, '3': 1, '2': 1 }],
  0,
);
// 不动产登记: waits 15 25 (p90 at 0.9: 24); services 20 20; one of two appointments on time.
const MATTER_E = figures(
  2,
  { called: 2, served: 2, noShows: 0 },
  [2, 20, 20, 24],
  [20, 20, 20],
  [2, 1, 0.5],
  [1, 0.5, 1, 4, { '4': 1 }],
  0,
);
// Issued 08:00–09:00: A1 A2 A3 B1 B2 E1. Waits 2 10 15 15 15 20 (mean 77/6; p90 at 4.5: 17.5);
// services 6 8 12 15 20 20 (mean 13.5; p50 at 2.5: 13.5; p90 at 4.5: 20).
const HOUR_08 = figures(
  6,
  { called: 7, served: 6, noShows: 1, requeued: 1 },
  [6, 12.83, 15, 17.5],
  [13.5, 13.5, 20],
  [1, 1, 1],
  [5, 0.8333, 0.6, 3.2, { '5': 1, '4': 2, '2': 1, '1': 1 }],
  0.1429,
);
// Issued 09:00–10:00: A4 A5 A6 B3 E2. Waits 7 25 25 30 (mean 21.75; p50 25; p90 at 2.7: 28.5);
// services 10 20 30 (p90 at 1.8: 28).
const HOUR_09 = figures(
  5,
  { called: 5, served: 3, noShows: 1, transfers: 1, cancelled: 1 },
  [4, 21.75, 25, 28.5],
  [20, 20, 28],
  [1, 0, 0],
  [2, 0.6667, 1, 4, { '5': 1, '3': 1 }],
  0.2,
);
const HOUR_10 = figures(
  1,
  { called: 0, served: 0, noShows: 0, expired: 1 },
  [0, null, null, null],
  [null, null, null],
  [0, 0, null],
  [0, null, null, null, {}],
  null,
);

// By counter (and the same by clerk), issuing has no counter: `issued` is null.
const COUNTER_1 = {
  ...figures(
    null,
    { called: 6, served: 3, noShows: 2, requeued: 1, transfers: 1 },
    [5, 20, 20, 28],
    [8.67, 8, 11.2],
    [0, 0, null],
    [3, 1, 0.6667, 3.33, { '5': 1, '4': 1, '1': 1 }],
    0.3333,
  ),
};
// Counter 3's first calls: B1 B2 B3 (A5 was first called at counter 1).
const COUNTER_3 = figures(
  null,
  { called: 4, served: 4, noShows: 0 },
  [3, 8, 7, 13.4],
  [18.75, 17.5, 27],
  [0, 0, null],
  [3, 0.75, 0.6667, 3.33, { '5': 1, '3': 1, '2': 1 }],
  0,
);
const COUNTER_6 = { ...MATTER_E, issued: null };

describe.each(BACKENDS)('statistics of a generated day on %s', (backend) => {
  let t: TestApp;
  let manager: string;
  beforeAll(async () => {
    t = await makeTestApp(backend);
    await generateDay(t);
    manager = await t.login('manager');
  });
  afterAll(async () => t?.close());

  const get = (groupBy: string, from = DAY, to = DAY, ext = '') =>
    t.req('GET', `/api/v1/halls/${t.demo.hallId}/stats${ext}?from=${from}&to=${to}&groupBy=${groupBy}`, {
      cookie: manager,
    });
  const json = async (groupBy: string) => {
    const res = await get(groupBy);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { rows: Row[]; total: Row; groupBy: string };
  };
  const rowOf = (rows: Row[], label: string) => rows.find((r) => r.label === label);

  it('answers the hand-computed figures by matter, with the total', async () => {
    const stats = await json('matter');
    expect(stats.rows.map((r) => r.label)).toEqual(['A 户籍', 'B 社保', 'E 不动产登记']);
    expect(rowOf(stats.rows, 'A 户籍')).toMatchObject({ key: t.demo.matters.A, ...MATTER_A });
    expect(rowOf(stats.rows, 'B 社保')).toMatchObject(MATTER_B);
    expect(rowOf(stats.rows, 'E 不动产登记')).toMatchObject(MATTER_E);
    expect(stats.total).toEqual({ key: null, label: '合计', ...TOTAL });
  });

  it('answers by counter and by clerk, attributing waits to the first call and service to the finish', async () => {
    const counters = await json('counter');
    expect(counters.rows.map((r) => r.label)).toEqual(['1号窗口 户籍', '3号窗口 社保', '6号窗口 不动产']);
    expect(rowOf(counters.rows, '1号窗口 户籍')).toMatchObject(COUNTER_1);
    expect(rowOf(counters.rows, '3号窗口 社保')).toMatchObject(COUNTER_3);
    expect(rowOf(counters.rows, '6号窗口 不动产')).toMatchObject(COUNTER_6);
    expect(counters.total).toMatchObject(TOTAL);

    const clerks = await json('clerk');
    expect(rowOf(clerks.rows, '王芳')).toMatchObject(COUNTER_1);
    expect(rowOf(clerks.rows, '李强')).toMatchObject(COUNTER_3);
    expect(rowOf(clerks.rows, '张敏')).toMatchObject(COUNTER_6);
    expect(clerks.rows).toHaveLength(3);
  });

  it('answers by hour of issue in the hall’s zone', async () => {
    const hours = await json('hour');
    expect(hours.rows.map((r) => [r.key, r.label])).toEqual([
      ['08', '08:00–09:00'],
      ['09', '09:00–10:00'],
      ['10', '10:00–11:00'],
    ]);
    expect(hours.rows[0]).toMatchObject(HOUR_08);
    expect(hours.rows[1]).toMatchObject(HOUR_09);
    expect(hours.rows[2]).toMatchObject(HOUR_10);
    expect(hours.total).toMatchObject(TOTAL);
  });

  it('counts by the service days asked for, and gives the same answer every time', async () => {
    const twoDays = (await get('matter', DAY, '2026-11-19')).json();
    expect(twoDays.total.issued).toBe(13);
    const nextDay = (await get('matter', '2026-11-19', '2026-11-19')).json();
    expect(nextDay.total).toMatchObject({ issued: 1, called: 0, waitMeanMinutes: null });
    const empty = (await get('matter', '2026-11-01', '2026-11-17')).json();
    expect(empty.rows).toEqual([]);
    expect(empty.total).toMatchObject({ issued: 0, served: 0, noShowRate: null, satisfactionRate: null });

    t.clock.set(local('15:00', '2026-11-20'));
    manager = await t.login('manager'); // sessions last 12 hours
    expect((await get('matter')).json().total).toEqual({ key: null, label: '合计', ...TOTAL });
  });

  it('refuses bad ranges, other roles and other halls', async () => {
    const code = async (res: Promise<{ statusCode: number }>) => (await res).statusCode;
    expect(await code(get('matter', '2026-11-19', DAY))).toBe(400);
    expect(await code(get('matter', '2025-11-01', '2026-11-02'))).toBe(400); // 367 days
    expect(await code(get('matter', '2025-11-02', '2026-11-02'))).toBe(200); // 366 days
    expect(await code(get('matter', '2026-02-30', '2026-03-01'))).toBe(400);
    expect(await code(get('weekday'))).toBe(400);
    const clerk = await t.login('clerk1');
    const url = `/api/v1/halls/${t.demo.hallId}/stats?from=${DAY}&to=${DAY}`;
    expect((await t.req('GET', url, { cookie: clerk })).statusCode).toBe(403);
    expect((await t.req('GET', url)).statusCode).toBe(401);
    expect((await t.req('GET', `${url.replace('/stats', '/stats.csv')}`, { cookie: clerk })).statusCode).toBe(
      403,
    );
    const admin = await t.login('admin');
    const other = await t.req('POST', '/api/v1/halls', {
      cookie: admin,
      body: { code: 'other', name: '另一个大厅' },
    });
    const otherUrl = `/api/v1/halls/${other.json().id}/stats?from=${DAY}&to=${DAY}`;
    expect((await t.req('GET', otherUrl, { cookie: manager })).statusCode).toBe(403);
    expect((await t.req('GET', otherUrl, { cookie: admin })).json().total.issued).toBe(0);
  });

  it('exports the same figures as CSV with a BOM, Chinese headers and the total last', async () => {
    for (const groupBy of ['matter', 'counter', 'hour']) {
      const stats = await json(groupBy);
      const res = await get(groupBy, DAY, DAY, '.csv');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain(`.csv`);
      const raw = res.rawPayload.toString('utf8');
      expect(raw.charCodeAt(0)).toBe(0xfeff);
      expect(raw.endsWith('\r\n')).toBe(true);
      const table = parseCsv(raw.slice(1));
      const [header, ...body] = table;
      expect(header!.slice(0, 6)).toEqual([
        { matter: '事项', counter: '窗口', hour: '取号时段' }[groupBy],
        '取号数',
        '叫号数',
        '办结数',
        '过号数',
        '过号率',
      ]);
      expect(body).toHaveLength(stats.rows.length + 1);
      expect(body.map((cells) => fromCells(header!, cells))).toEqual(
        [...stats.rows, stats.total].map(({ key: _key, ...row }) => row),
      );
    }
  });

  it('exports the same figures as XLSX', async () => {
    for (const groupBy of ['matter', 'clerk']) {
      const stats = await json(groupBy);
      const res = await get(groupBy, DAY, DAY, '.xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('统计')!;
      const table: (string | number | null)[][] = [];
      sheet.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1); // exceljs rows are 1-based
        table.push(
          Array.from({ length: sheet.columnCount }, (_, i) => {
            const v = values[i];
            return v === undefined || v === null ? null : (v as string | number);
          }),
        );
      });
      const [header, ...body] = table;
      expect(header![0]).toBe(groupBy === 'matter' ? '事项' : '工作人员');
      expect(
        body.map((cells) =>
          fromCells(
            header as string[],
            cells.map((c) => (c === null ? '' : String(c))),
          ),
        ),
      ).toEqual([...stats.rows, stats.total].map(({ key: _key, ...row }) => row));
      expect(wb.getWorksheet('说明')!.getCell('A2').value).toBe('大厅');
    }
  });
});

// --- reading the files back -----------------------------------------------------------------

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold both. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The headers the files use, mapped back to the JSON row's fields. */
const FIELDS: Record<string, string> = {
  取号数: 'issued',
  叫号数: 'called',
  办结数: 'served',
  过号数: 'noShows',
  过号率: 'noShowRate',
  过号重排数: 'requeued',
  转移数: 'transfers',
  取消数: 'cancelled',
  过期作废数: 'expired',
  首次叫号数: 'waitCount',
  '平均等候(分钟)': 'waitMeanMinutes',
  '等候P50(分钟)': 'waitP50Minutes',
  '等候P90(分钟)': 'waitP90Minutes',
  '平均办理(分钟)': 'serviceMeanMinutes',
  '办理P50(分钟)': 'serviceP50Minutes',
  '办理P90(分钟)': 'serviceP90Minutes',
  预约取号数: 'appointments',
  预约准时叫号数: 'appointmentsOnTime',
  预约准时率: 'punctualityRate',
  评价数: 'ratings',
  参评率: 'participationRate',
  满意率: 'satisfactionRate',
  平均评分: 'meanScore',
};
const LEVELS: Record<string, string> = {
  非常满意: '5',
  满意: '4',
  基本满意: '3',
  不满意: '2',
  非常不满意: '1',
};

function fromCells(header: string[], cells: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = { distribution: {} };
  header.forEach((h, i) => {
    const cell = cells[i] ?? '';
    if (i === 0) row.label = cell;
    else if (LEVELS[h]) (row.distribution as Record<string, number>)[LEVELS[h]] = Number(cell);
    else row[FIELDS[h] ?? h] = cell === '' ? null : Number(cell);
  });
  return row;
}
