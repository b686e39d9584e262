import type { Strings } from '../ui/i18n.ts';

export const strings: Strings<
  | 'title'
  | 'subtitle'
  | 'waiting'
  | 'estimate'
  | 'closedBookingOnly'
  | 'closedAfterLastIssue'
  | 'closedAfterLastIssueAt'
  | 'closedQuota'
  | 'noMatters'
  | 'help'
  | 'materialsTitle'
  | 'materialsLead'
  | 'noMaterials'
  | 'queueNow'
  | 'confirm'
  | 'issuing'
  | 'back'
  | 'retrying'
  | 'gaveUp'
  | 'ticketTitle'
  | 'ticketNumber'
  | 'ahead'
  | 'aheadNone'
  | 'estimatedWait'
  | 'issuedAt'
  | 'scan'
  | 'printing'
  | 'listen'
  | 'done'
  | 'autoHome'
  | 'printTitle'
  | 'printKeep'
  | 'printExpire'
  | 'elderMode'
> = {
  zh: {
    title: '请选择要办理的事项',
    subtitle: '点击下方事项取号，取号后请留意大屏幕和语音叫号',
    waiting: '等候 {n} 人',
    estimate: '预计等候 {wait}',
    closedBookingOnly: '仅限预约办理，请用手机预约',
    closedAfterLastIssue: '今日现场取号已结束',
    closedAfterLastIssueAt: '今日现场取号已于 {time} 截止',
    closedQuota: '今日号已发完，请改日或预约办理',
    noMatters: '暂无可办理的事项，请咨询工作人员',
    help: '需要帮助？请到咨询台找工作人员',
    materialsTitle: '一次性告知：请确认材料已带齐',
    materialsLead: '办理「{matter}」需要以下材料：',
    noMaterials: '本事项无需准备材料。',
    queueNow: '现在等候 {n} 人，预计等候 {wait}',
    confirm: '材料已带齐，取号',
    issuing: '正在取号，请稍候…',
    back: '返回',
    retrying: '网络暂时中断，正在自动重试取号，请勿离开（不会重复出号）',
    gaveUp: '取号没有完成，请找工作人员帮助',
    ticketTitle: '取号成功，请取走凭条',
    ticketNumber: '您的号码',
    ahead: '您前面还有 {n} 人',
    aheadNone: '您前面没有人，请留意叫号',
    estimatedWait: '预计等候 {wait}',
    issuedAt: '取号时间 {time}',
    scan: '手机扫码，随时查看排队进度',
    printing: '凭条正在打印',
    listen: '请在大厅等候，留意大屏幕和语音叫号',
    done: '完成',
    autoHome: '无操作 60 秒后自动返回首页',
    printTitle: '排队凭条',
    printKeep: '请保管好凭条，过号请到窗口说明',
    printExpire: '当日有效',
    elderMode: '长者模式（大字 · 语音引导）',
  },
  en: {
    title: 'Choose what you need to do',
    subtitle: 'Touch a matter to take a ticket, then watch the screen and listen for your number',
    waiting: '{n} waiting',
    estimate: 'Wait {wait}',
    closedBookingOnly: 'By appointment only: book on your phone',
    closedAfterLastIssue: 'No more walk-in tickets today',
    closedAfterLastIssueAt: 'Walk-in tickets ended at {time} today',
    closedQuota: 'All of today’s tickets are taken; come another day or book',
    noMatters: 'Nothing can be done here right now; please ask the staff',
    help: 'Need help? Ask the staff at the help desk',
    materialsTitle: 'Please check you have everything with you',
    materialsLead: 'For “{matter}” you need:',
    noMaterials: 'Nothing needs to be brought for this matter.',
    queueNow: '{n} waiting now; the wait is {wait}',
    confirm: 'I have everything: take a ticket',
    issuing: 'Taking your ticket…',
    back: 'Back',
    retrying:
      'The network is down for a moment; retrying by itself, please stay (you will get one ticket only)',
    gaveUp: 'The ticket could not be issued; please ask the staff for help',
    ticketTitle: 'Here is your ticket; please take the printout',
    ticketNumber: 'Your number',
    ahead: '{n} ahead of you',
    aheadNone: 'Nobody is ahead of you; listen for your number',
    estimatedWait: 'Estimated wait {wait}',
    issuedAt: 'Taken at {time}',
    scan: 'Scan to follow your place in the queue',
    printing: 'Your ticket is printing',
    listen: 'Please wait in the hall; watch the screen and listen for your number',
    done: 'Done',
    autoHome: 'Returns to the start after 60 s without a touch',
    printTitle: 'Queue ticket',
    printKeep: 'Keep this ticket; if you miss your call, tell the counter',
    printExpire: 'Valid today only',
    elderMode: 'Elder mode (large text, read aloud)',
  },
};
