// 好差评 published and fed upward (issue 15, findings 4 and 5): the public month results hold no
// personal data, and the provincial feed carries exactly the fields the README documents, for a
// manager or a machine account's token, in JSON and CSV.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../server/src/web.ts';
import { BACKENDS, makeTestApp, type TestApp } from '../helpers/app.ts';
import { findPersonalData } from '../helpers/privacy.ts';
import { openCounter } from '../helpers/queue.ts';
import { rate, servedTicket, type Clerk } from '../helpers/ratings.ts';

const PHONE = '13912345678';
const DAY = '2026-11-18';

/** The field names of the README's “The provincial feed” table, in order. */
function readmeFields(): string[] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = text.indexOf('### The provincial feed');
  const body = text.indexOf('\n', start) + 1;
  const next = text.slice(body).search(/^#{2,3} /m);
  const section = next < 0 ? text.slice(body) : text.slice(body, body + next);
  return [...section.matchAll(/^\| `(\w+)`\s*\|/gm)].map((m) => m[1]!);
}

describe.each(BACKENDS)('published results and the provincial feed on %s', (backend) => {
  let t: TestApp;
  let clerk: Clerk;
  let manager: string;
  beforeEach(async () => {
    t = await makeTestApp(backend);
    clerk = await openCounter(t, 'clerk1', 1);
    manager = await t.login('manager');
    const poor = await servedTicket(t, clerk);
    const fine = await servedTicket(t, clerk);
    await rate(t, poor, {
      score: 1,
      reasons: ['服务态度', '办事效率'],
      comment: `态度差, 电话${PHONE}`,
      contactPhone: PHONE,
    });
    await rate(t, fine, { score: 4, comment: '身份证 110105194912310021 已办好' });
    const id = (await t.req('GET', `/api/v1/halls/${t.demo.hallId}/complaints`, { cookie: manager })).json()
      .complaints[0].id;
    for (const to of ['contacted', 'rectified'])
      await t.req('POST', `/api/v1/complaints/${id}/transition`, {
        cookie: manager,
        body: { to, note: '处理' },
      });
  });
  afterEach(async () => t?.close());

  it('publishes the month’s results to anyone, with no personal data', async () => {
    const res = await t.req('GET', `/api/v1/halls/${t.demo.hallId}/results?month=2026-11`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      month: '2026-11',
      ratings: 2,
      satisfactionRate: 0.5,
      poor: 1,
      rectifiedOnTime: 1,
      rectifiedOnTimeRate: 1,
      byMatter: [{ name: '户籍', ratings: 2, satisfactionRate: 0.5 }],
      byCounter: [{ ratings: 2 }],
    });
    expect(findPersonalData(res.body)).toBeNull();
    expect(res.body).not.toContain('139****');
    expect(res.body).not.toMatch(/态度差|已办好|A00/);
    expect((await t.req('GET', `/api/v1/halls/${t.demo.hallId}/results?month=2026-13`)).statusCode).toBe(400);
    const thisMonth = await t.req('GET', `/api/v1/halls/${t.demo.hallId}/results`);
    expect(thisMonth.json().month).toBe('2026-11');
  });

  it('exports exactly the README’s fields, to a manager or a feed token, in JSON and CSV', async () => {
    const fields = readmeFields();
    expect(fields.length).toBeGreaterThan(20);
    const url = `/api/v1/halls/${t.demo.hallId}/haocha-feed?from=${DAY}&to=${DAY}`;
    expect((await t.req('GET', url)).statusCode).toBe(401);
    expect((await t.req('GET', url, { cookie: clerk.cookie })).statusCode).toBe(403);
    const res = await t.req('GET', url, { cookie: manager });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.fields).toEqual(fields);
    expect(body.records).toHaveLength(2);
    for (const r of body.records) expect(Object.keys(r)).toEqual(fields);
    // Both rated at the same instant of the test clock: pick them by level.
    const poor = body.records.find((r: { level: number }) => r.level === 1);
    const fine = body.records.find((r: { level: number }) => r.level === 4);
    expect(poor).toMatchObject({
      matterCode: expect.any(String),
      matterName: '户籍',
      counterNumber: 1,
      ratingChannel: 'mobile',
      level: 1,
      levelName: '非常不满意',
      reasons: '服务态度|办事效率',
      comment: '态度差, 电话139****5678',
      realName: true,
      caseStatus: 'rectified',
      followUpDue: '2026-11-19',
      rectifyDue: '2026-11-25',
      rectifiedOnTime: true,
      excluded: false,
    });
    expect(fine).toMatchObject({
      level: 4,
      caseId: null,
      rectifiedOnTime: null,
      comment: '身份证 110***********0021 已办好',
    });
    expect(findPersonalData(res.body)).toBeNull();

    const issued = await t.req('POST', `/api/v1/halls/${t.demo.hallId}/feed-tokens`, {
      cookie: manager,
      body: { name: '省好差评系统' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const { token, id } = issued.json();
    const csv = await t.req('GET', url.replace('haocha-feed', 'haocha-feed.csv'), {
      headers: { 'x-feed-token': token },
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]!.split(',')).toEqual(fields);
    expect(lines).toHaveLength(3);
    expect(findPersonalData(csv.body)).toBeNull();

    expect((await t.req('GET', `${url.replace(DAY, '2026-11-20')}`, { cookie: manager })).statusCode).toBe(
      400,
    );
    await t.req('DELETE', `/api/v1/halls/${t.demo.hallId}/feed-tokens/${id}`, { cookie: manager });
    expect((await t.req('GET', url, { headers: { 'x-feed-token': token } })).statusCode).toBe(401);
  });
});
