import type { Strings } from '../ui/i18n.ts';

/** Words of the console's feedback and transfer (the rest are in strings.ts). */
export const consoleStrings: Strings<
  'transferredToMatter' | 'transferredToCounter' | 'offlineHint' | 'noTransferTarget' | 'lookingUp'
> = {
  zh: {
    transferredToMatter: '{number} 已转至「{matter}」，在那里排队',
    transferredToCounter: '{number} 已转至 {counter}，由该窗口接待',
    offlineHint: '网络中断：操作暂时无法发送，连接恢复后请重新操作',
    noTransferTarget: '现在没有其他开放的窗口可以接收这个号码',
    lookingUp: '正在查询开放的窗口…',
  },
  en: {
    transferredToMatter: '{number} went to “{matter}” and waits there',
    transferredToCounter: '{number} went to {counter}, which will serve it',
    offlineHint: 'The network is down: actions cannot be sent; do them again once it is back',
    noTransferTarget: 'No other counter is open to take this ticket now',
    lookingUp: 'Looking up the open counters…',
  },
};
