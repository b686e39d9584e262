// The console's words for the paired devices (设备): kiosks, wall displays, counter screens.
import type { Strings } from '../ui/i18n.ts';

const zh = {
  devicesTitle: '设备',
  devicesIntro:
    '为自助取号机、叫号大屏和窗口屏配对：配对后设备用自己的凭证联网；只有已配对的自助取号机可以凭证件号签到。',
  deviceKind: '设备类型',
  kind_kiosk: '自助取号机',
  kind_display: '叫号大屏',
  kind_counter_screen: '窗口屏',
  deviceName: '设备名称',
  deviceNameHint: '例如 一号取号机',
  deviceCounter: '窗口',
  pickCounter: '请选择窗口',
  pairDevice: '配对',
  deviceLinkOnce: '请在该设备上打开此链接完成配对。链接只显示这一次，请勿外传：',
  deviceLink: '设备链接',
  copyLink: '复制链接',
  copied: '已复制',
  copyFailed: '未能复制，请手动选中链接复制',
  deviceQr: '设备链接的二维码',
  devicePairedAt: '配对时间',
  noDevices: '还没有已配对的设备。',
  unpairDevice: '解除配对',
  unpairConfirm: '确定解除“{name}”的配对？该设备将立即无法使用原凭证。',
  unpairYes: '确定解除',
  unpairNo: '取消',
  devicePaired: '已配对“{name}”',
  deviceUnpaired: '已解除“{name}”的配对',
};
type Key = keyof typeof zh;

const en: Record<Key, string> = {
  devicesTitle: 'Devices',
  devicesIntro:
    'Pair the kiosks, wall displays and counter screens: a paired device connects with its own token, and only a paired kiosk may check residents in by ID number.',
  deviceKind: 'Kind',
  kind_kiosk: 'Kiosk',
  kind_display: 'Wall display',
  kind_counter_screen: 'Counter screen',
  deviceName: 'Name',
  deviceNameHint: 'e.g. Kiosk 1',
  deviceCounter: 'Counter',
  pickCounter: 'Choose a counter',
  pairDevice: 'Pair',
  deviceLinkOnce: 'Open this link on the device to pair it. It is shown only this once; do not share it:',
  deviceLink: 'Device link',
  copyLink: 'Copy link',
  copied: 'Copied',
  copyFailed: 'Could not copy; select the link and copy it by hand',
  deviceQr: 'QR code of the device link',
  devicePairedAt: 'Paired at',
  noDevices: 'No device is paired yet.',
  unpairDevice: 'Unpair',
  unpairConfirm: 'Unpair “{name}”? Its token stops working at once.',
  unpairYes: 'Unpair',
  unpairNo: 'Cancel',
  devicePaired: 'Paired “{name}”',
  deviceUnpaired: 'Unpaired “{name}”',
};

export const strings: Strings<Key> = { zh, en };
