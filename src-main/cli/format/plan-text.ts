// A plan for people: its steps as a table, each conflict with the fixes on
// offer (and the flag that picks each), what is left out and why, the bytes it
// frees, and the docker commands that would do the same. Every word comes from
// the shared catalogue, in the terminal's locale.

import { durationInWords } from '../../../src-shared/duration';
import { policyNotes } from '../../../src-shared/policy-words';
import { formatBytes } from '../../../src-shared/format';
import type { FixChoice, Plan, PlanStep, RiskFlag } from '../../../src-shared/plan';
import { shortId } from '../../../src-shared/ids';
import { intlLocaleOf, say, translate, type Locale } from '../../../src-shared/messages/translate';
import { stepReasonPhrase } from '../../../src-shared/step-reason';
import { table } from './table';

/** The command-line flag that picks a fix; the cautious defaults need none. */
export const flagForChoice: Partial<Record<FixChoice, string>> = {
  'stop-and-remove-containers': '--stop-running',
  'remove-containers': '--remove-containers',
  'force-delete': '--force-delete',
  'all-tags': '--all-tags',
  'remove-children': '--with-children',
};

export const actionWords = (locale: Locale, action: PlanStep['action']): string =>
  translate(locale, `plan.action.${action}`);

const bytesIn = (locale: Locale, n: number) => formatBytes(n, intlLocaleOf(locale));

/** Why an image may be gone for good: certainly made here, or the engine cannot say. */
export function pullBackWords(locale: Locale, risk: Extract<RiskFlag, { kind: 'not-pullable' }>): string {
  // Plans saved before the evidence was recorded say only 'not-pullable': the old meaning.
  return translate(locale, `cli.risk.not-pullable.${risk.evidence ?? 'no-repo-digest'}`);
}

function riskWords(locale: Locale, risk: RiskFlag): string {
  switch (risk.kind) {
    case 'anonymous-volumes':
      return translate(locale, 'cli.risk.anonymous-volumes', { volumes: risk.volumes.map(shortId) });
    case 'writable-layer':
      return translate(locale, 'plan.risk.writable-layer', { size: bytesIn(locale, risk.bytes) });
    case 'not-pullable':
      return pullBackWords(locale, risk);
    case 'compose-project':
      return translate(locale, 'plan.risk.compose-project', { project: risk.project });
    case 'leaves-containers-without-image':
      return translate(locale, 'cli.risk.leaves-containers-without-image', { containers: risk.containers });
    case 'removes-volume':
      return translate(locale, 'cli.risk.removes-volume', { volume: risk.volume });
    default:
      return translate(locale, `plan.risk.${risk.kind}`);
  }
}

function stepsTable(locale: Locale, plan: Plan): string {
  if (plan.steps.length === 0) return `${translate(locale, 'cli.plan.nothing')}\n`;
  const rows = plan.steps.map((s) => [
    s.id,
    actionWords(locale, s.action) + (s.force ? translate(locale, 'cli.plan.forced') : ''),
    s.label,
    say(locale, stepReasonPhrase(s, plan.intent)),
    s.bytes > 0 ? bytesIn(locale, s.bytes) : '',
    s.risks.map((r) => riskWords(locale, r)).join('; '),
  ]);
  const headers = ['step', 'action', 'target', 'why', 'frees', 'note'].map((h) =>
    translate(locale, `cli.plan.column.${h}`),
  );
  return table(headers, rows);
}

/** The untagged parents the engine deletes with a step's image, so nothing goes unseen. */
function parentsText(locale: Locale, plan: Plan): string {
  const lines = plan.steps.flatMap((s) =>
    s.alsoRemoves?.length
      ? [
          `  ${s.id} ${s.label}: ${s.alsoRemoves
            .map((p) => `<none> ${shortId(p.id)}${p.bytes > 0 ? ` (${bytesIn(locale, p.bytes)})` : ''}`)
            .join(', ')}`,
        ]
      : [],
  );
  if (lines.length === 0) return '';
  return `\n${translate(locale, 'cli.plan.parents')}\n${lines.join('\n')}\n`;
}

/** Which clock "older than" read, in words, and where that differs from the engine's own prune. */
/** A build cache plan keeping a free-space minimum: what the disk has now, and what it keeps. */
export function diskFreeWords(locale: Locale, plan: Plan): string | null {
  if (plan.intent.type !== 'prune-build-cache' || plan.intent.minFreeSpace === undefined) return null;
  if (plan.diskFree === undefined) return null;
  return translate(locale, 'plan.diskFree', {
    free: bytesIn(locale, plan.diskFree),
    want: bytesIn(locale, plan.intent.minFreeSpace),
  });
}

/** A policy's rules and what its threshold found (src-shared/policy-words.ts), one line each. */
export function policyWords(locale: Locale, plan: Plan): string | null {
  const notes = policyNotes(plan, {
    bytes: (n) => bytesIn(locale, n),
    age: (d) => durationInWords(d, intlLocaleOf(locale)),
    labels: (labels) => labels.map((l) => `“${l}”`).join(locale === 'zh' ? '、' : ', '),
  });
  return notes.length ? notes.map((n) => translate(locale, n.key, n.params)).join('\n') : null;
}

export function untilBasisWords(locale: Locale, plan: Plan): string | null {
  if (plan.intent.type !== 'prune-images' || !plan.intent.until || !plan.untilBasis) return null;
  const age = plan.intent.until;
  if (plan.untilBasis === 'arrival') return translate(locale, 'plan.until.arrival', { age });
  return translate(locale, plan.engine.store === 'containerd' ? 'plan.until.buildDiffers' : 'plan.until.build', {
    age,
  });
}

function decisionsText(locale: Locale, plan: Plan): string {
  if (plan.decisions.length === 0) return '';
  const blocks = plan.decisions.map((d) => {
    const lines = [
      `${d.imageLabel}: ${translate(locale, `plan.skipped.kind.${d.conflict}`)}`,
      `  ${say(locale, d.explanation)}`,
    ];
    // The engine's own words, verbatim: what `docker rmi` would print.
    if (d.engineMessage) lines.push(`  ${translate(locale, 'cli.plan.engineWouldSay', { message: d.engineMessage })}`);
    for (const option of d.options) {
      const mark = option.choice === d.chosen ? '*' : ' ';
      const flag = flagForChoice[option.choice];
      lines.push(
        `  ${mark} ${say(locale, option.label)}${flag ? ` [${flag}]` : ''}: ${say(locale, option.consequence)}`,
      );
    }
    return lines.join('\n');
  });
  return `\n${translate(locale, 'cli.plan.conflicts')}\n${blocks.join('\n')}\n`;
}

function skippedText(locale: Locale, plan: Plan): string {
  if (plan.skipped.length === 0) return '';
  const rows = plan.skipped.map((s) => [
    s.label,
    translate(locale, `plan.skipped.kind.${s.conflict}`),
    say(locale, s.reason),
  ]);
  const headers = ['target', 'because', 'details'].map((h) => translate(locale, `cli.plan.column.${h}`));
  return `\n${translate(locale, 'cli.plan.leftOut')}\n${table(headers, rows)}`;
}

export function renderPlan(plan: Plan, locale: Locale, savedTo?: string): string {
  const { id, engine } = plan;
  const head = `${translate(locale, 'cli.plan.head', { id, kind: engine.kind, version: engine.version, host: engine.host })}\n\n`;
  const size = bytesIn(locale, plan.bytesFreed);
  const frees = plan.exact
    ? translate(locale, 'cli.plan.frees', { size })
    : plan.bytesFreed === 0 && plan.steps.length > 0
      ? translate(locale, 'cli.plan.freesUnknown', { reasons: plan.inexactReasons })
      : translate(locale, 'cli.plan.freesAbout', { size, reasons: plan.inexactReasons });
  const commands = plan.commands.length
    ? `\n${translate(locale, 'cli.plan.commands')}\n${plan.commands.map((c) => `  ${c}`).join('\n')}\n`
    : '';
  const saved = savedTo ? `\n${translate(locale, 'cli.plan.saved', { file: savedTo })}\n` : '';
  const clock = untilBasisWords(locale, plan);
  const disk = diskFreeWords(locale, plan);
  const rules = policyWords(locale, plan);
  return (
    head +
    (rules ? `${rules}\n\n` : '') +
    (clock ? `${clock}\n\n` : '') +
    (disk ? `${disk}\n\n` : '') +
    stepsTable(locale, plan) +
    parentsText(locale, plan) +
    decisionsText(locale, plan) +
    skippedText(locale, plan) +
    `\n${frees}\n` +
    commands +
    saved
  );
}
