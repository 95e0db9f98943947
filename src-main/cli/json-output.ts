// What the commands print with --json, as types: the commands build them, the
// text formatters read them, scripts (and the tests) parse them. Their own file,
// so that a command and its formatter do not import each other.

import type { DiskLevels } from '../../src-shared/disk-levels';
import type { ContainerSummary, DiskUsage, Endpoint, EngineInfo } from '../../src-shared/model';
import type { ExecutionReport, StepAction, StepOutcome } from '../../src-shared/plan';

/** One line of `barnacle engines --json`: the endpoint's fields, then what the ping found. */
export interface EngineReport extends Endpoint {
  current: boolean;
  /** 'connected', a health state ('not-running', 'socket-not-found', …), or 'context-error'. */
  state: string;
  engine?: EngineInfo;
  message?: string;
}

/** One container of `barnacle ps --json`. */
export interface ListedContainer extends ContainerSummary {
  /** The image as `docker ps` shows it: its tag now, else its short ID (dangling or retagged). */
  image: string;
}

/** `barnacle apply --json`: the executor's report, each step with its outcome, and where history went. */
export interface AppliedPlan extends ExecutionReport {
  steps: { id: string; action: StepAction; target: string; label: string; outcome: StepOutcome }[];
  /** The history file the run was appended to; null when that failed (a warning says why). */
  historyFile: string | null;
}

/** `barnacle df --json`: the engine's per-type figures, then the three levels of used (issue 12). */
export interface DiskReport extends DiskUsage {
  levels: DiskLevels;
}
