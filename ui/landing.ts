// The landing page at /: one set of links per hall to the screens a device can be set up as.
import type { Hall } from './types.ts';

/** Screens that take `?hall=`; a later screen adds itself here. */
const SCREENS = [
  { path: '/kiosk/', zh: '自助取号机', en: 'Ticket kiosk', perHall: true },
  { path: '/display/', zh: '大厅叫号屏', en: 'Wall display', perHall: true },
  { path: '/counter/', zh: '窗口工作台', en: 'Counter console', perHall: false },
  { path: '/resident/book', zh: '手机预约', en: 'Book on a phone', perHall: true },
  { path: '/resident/results/', zh: '好差评结果公开', en: 'Service ratings, published', perHall: true },
];

function link(href: string, zh: string, en: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.append(zh, Object.assign(document.createElement('small'), { textContent: en }));
  return a;
}

async function main(): Promise<void> {
  const box = document.getElementById('halls')!;
  const halls = (await fetch('/api/v1/halls').then((r) => r.json())) as Hall[];
  for (const hall of halls) {
    const section = document.createElement('section');
    section.className = 'hall';
    const h2 = document.createElement('h2');
    h2.textContent = hall.name;
    const list = document.createElement('div');
    list.className = 'screens';
    for (const s of SCREENS) {
      const href = s.perHall ? `${s.path}?hall=${encodeURIComponent(hall.id)}` : s.path;
      list.append(link(href, s.zh, s.en));
    }
    section.append(h2, list);
    box.append(section);
  }
}

main().catch(() => {
  document.getElementById('halls')!.textContent = '无法连接服务器 · Cannot reach the server';
});
