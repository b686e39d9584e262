import type { Strings } from '../../ui/i18n.ts';

export const strings: Strings<
  | 'title'
  | 'lead'
  | 'device'
  | 'screen'
  | 'browser'
  | 'connection'
  | 'online'
  | 'offline'
  | 'sound'
  | 'voiceFound'
  | 'voiceMissing'
  | 'autoplayOn'
  | 'autoplayBlocked'
  | 'playSample'
  | 'sampleSounded'
  | 'sampleSilent'
  | 'print'
  | 'printLead'
  | 'printTest'
  | 'printSent'
  | 'printTitle'
  | 'printBody'
  | 'clock'
  | 'clockChecking'
  | 'clockOk'
  | 'clockAhead'
  | 'clockBehind'
  | 'clockBad'
  | 'clockFailed'
  | 'clockAgain'
> = {
  zh: {
    title: '设备自检',
    lead: '安装或检修设备时打开本页（设备说明见 docs/DEVICES.md）。检查完毕请回到设备本来的页面。',
    device: '设备',
    screen: '屏幕 {w}×{h}（缩放 {dpr}）',
    browser: '浏览器',
    connection: '与服务器的连接',
    online: '已连接，实时消息正常',
    offline: '未连接：请检查网络与服务器地址',
    sound: '声音',
    voiceFound: '已找到普通话语音：{name}（{lang}）',
    voiceMissing:
      '本设备没有普通话语音：叫号时只播放提示音并闪烁屏幕。请安装中文语音（见 docs/DEVICES.md）。',
    autoplayOn: '浏览器允许自动播放声音',
    autoplayBlocked:
      '浏览器拦截了自动播放：请按 docs/DEVICES.md 加上 --autoplay-policy=no-user-gesture-required 启动，或点击下面的按钮',
    playSample: '播放示例叫号',
    sampleSounded: '已播放：{text}',
    sampleSilent: '没有声音输出（浏览器拦截或没有音频设备）：{text}',
    print: '打印',
    printLead: '取号机请打印一张测试票：应不弹出打印对话框，直接从默认打印机出一张 80 毫米的小票。',
    printTest: '打印测试票',
    printSent: '已发送到打印机（第 {n} 张）',
    printTitle: '打印测试',
    printBody: '这是一张测试票，不是排队号。',
    clock: '时钟',
    clockChecking: '正在与服务器对时……',
    clockOk: '本机时钟与服务器相差 {s} 秒，正常',
    clockAhead: '本机时钟比服务器快 {s} 秒',
    clockBehind: '本机时钟比服务器慢 {s} 秒',
    clockBad: '（屏幕上的时间以服务器为准，但请校准本机时钟）',
    clockFailed: '无法读取服务器时间',
    clockAgain: '重新对时',
  },
  en: {
    title: 'Device self-check',
    lead: 'Open this page when installing or servicing a device (see docs/DEVICES.md). Go back to the device’s own page when done.',
    device: 'Device',
    screen: 'Screen {w}×{h} (scale {dpr})',
    browser: 'Browser',
    connection: 'Connection to the server',
    online: 'Connected, live events arriving',
    offline: 'Not connected: check the network and the server address',
    sound: 'Sound',
    voiceFound: 'Mandarin voice found: {name} ({lang})',
    voiceMissing:
      'This device has no Mandarin voice: calls play only the chime and flash the screen. Install a Chinese voice (see docs/DEVICES.md).',
    autoplayOn: 'The browser lets the page play sound on its own',
    autoplayBlocked:
      'The browser blocks sound until a click: start it with --autoplay-policy=no-user-gesture-required (docs/DEVICES.md), or press the button below',
    playSample: 'Play a sample call',
    sampleSounded: 'Played: {text}',
    sampleSilent: 'No sound went out (blocked by the browser or no audio device): {text}',
    print: 'Printing',
    printLead:
      'On a kiosk, print a test ticket: no print dialog should appear, and one 80 mm slip should come out of the default printer.',
    printTest: 'Print a test ticket',
    printSent: 'Sent to the printer (ticket {n})',
    printTitle: 'Print test',
    printBody: 'This is a test slip, not a queue ticket.',
    clock: 'Clock',
    clockChecking: 'Comparing with the server’s clock…',
    clockOk: 'This device’s clock is {s} s off the server’s: fine',
    clockAhead: 'This device’s clock is {s} s ahead of the server’s',
    clockBehind: 'This device’s clock is {s} s behind the server’s',
    clockBad: '(screens show the server’s time, but please set this device’s clock)',
    clockFailed: 'Could not read the server’s time',
    clockAgain: 'Check again',
  },
};
