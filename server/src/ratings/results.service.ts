import { DateTime } from 'luxon';
import type { Db } from '../db/index.ts';
import { serviceDay } from '../domain/numbering.ts';
import { isPoorScore, isSatisfiedScore } from '../domain/ratings.ts';
import type { HallsService } from '../halls/halls.service.ts';

// The month's 好差评 results, published (国办发〔2019〕51号 (九), GB/T 39734-2020): satisfaction
// by matter and by counter, the number of 差评 and the share rectified on time. Only counts and
// shares: nothing about who rated, no comments, no ticket numbers. A rating an appeal review
// found mistaken counts nowhere.

export interface ResultsGroup {
  id: string;
  name: string;
  ratings: number;
  satisfactionRate: number | null;
}

export interface MonthResults {
  hallId: string;
  hallName: string;
  month: string;
  ratings: number;
  satisfactionRate: number | null;
  poor: number;
  rectifiedOnTime: number;
  rectifiedOnTimeRate: number | null;
  byMatter: ResultsGroup[];
  byCounter: ResultsGroup[];
}

const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

export class ResultsService {
  constructor(
    private readonly db: Db,
    private readonly halls: HallsService,
  ) {}

  async month(hallId: string, month: string): Promise<MonthResults> {
    const hall = await this.halls.get(hallId);
    const start = DateTime.fromISO(`${month}-01`, { zone: hall.timezone }).startOf('month');
    const rows = await this.db
      .selectFrom('ratings as r')
      .innerJoin('matters as m', 'm.id', 'r.matter_id')
      .leftJoin('counters as co', 'co.id', 'r.counter_id')
      .leftJoin('complaints as c', 'c.rating_id', 'r.id')
      .select([
        'r.score',
        'm.id as matter_id',
        'm.name as matter_name',
        'co.id as counter_id',
        'co.number as counter_number',
        'co.name as counter_name',
        'c.due_date',
        'c.rectified_at',
      ])
      .where('r.hall_id', '=', hall.id)
      .where('r.excluded', '=', false)
      .where('r.created_at', '>=', start.toJSDate())
      .where('r.created_at', '<', start.plus({ months: 1 }).toJSDate())
      .execute();
    const group = (key: (r: (typeof rows)[number]) => [string, string] | null) => {
      const map = new Map<string, { name: string; n: number; ok: number }>();
      for (const r of rows) {
        const k = key(r);
        if (!k) continue;
        const g = map.get(k[0]) ?? { name: k[1], n: 0, ok: 0 };
        g.n += 1;
        if (isSatisfiedScore(r.score)) g.ok += 1;
        map.set(k[0], g);
      }
      return [...map.entries()]
        .map(([id, g]) => ({ id, name: g.name, ratings: g.n, satisfactionRate: share(g.ok, g.n) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    };
    const poor = rows.filter((r) => isPoorScore(r.score));
    const onTime = poor.filter(
      (r) =>
        r.due_date !== null &&
        r.rectified_at !== null &&
        serviceDay(new Date(r.rectified_at), hall.timezone) <= r.due_date,
    ).length;
    return {
      hallId: hall.id,
      hallName: hall.name,
      month,
      ratings: rows.length,
      satisfactionRate: share(rows.filter((r) => isSatisfiedScore(r.score)).length, rows.length),
      poor: poor.length,
      rectifiedOnTime: onTime,
      rectifiedOnTimeRate: share(onTime, poor.length),
      byMatter: group((r) => [r.matter_id, r.matter_name]),
      byCounter: group((r) =>
        r.counter_id ? [r.counter_id, r.counter_name ?? `${r.counter_number}号窗口`] : null,
      ),
    };
  }
}
