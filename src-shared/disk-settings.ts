// Whether Barnacle may measure the storage of an engine that is not on this
// machine with a short-lived helper container (src-main/disk/helper-container.ts),
// and which image it runs. Off by default: the person allows it in Settings (or
// `barnacle df --helper` for one run). Main keeps these (a container on their
// engine is main's decision, not the renderer's); the image is checked with the
// same grammar as any image reference a person types.

import { imageRefRule, inputProblem } from './input-grammar';

export interface DiskSettings {
  /** Allow the helper container where the data root is not on this machine. */
  measureWithHelper: boolean;
  /** An image already on the engine, with busybox at /bin/busybox; never pulled. */
  helperImage: string;
}

export const DEFAULT_DISK_SETTINGS: Readonly<DiskSettings> = {
  measureWithHelper: false,
  helperImage: 'busybox:latest',
};

/** What is usable of stored settings, field by field: anything else is the default. */
export function diskSettingsOf(raw: unknown): DiskSettings {
  const stored = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const image = stored.helperImage;
  return {
    measureWithHelper:
      typeof stored.measureWithHelper === 'boolean'
        ? stored.measureWithHelper
        : DEFAULT_DISK_SETTINGS.measureWithHelper,
    helperImage:
      typeof image === 'string' && inputProblem(imageRefRule, image) === null
        ? image
        : DEFAULT_DISK_SETTINGS.helperImage,
  };
}
