// A plan for people: its steps as a table, each conflict with the fixes on
// offer (and the flag that picks each), what is left out and why, the bytes it
// frees, and the docker commands that would do the same.

import type { FixChoice, Plan, PlanStep, RiskFlag } from '../../../src-shared/plan';
import { shortId } from '../../inventory/ids';
import { table } from './table';
import { formatBytes } from './units';

/** The command-line flag that picks a fix; the cautious defaults need none. */
export const flagForChoice: Partial<Record<FixChoice, string>> = {
  'stop-and-remove-containers': '--stop-running',
  'remove-containers': '--remove-containers',
  'force-delete': '--force-delete',
  'all-tags': '--all-tags',
  'remove-children': '--with-children',
};

export const actionWords: Record<PlanStep['action'], string> = {
  'stop-container': 'stop container',
  'remove-container': 'remove container',
  'remove-volume': 'remove volume',
  untag: 'untag',
  'remove-image': 'remove image',
  'remove-child-image': 'remove child image',
};

/** Why an image may be gone for good: certainly made here, or the engine cannot say. */
export function pullBackWords(risk: Extract<RiskFlag, { kind: 'not-pullable' }>): string {
  switch (risk.evidence) {
    case 'localhost-name':
      return 'cannot be pulled back (named localhost/: built or loaded here)';
    case 'containerd-store-no-source':
      return "may not be pullable: Docker's containerd image store records no source";
    case 'podman-no-source':
      return 'may not be pullable: Podman records no source';
    case 'engine-unknown':
      return 'may not be pullable: the engine was not identified';
    case 'no-repo-digest':
    default:
      // Plans saved before the evidence was recorded say only 'not-pullable': the old meaning.
      return 'cannot be pulled back (no registry digest: built or loaded here)';
  }
}

function riskWords(risk: RiskFlag): string {
  switch (risk.kind) {
    case 'running-container':
      return 'running';
    case 'anonymous-volumes':
      return `keeps anonymous volumes ${risk.volumes.map(shortId).join(', ')}`;
    case 'writable-layer':
      return `loses ${formatBytes(risk.bytes)} written in the container`;
    case 'not-pullable':
      return pullBackWords(risk);
    case 'compose-project':
      return `compose project ${risk.project}`;
    case 'leaves-containers-without-image':
      return `leaves ${risk.containers.join(', ')} without an image`;
    case 'removes-volume':
      return `deletes volume ${risk.volume}`;
  }
}

function stepsTable(plan: Plan): string {
  if (plan.steps.length === 0) return 'Nothing to do.\n';
  const rows = plan.steps.map((s) => [
    s.id,
    actionWords[s.action] + (s.force ? ' (force)' : ''),
    s.label,
    s.reason,
    s.bytes > 0 ? formatBytes(s.bytes) : '',
    s.risks.map(riskWords).join('; '),
  ]);
  return table(['STEP', 'ACTION', 'TARGET', 'WHY', 'FREES', 'TAKE NOTE'], rows);
}

/** The untagged parents the engine deletes with a step's image, so nothing goes unseen. */
function parentsText(plan: Plan): string {
  const lines = plan.steps.flatMap((s) =>
    s.alsoRemoves?.length
      ? [
          `  ${s.id} ${s.label}: ${s.alsoRemoves
            .map((p) => `<none> ${shortId(p.id)}${p.bytes > 0 ? ` (${formatBytes(p.bytes)})` : ''}`)
            .join(', ')}`,
        ]
      : [],
  );
  if (lines.length === 0) return '';
  return `\nUntagged parent images (build steps) the engine deletes with them, counted in FREES:\n${lines.join('\n')}\n`;
}

/** Which clock "older than" read, in words, and where that differs from the engine's own prune. */
export function untilBasisWords(plan: Plan): string | null {
  if (plan.intent.type !== 'prune-images' || !plan.intent.until || !plan.untilBasis) return null;
  if (plan.untilBasis === 'arrival') {
    return `Older than ${plan.intent.until}: by when each image arrived on this engine (built, pulled, loaded or tagged here), the clock docker image prune --filter until reads on the containerd image store.`;
  }
  const differs =
    plan.engine.store === 'containerd'
      ? " This differs from docker image prune --filter until on this engine's containerd image store, which reads when each image arrived."
      : '';
  return `Older than ${plan.intent.until}: by each image's build date (CREATED in docker images).${differs}`;
}

function decisionsText(plan: Plan): string {
  if (plan.decisions.length === 0) return '';
  const blocks = plan.decisions.map((d) => {
    const lines = [`${d.imageLabel}: ${d.conflict.replace(/-/g, ' ')}`, `  ${d.explanation}`];
    if (d.engineMessage) lines.push(`  The engine would say: ${d.engineMessage}`);
    for (const option of d.options) {
      const mark = option.choice === d.chosen ? '*' : ' ';
      const flag = flagForChoice[option.choice];
      lines.push(`  ${mark} ${option.label}${flag ? ` [${flag}]` : ''}: ${option.consequence}`);
    }
    return lines.join('\n');
  });
  return `\nConflicts (* = chosen):\n${blocks.join('\n')}\n`;
}

function skippedText(plan: Plan): string {
  if (plan.skipped.length === 0) return '';
  const rows = plan.skipped.map((s) => [s.label, s.conflict.replace(/-/g, ' '), s.reason]);
  return `\nLeft out:\n${table(['TARGET', 'BECAUSE', 'DETAILS'], rows)}`;
}

export function renderPlan(plan: Plan, savedTo?: string): string {
  const head = `Plan ${plan.id} for ${plan.engine.kind} ${plan.engine.version} at ${plan.engine.host}\n\n`;
  const about = plan.exact ? '' : ` (about: ${plan.inexactReasons.join('; ')})`;
  const frees = `\nFrees ${formatBytes(plan.bytesFreed)}${about}.\n`;
  const commands = plan.commands.length
    ? `\nThe same with the docker CLI:\n${plan.commands.map((c) => `  ${c}`).join('\n')}\n`
    : '';
  const saved = savedTo ? `\nSaved to ${savedTo}. Run it with: barnacle apply ${savedTo}\n` : '';
  const clock = untilBasisWords(plan);
  return (
    head +
    (clock ? `${clock}\n\n` : '') +
    stepsTable(plan) +
    parentsText(plan) +
    decisionsText(plan) +
    skippedText(plan) +
    frees +
    commands +
    saved
  );
}
