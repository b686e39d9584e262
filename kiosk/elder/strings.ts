import type { Strings } from '../../ui/i18n.ts';

/** Elder mode's own words (the entry button's are in kiosk/strings.ts, loaded with the page). */
export const elderStrings: Strings<
  'help' | 'helpSent' | 'helpSending' | 'helpFailed' | 'exit' | 'on' | 'choices' | 'spokenHelpSent'
> = {
  zh: {
    help: '请工作人员协助',
    helpSent: '已通知工作人员，请在这里稍候',
    helpSending: '正在通知工作人员…',
    helpFailed: '没能通知到工作人员，请到咨询台',
    exit: '退出长者模式',
    on: '长者模式已开启，字更大，每页事项更少，会为您读出每一步。',
    choices: '可以选择：',
    spokenHelpSent: '已通知工作人员，请在这里稍候，工作人员马上就到。',
  },
  en: {
    help: 'Ask staff for help',
    helpSent: 'The staff have been told; please wait here',
    helpSending: 'Telling the staff…',
    helpFailed: 'The staff could not be told; please go to the help desk',
    exit: 'Leave elder mode',
    on: 'Elder mode is on: larger text, fewer matters a page, and each step read aloud.',
    choices: 'You can choose: ',
    spokenHelpSent: 'The staff have been told; please wait here, someone is on the way.',
  },
};
