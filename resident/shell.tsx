import type { ComponentChildren } from 'preact';
import { LangSwitch } from '../ui/ui.tsx';

/** Every resident page: the hall's name, the language switch, then the page. */
export function Shell({
  hallName,
  testid,
  children,
}: {
  hallName: string;
  testid: string;
  children: ComponentChildren;
}) {
  return (
    <div class="r-page" data-testid={testid}>
      <header class="r-header">
        <span class="r-hall">{hallName}</span>
        <LangSwitch />
      </header>
      <main class="r-main">{children}</main>
    </div>
  );
}
