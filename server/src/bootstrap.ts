import { sql } from 'kysely';
import type { Db } from './db/index.ts';
import { generatePassword, hashPassword } from './auth/passwords.ts';

export interface BootstrapResult {
  created: boolean;
  /** Passwords generated on this first start, to print once. Empty on later starts. */
  printed: { username: string; password: string; role: string }[];
  hallId?: string;
}

const DEMO_MATTERS = [
  {
    code: 'huji',
    prefix: 'A',
    name: '户籍',
    name_en: 'Household registration',
    description: '户口迁入迁出、户籍证明、身份证首次申领与换领',
    materials: ['居民身份证', '户口簿', '迁入地住房证明（迁户时）', '近期免冠证件照（办证时可现场拍摄）'],
    avg: 8,
  },
  {
    code: 'shebao',
    prefix: 'B',
    name: '社保',
    name_en: 'Social insurance',
    description: '社保参保登记、缴费基数核定、养老保险关系转移、退休申报',
    materials: ['居民身份证', '社会保障卡', '劳动合同或单位证明（单位参保时）'],
    avg: 10,
  },
  {
    code: 'yibao',
    prefix: 'C',
    name: '医保',
    name_en: 'Medical insurance',
    description: '医保参保、异地就医备案、门诊慢特病认定、零星报销',
    materials: ['居民身份证', '医保电子凭证或社会保障卡', '医疗费用发票及清单（报销时）'],
    avg: 9,
  },
  {
    code: 'gjj',
    prefix: 'D',
    name: '公积金',
    name_en: 'Housing provident fund',
    description: '公积金提取、贷款申请、缴存基数调整、账户转移',
    materials: ['居民身份证', '本人银行卡', '购房合同或租房证明（提取时）', '婚姻证明（夫妻共同办理时）'],
    avg: 12,
  },
  {
    code: 'budongchan',
    prefix: 'E',
    name: '不动产登记',
    name_en: 'Real estate registration',
    description: '不动产首次登记、转移登记、抵押登记、查询与证明',
    materials: ['居民身份证', '不动产权证书', '买卖合同或继承证明', '完税凭证', '婚姻证明'],
    avg: 20,
    bookable: true,
  },
  {
    code: 'zixun',
    prefix: 'F',
    name: '综合咨询',
    name_en: 'General enquiries',
    description: '政策咨询、材料预审、帮办代办',
    materials: ['居民身份证（如需查询个人业务）'],
    avg: 5,
  },
] as const;

// Counter number → matter prefixes in order of preference (first = primary).
const DEMO_COUNTERS: [number, string, string[]][] = [
  [1, '1号窗口 户籍', ['A']],
  [2, '2号窗口 户籍', ['A', 'F']],
  [3, '3号窗口 社保', ['B', 'C']],
  [4, '4号窗口 医保', ['C', 'B']],
  [5, '5号窗口 公积金', ['D', 'F']],
  [6, '6号窗口 不动产', ['E', 'D']],
  [7, '7号窗口 综合窗口', ['F', 'A', 'B', 'C', 'D', 'E']],
  [8, '8号窗口 综合窗口', ['F', 'B', 'C', 'A', 'D', 'E']],
];

const DEMO_STAFF = [
  { username: 'manager', name: '陈主任', role: 'manager' as const },
  { username: 'clerk1', name: '王芳', role: 'clerk' as const },
  { username: 'clerk2', name: '李强', role: 'clerk' as const },
  { username: 'clerk3', name: '张敏', role: 'clerk' as const },
  { username: 'clerk4', name: '刘洋', role: 'clerk' as const },
];

/**
 * First start on an empty database: the admin account and, unless turned off, a demo hall.
 * Runs under an advisory lock so two processes starting together seed once.
 */
export async function bootstrap(
  db: Db,
  opts: { adminPassword?: string | undefined; seedDemo: boolean },
): Promise<BootstrapResult> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(7242001)`.execute(tx);
    const any = await tx.selectFrom('staff').select('id').limit(1).executeTakeFirst();
    if (any) return { created: false, printed: [] };
    const printed: BootstrapResult['printed'] = [];
    const adminPassword = opts.adminPassword ?? generatePassword();
    if (!opts.adminPassword) printed.push({ username: 'admin', password: adminPassword, role: 'admin' });
    await tx
      .insertInto('staff')
      .values({
        username: 'admin',
        name: '系统管理员',
        role: 'admin',
        hall_id: null,
        password_hash: await hashPassword(adminPassword),
      })
      .execute();
    if (!opts.seedDemo) return { created: true, printed };

    const hall = await tx
      .insertInto('halls')
      .values({ code: 'demo', name: '示范政务服务中心', timezone: 'Asia/Shanghai', settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const matterIds = new Map<string, string>();
    for (const m of DEMO_MATTERS) {
      const row = await tx
        .insertInto('matters')
        .values({
          hall_id: hall.id,
          code: m.code,
          prefix: m.prefix,
          name: m.name,
          name_en: m.name_en,
          description: m.description,
          materials: JSON.stringify(m.materials),
          avg_service_minutes: m.avg,
          bookable: 'bookable' in m ? m.bookable : false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      matterIds.set(m.prefix, row.id);
    }
    for (const [number, name, prefixes] of DEMO_COUNTERS) {
      const c = await tx
        .insertInto('counters')
        .values({ hall_id: hall.id, number, name })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('counter_matters')
        .values(
          prefixes.map((p, i) => ({
            counter_id: c.id,
            matter_id: matterIds.get(p)!,
            hall_id: hall.id,
            position: i,
          })),
        )
        .execute();
    }
    for (const s of DEMO_STAFF) {
      const password = generatePassword();
      printed.push({ username: s.username, password, role: s.role });
      await tx
        .insertInto('staff')
        .values({ ...s, hall_id: hall.id, password_hash: await hashPassword(password) })
        .execute();
    }
    return { created: true, printed, hallId: hall.id };
  });
}
