import type { Strings } from '../ui/i18n.ts';

// The wall display shows Chinese with English beneath (one screen for everyone in the hall);
// `?lang=en` puts English first.
export const strings: Strings<
  | 'nowCalling'
  | 'goTo'
  | 'recent'
  | 'counters'
  | 'waiting'
  | 'matter'
  | 'waitingCount'
  | 'estimatedWait'
  | 'free'
  | 'paused'
  | 'noCalls'
  | 'startSound'
  | 'soundOn'
  | 'recall'
  | 'noOpenCounters'
  | 'results'
  | 'ratingsCount'
  | 'satisfaction'
  | 'poor'
  | 'rectifiedOnTime'
> = {
  zh: {
    nowCalling: '正在叫号',
    goTo: '请 {number} 号到 {counter}办理',
    recent: '最近叫号',
    counters: '窗口',
    waiting: '等候情况',
    matter: '事项',
    waitingCount: '等候人数',
    estimatedWait: '预计等候',
    free: '空闲',
    paused: '暂停',
    noCalls: '请留意叫号',
    startSound: '点击开启声音',
    soundOn: '语音已开启',
    recall: '重呼',
    noOpenCounters: '暂无窗口开放',
    results: '本月好差评',
    ratingsCount: '评价数',
    satisfaction: '满意率',
    poor: '差评',
    rectifiedOnTime: '按期整改',
  },
  en: {
    nowCalling: 'Now calling',
    goTo: 'Number {number}, please go to {counter}',
    recent: 'Recent calls',
    counters: 'Counters',
    waiting: 'Waiting',
    matter: 'Matter',
    waitingCount: 'Waiting',
    estimatedWait: 'Wait',
    free: 'free',
    paused: 'paused',
    noCalls: 'Please listen for your number',
    startSound: 'Start sound',
    soundOn: 'Sound on',
    recall: 'again',
    noOpenCounters: 'No counter is open yet',
    results: 'Ratings this month',
    ratingsCount: 'Ratings',
    satisfaction: 'Satisfied',
    poor: 'Poor',
    rectifiedOnTime: 'Fixed on time',
  },
};
