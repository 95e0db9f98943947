// The editor's fields and the policy they make. Numbers stay text while typed
// so an empty field means "no such rule"; whatever is typed is sent as is and
// main's schema (src-main/policies/policy-schema.ts) says what is wrong, so the
// rules live in one place.

import type { NewestBy, Policy, PolicyMode, PolicySchedule, StorageThreshold } from '../../../src-shared/policy';
import { durationOf } from '../../../src-shared/duration';

/** Sizes in the editor are decimal gigabytes, as the app prints them (src-shared/format.ts). */
const GB = 1e9;

export interface PolicyForm {
  name: string;
  enabled: boolean;
  schedule: PolicySchedule;
  mode: PolicyMode;
  unusedForDays: string;
  olderThanDays: string;
  keepNewestCount: string;
  keepNewestBy: NewestBy;
  keep: string;
  keepLabels: string;
  threshold: 'none' | StorageThreshold['measure'];
  triggerGB: string;
  targetGB: string;
}

export function emptyForm(): PolicyForm {
  return {
    name: '',
    enabled: true,
    schedule: 'weekly',
    mode: 'notify',
    unusedForDays: '',
    olderThanDays: '',
    keepNewestCount: '',
    keepNewestBy: 'created',
    keep: '',
    keepLabels: '',
    threshold: 'none',
    triggerGB: '',
    targetGB: '',
  };
}

/** The suggested first policy: weekly, not used for 30 days, the newest 3 tags of each repository kept, notify. */
export function starterForm(name: string): PolicyForm {
  return { ...emptyForm(), name, unusedForDays: '30', keepNewestCount: '3' };
}

function days(duration: string | undefined): string {
  if (!duration) return '';
  const d = durationOf(duration);
  if (!d) return duration;
  const inDays = d.unit === 'day' ? d.amount : d.unit === 'hour' ? d.amount / 24 : d.amount / 1440;
  return String(Math.round(inDays * 1000) / 1000);
}

const gb = (bytes: number): string => String(Math.round((bytes / GB) * 100) / 100);

export function formOf(policy: Policy): PolicyForm {
  const r = policy.rules;
  return {
    name: policy.name,
    enabled: policy.enabled,
    schedule: policy.schedule,
    mode: policy.mode,
    unusedForDays: days(r.unusedFor),
    olderThanDays: days(r.olderThan),
    keepNewestCount: r.keepNewest ? String(r.keepNewest.count) : '',
    keepNewestBy: r.keepNewest?.by ?? 'created',
    keep: (r.keep ?? []).join(', '),
    keepLabels: (r.keepLabels ?? []).join(', '),
    threshold: r.threshold?.measure ?? 'none',
    triggerGB: r.threshold ? gb(r.threshold.trigger) : '',
    targetGB: r.threshold ? gb(r.threshold.target) : '',
  };
}

const list = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A number typed in a field; NaN when it is not one (main refuses it and names the field). */
const typed = (text: string): number => (text.trim() === '' ? NaN : Number(text.trim()));

/** Days as the Go duration main keeps ("30" → "720h"); a negative or odd value goes as typed so main names it. */
function duration(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const n = typed(text);
  return Number.isFinite(n) && n >= 0 ? `${Math.round(n * 24)}h` : `${text.trim()}d`;
}

export function policyOf(form: PolicyForm): Policy {
  const unusedFor = duration(form.unusedForDays);
  const olderThan = duration(form.olderThanDays);
  const keep = list(form.keep);
  const keepLabels = list(form.keepLabels);
  return {
    name: form.name.trim(),
    enabled: form.enabled,
    schedule: form.schedule,
    mode: form.mode,
    rules: {
      ...(unusedFor ? { unusedFor } : {}),
      ...(olderThan ? { olderThan } : {}),
      ...(form.keepNewestCount.trim() !== ''
        ? { keepNewest: { count: typed(form.keepNewestCount), by: form.keepNewestBy } }
        : {}),
      ...(keep.length ? { keep } : {}),
      ...(keepLabels.length ? { keepLabels } : {}),
      ...(form.threshold !== 'none'
        ? {
            threshold: {
              measure: form.threshold,
              trigger: Math.round(typed(form.triggerGB) * GB),
              target: Math.round(typed(form.targetGB) * GB),
            },
          }
        : {}),
    },
  };
}

/** Which editor field a schema issue names ("policy.rules.keepNewest.count" → "keepNewest"); null for the whole policy. */
export function fieldOfIssue(path: string): string | null {
  const parts = path.split('.');
  if (parts[0] !== 'policy' || parts.length < 2) return null;
  return parts[1] === 'rules' ? (parts[2] ?? null) : (parts[1] ?? null);
}
