import type { Strings } from '../ui/i18n.ts';

export const strings: Strings<
  | 'appTitle'
  | 'signInTitle'
  | 'username'
  | 'password'
  | 'signIn'
  | 'signingIn'
  | 'badLogin'
  | 'signOut'
  | 'pickTitle'
  | 'pickLead'
  | 'statusClosed'
  | 'statusOpen'
  | 'statusPaused'
  | 'openCounter'
  | 'takenBy'
  | 'noCounters'
  | 'current'
  | 'noCurrent'
  | 'calledFor'
  | 'servingFor'
  | 'callCount'
  | 'ticketCalled'
  | 'ticketServing'
  | 'callNext'
  | 'recall'
  | 'start'
  | 'finish'
  | 'noShow'
  | 'requeue'
  | 'requeueWhich'
  | 'transfer'
  | 'pause'
  | 'resume'
  | 'close'
  | 'queueTitle'
  | 'queueEmpty'
  | 'waited'
  | 'callThis'
  | 'green'
  | 'appointment'
  | 'transferred'
  | 'reservedHere'
  | 'nobodyWaiting'
  | 'noCurrentTicket'
  | 'noNoShow'
  | 'transferTitle'
  | 'toMatter'
  | 'toCounter'
  | 'currentMatter'
  | 'cancel'
  | 'closeTitle'
  | 'closeConfirm'
  | 'pausedNote'
  | 'done'
  | 'shortcutsHint'
> = {
  zh: {
    appTitle: '窗口工作台',
    signInTitle: '工作人员登录',
    username: '用户名',
    password: '密码',
    signIn: '登录',
    signingIn: '正在登录…',
    badLogin: '用户名或密码不正确',
    signOut: '退出登录',
    pickTitle: '请选择您今天的窗口',
    pickLead: '点击一个空闲窗口即可开始接待',
    statusClosed: '关闭',
    statusOpen: '开放',
    statusPaused: '暂停',
    openCounter: '在此窗口开始接待',
    takenBy: '{name} 在岗',
    noCounters: '本大厅还没有窗口，请联系管理员',
    current: '当前号码',
    noCurrent: '当前没有号码。按 F1 或空格键呼叫下一位。',
    calledFor: '已呼叫 {time}',
    servingFor: '办理用时 {time}',
    callCount: '第 {n} 次呼叫',
    ticketCalled: '已呼叫，等候到窗',
    ticketServing: '办理中',
    callNext: '呼叫下一位',
    recall: '重呼',
    start: '开始办理',
    finish: '办理完成',
    noShow: '过号',
    requeue: '过号重排',
    requeueWhich: '重排 {number}',
    transfer: '转移',
    pause: '暂停',
    resume: '恢复',
    close: '关闭窗口',
    queueTitle: '本窗口可办的等候号码（按叫号顺序）',
    queueEmpty: '目前没有等候的号码',
    waited: '已等 {n} 分钟',
    callThis: '特呼',
    green: '绿色通道',
    appointment: '预约',
    transferred: '转入',
    reservedHere: '指定本窗口',
    nobodyWaiting: '目前没有可叫的号码',
    noCurrentTicket: '当前没有号码',
    noNoShow: '没有可重排的过号号码',
    transferTitle: '转移 {number}',
    toMatter: '转到其他事项（重新排队）',
    toCounter: '转到指定窗口',
    currentMatter: '当前事项',
    cancel: '取消',
    closeTitle: '关闭 {name}？',
    closeConfirm: '确定关闭',
    pausedNote: '窗口已暂停，不会有新的号码呼叫到这里。',
    done: '已完成：{number}',
    shortcutsHint: '快捷键见按钮右上角',
  },
  en: {
    appTitle: 'Counter console',
    signInTitle: 'Staff sign-in',
    username: 'User name',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    badLogin: 'Wrong user name or password',
    signOut: 'Sign out',
    pickTitle: 'Choose your counter for today',
    pickLead: 'Touch a free counter to start serving',
    statusClosed: 'Closed',
    statusOpen: 'Open',
    statusPaused: 'Paused',
    openCounter: 'Serve at this counter',
    takenBy: '{name} is here',
    noCounters: 'This hall has no counters yet; ask the manager',
    current: 'Current ticket',
    noCurrent: 'No current ticket. Press F1 or Space to call the next one.',
    calledFor: 'Called {time} ago',
    servingFor: 'Serving for {time}',
    callCount: 'Call {n}',
    ticketCalled: 'Called, on the way',
    ticketServing: 'Being served',
    callNext: 'Call next',
    recall: 'Recall',
    start: 'Start',
    finish: 'Finish',
    noShow: 'No-show',
    requeue: 'Requeue',
    requeueWhich: 'Requeue {number}',
    transfer: 'Transfer',
    pause: 'Pause',
    resume: 'Resume',
    close: 'Close counter',
    queueTitle: 'Waiting tickets for this counter (in call order)',
    queueEmpty: 'Nobody is waiting',
    waited: 'waited {n} min',
    callThis: 'Call',
    green: 'Green channel',
    appointment: 'Booking',
    transferred: 'Transferred',
    reservedHere: 'For this counter',
    nobodyWaiting: 'Nobody is waiting for this counter',
    noCurrentTicket: 'There is no current ticket',
    noNoShow: 'No no-show ticket to requeue',
    transferTitle: 'Transfer {number}',
    toMatter: 'To another matter (back in the queue)',
    toCounter: 'To a named counter',
    currentMatter: 'current matter',
    cancel: 'Cancel',
    closeTitle: 'Close {name}?',
    closeConfirm: 'Close it',
    pausedNote: 'The counter is paused: no ticket is called here.',
    done: 'Finished: {number}',
    shortcutsHint: 'Keyboard shortcuts are shown on the buttons',
  },
};
