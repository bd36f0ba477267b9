// One module per language, loaded on demand by composite-locale.ts, so the call's chunk carries only
// the UI Library strings of the guest's language (about 20 KB gzipped each), not all of them.
export { COMPOSITE_LOCALE_ES_ES as default } from '@azure/communication-react';
