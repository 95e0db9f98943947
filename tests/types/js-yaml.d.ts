// js-yaml 4 ships no types; the packaging test needs only `load`. (A local
// declaration instead of adding @types/js-yaml for one function.)
declare module 'js-yaml' {
  export function load(text: string, options?: { filename?: string }): unknown;
}
