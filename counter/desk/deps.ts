// What the desk takes from the shared browser code, in one place.
export { common, matterName, useLang, useT } from '../../ui/i18n.ts';
export { LangSwitch } from '../../ui/ui.tsx';
