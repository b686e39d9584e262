import type { Strings } from '../../ui/i18n.ts';

export const strings: Strings<
  | 'calling'
  | 'serving'
  | 'idle'
  | 'paused'
  | 'pausedUntil'
  | 'closed'
  | 'matters'
  | 'staffNumber'
  | 'priority'
> = {
  zh: {
    calling: '请 {number} 号',
    serving: '正在办理 {number} 号',
    idle: '空闲',
    paused: '暂停服务',
    pausedUntil: '预计 {time} 恢复',
    closed: '本窗口未开放',
    matters: '办理事项',
    staffNumber: '工号 {n}',
    priority: '优先',
  },
  en: {
    calling: 'Number {number}, please',
    serving: 'Now serving {number}',
    idle: 'Free',
    paused: 'Service paused',
    pausedUntil: 'Back at {time}',
    closed: 'Counter closed',
    matters: 'Matters',
    staffNumber: 'Staff No. {n}',
    priority: 'Priority',
  },
};
