// The console's words for the staffing advisor (排班建议).
import type { Strings } from '../ui/i18n.ts';

const zh = {
  intro:
    '根据本大厅近期的取号与办理记录，模拟下周的排班：每小时开几个窗口能达到目标，以及每个窗口办理哪些事项。所有数字均为同一模拟、同一批到访下的结果。',
  targetShare: '目标比例（%）',
  targetMinutes: '等候不超过（分钟）',
  maxMatters: '每个窗口最多事项数',
  historyDays: '参考历史（天）',
  compute: '生成建议',
  computing: '正在模拟…',
  basedOn: '依据 {from} 至 {to} 的 {days} 个工作日、{tickets} 张号',
  hoursTitle: '（一）每小时开放窗口',
  hour: '时段',
  arrivals: '预计到访/小时',
  todayCounters: '现在',
  proposedCounters: '建议',
  todayWithin: '现在：按时叫号比例',
  proposedWithin: '建议：按时叫号比例',
  counterHours: '窗口·小时：现在 {today}，建议 {proposed}',
  skillsTitle: '（二）窗口办理事项',
  counter: '窗口',
  todayMatters: '现在',
  proposedMatters: '建议',
  config: '配置',
  meanWait: '平均等候（分钟）',
  p90Wait: '90% 等候不超过（分钟）',
  within: '按时叫号比例',
  today: '现在的配置',
  proposed: '建议的配置',
  pooled: '参照：所有窗口办理所有事项（先到先办）',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  intro:
    'From this hall’s recent tickets, next week simulated: how many counters to open each hour to meet the target, and which matters each counter should serve. Every figure comes from the same simulation on the same arrivals.',
  targetShare: 'Target share (%)',
  targetMinutes: 'Called within (minutes)',
  maxMatters: 'Matters per counter at most',
  historyDays: 'History (days)',
  compute: 'Propose',
  computing: 'Simulating…',
  basedOn: 'From {days} working days, {from} to {to}, {tickets} tickets',
  hoursTitle: '(a) Counters to open each hour',
  hour: 'Hour',
  arrivals: 'Expected arrivals/hour',
  todayCounters: 'Today',
  proposedCounters: 'Proposed',
  todayWithin: 'Today: called in time',
  proposedWithin: 'Proposed: called in time',
  counterHours: 'Counter-hours: today {today}, proposed {proposed}',
  skillsTitle: '(b) Matters per counter',
  counter: 'Counter',
  todayMatters: 'Today',
  proposedMatters: 'Proposed',
  config: 'Configuration',
  meanWait: 'Mean wait (min)',
  p90Wait: '90 % wait at most (min)',
  within: 'Called in time',
  today: 'Today’s configuration',
  proposed: 'Proposed configuration',
  pooled: 'Reference: every counter serves every matter (first come, first served)',
};

export const strings: Strings<Key> = { zh, en };
