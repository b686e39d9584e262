import ExcelJS from 'exceljs';
import type { StatsDimension } from './stats.repository.ts';
import type { StatsReport, StatsRow } from './stats.service.ts';

// The statistics as a file: the same rows and figures as the JSON answer, one column per figure,
// Chinese headers. CSV with a UTF-8 BOM (so Excel opens Chinese correctly) and RFC 4180 quoting;
// XLSX through exceljs, with the definitions on a second sheet.

type Kind = 'text' | 'count' | 'minutes' | 'rate' | 'score';

interface Column {
  header: string;
  kind: Kind;
  value: (r: StatsRow) => string | number | null;
}

const GROUP_HEADER: Record<StatsDimension, string> = {
  matter: '事项',
  counter: '窗口',
  clerk: '工作人员',
  hour: '取号时段',
};

export function statsColumns(groupBy: StatsDimension): Column[] {
  return [
    { header: GROUP_HEADER[groupBy], kind: 'text', value: (r) => r.label },
    { header: '取号数', kind: 'count', value: (r) => r.issued },
    { header: '叫号数', kind: 'count', value: (r) => r.called },
    { header: '办结数', kind: 'count', value: (r) => r.served },
    { header: '过号数', kind: 'count', value: (r) => r.noShows },
    { header: '过号率', kind: 'rate', value: (r) => r.noShowRate },
    { header: '过号重排数', kind: 'count', value: (r) => r.requeued },
    { header: '转移数', kind: 'count', value: (r) => r.transfers },
    { header: '取消数', kind: 'count', value: (r) => r.cancelled },
    { header: '过期作废数', kind: 'count', value: (r) => r.expired },
    { header: '首次叫号数', kind: 'count', value: (r) => r.waitCount },
    { header: '平均等候(分钟)', kind: 'minutes', value: (r) => r.waitMeanMinutes },
    { header: '等候P50(分钟)', kind: 'minutes', value: (r) => r.waitP50Minutes },
    { header: '等候P90(分钟)', kind: 'minutes', value: (r) => r.waitP90Minutes },
    { header: '平均办理(分钟)', kind: 'minutes', value: (r) => r.serviceMeanMinutes },
    { header: '办理P50(分钟)', kind: 'minutes', value: (r) => r.serviceP50Minutes },
    { header: '办理P90(分钟)', kind: 'minutes', value: (r) => r.serviceP90Minutes },
    { header: '预约取号数', kind: 'count', value: (r) => r.appointments },
    { header: '预约准时叫号数', kind: 'count', value: (r) => r.appointmentsOnTime },
    { header: '预约准时率', kind: 'rate', value: (r) => r.punctualityRate },
    { header: '评价数', kind: 'count', value: (r) => r.ratings },
    { header: '参评率', kind: 'rate', value: (r) => r.participationRate },
    { header: '满意率', kind: 'rate', value: (r) => r.satisfactionRate },
    { header: '平均评分', kind: 'score', value: (r) => r.meanScore },
    { header: '非常满意', kind: 'count', value: (r) => r.distribution['5'] },
    { header: '满意', kind: 'count', value: (r) => r.distribution['4'] },
    { header: '基本满意', kind: 'count', value: (r) => r.distribution['3'] },
    { header: '不满意', kind: 'count', value: (r) => r.distribution['2'] },
    { header: '非常不满意', kind: 'count', value: (r) => r.distribution['1'] },
  ];
}

/** What each figure means; the same text is in the OpenAPI schema and on the XLSX's 说明 sheet. */
export const STATS_DEFINITIONS: [string, string][] = [
  ['统计对象', '所选日期（大厅时区，含首尾）内取号的号票；各项数字均由号票流转日志 ticket_events 计算。'],
  [
    '分组',
    '按事项、窗口、工作人员或取号时段（取号时刻所在小时，大厅时区）；事件计入发生时号票所属事项、所在窗口和操作人员，转移计入转出事项。',
  ],
  ['取号数', '取号事件数；取号时尚无窗口和工作人员，按窗口、工作人员分组时为空，只计入合计。'],
  ['叫号数', '叫号事件数（不含重呼）；过号重排或转移后再次叫号另计一次。'],
  ['过号率', '过号数 ÷ 叫号数。'],
  [
    '等候时间',
    '首次叫号时刻 − 取号时刻（分钟），每张号票一次，计入首次叫号的窗口和工作人员；过号重排、转移后的再次等候不计入。',
  ],
  ['办理时间', '办结时刻 − 最近一次开始办理时刻（分钟），计入办结的窗口和工作人员。'],
  [
    'P50 / P90',
    '连续百分位（PostgreSQL percentile_cont，线性插值，同 Excel PERCENTILE.INC）：n 个值排序后取第 1 + p·(n − 1) 个，位置非整数时在相邻两值间线性插值。',
  ],
  [
    '预约准时率',
    '预约号票中首次叫号不晚于预约时段开始后 10 分钟的比例（分母为该期间签到取号的全部预约号票）。',
  ],
  [
    '参评率',
    '评价数 ÷ 办结数；评价计入办结的窗口、工作人员与事项。办结后 7 天内仍可评价，故近 7 天的数字可能增加。',
  ],
  ['满意率', '（非常满意 + 满意 + 基本满意）÷ 评价数，即 5、4、3 分视为满意（全国政务服务“好差评”口径）。'],
  ['取整', '分钟保留两位小数，比率为小数（0.25 即 25%）保留四位小数；文件与接口数字相同。'],
];

// --- CSV ---------------------------------------------------------------------------------

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  // A label that starts like a formula would run as one in a spreadsheet: make it text.
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function statsCsv(report: StatsReport): string {
  const cols = statsColumns(report.groupBy);
  const lines = [cols.map((c) => csvField(c.header)).join(',')];
  for (const row of [...report.rows, report.total])
    lines.push(cols.map((c) => csvField(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// --- XLSX --------------------------------------------------------------------------------

const NUM_FMT: Record<Kind, string | undefined> = {
  text: undefined,
  count: '0',
  minutes: '0.00',
  rate: '0.00%',
  score: '0.00',
};

export async function statsXlsx(report: StatsReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hallq';
  const ws = wb.addWorksheet('统计', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const cols = statsColumns(report.groupBy);
  ws.columns = cols.map((c) => ({
    header: c.header,
    width: c.kind === 'text' ? 22 : Math.max(10, c.header.length * 2 + 2),
    ...(NUM_FMT[c.kind] ? { style: { numFmt: NUM_FMT[c.kind]! } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of [...report.rows, report.total]) ws.addRow(cols.map((c) => c.value(row)));
  ws.getRow(ws.rowCount).font = { bold: true };

  const about = wb.addWorksheet('说明');
  about.columns = [
    { header: '项目', width: 14 },
    { header: '说明', width: 100 },
  ];
  about.addRow(['大厅', report.hallName]);
  about.addRow(['日期', `${report.from} 至 ${report.to}（${report.timezone}）`]);
  about.addRow(['分组', GROUP_HEADER[report.groupBy]]);
  for (const [k, v] of STATS_DEFINITIONS) about.addRow([k, v]);
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
