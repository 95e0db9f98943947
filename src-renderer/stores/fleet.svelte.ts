// The Fleet screen's state: the overview main puts together (its first answer,
// then main's fleetChanged event), the endpoints to choose from, and one plan
// across engines at a time: previewed (each engine's part pinned by main), run
// (only the fleet plan main made and holds), its progress per engine from the
// planProgress events (each part's plan id names its engine) and its report.

import type { BarnacleError } from '../../src-shared/errors';
import type { FleetOverview, FleetPlan, FleetRunReport } from '../../src-shared/fleet';
import type { Endpoint } from '../../src-shared/model';
import type { CleanupIntent } from '../../src-shared/plan';
import { api } from '../lib/api';

class FleetView {
  overview = $state.raw<FleetOverview | null>(null);
  endpoints = $state.raw<Endpoint[]>([]);
  error = $state.raw<BarnacleError | null>(null);
  saving = $state(false);
  /** The plan across engines being shown, from its preview to its report. */
  plan = $state.raw<FleetPlan | null>(null);
  planning = $state(false);
  running = $state(false);
  report = $state.raw<FleetRunReport | null>(null);
  planError = $state.raw<BarnacleError | null>(null);
  /** Steps done per part's plan id, from planProgress. */
  progress = $state.raw<Record<string, { done: number; total: number }>>({});
  private started = false;

  readonly currentHost = $derived(this.overview?.engines[0]?.endpoint.host ?? null);
  /** The addresses watched besides the current engine, as main reports them. */
  readonly watched = $derived(this.overview?.engines.slice(1).map((e) => e.endpoint.host) ?? []);

  start(): void {
    if (this.started) return;
    this.started = true;
    const bridge = api();
    bridge.on('fleetChanged', (overview) => {
      this.overview = overview;
    });
    bridge.on('planProgress', (p) => {
      if (!this.plan?.parts.some((part) => 'plan' in part && part.plan.id === p.planId)) return;
      this.progress = { ...this.progress, [p.planId]: { done: p.done, total: p.total } };
    });
    void this.load();
  }

  async load(): Promise<void> {
    const [overview, endpoints] = await Promise.all([api().fleet({}), api().listEndpoints({})]);
    if (overview.ok) {
      this.overview = overview.value;
      this.error = null;
    } else this.error = overview.error;
    if (endpoints.ok) this.endpoints = endpoints.value;
  }

  async setWatched(hosts: string[]): Promise<void> {
    this.saving = true;
    const result = await api().setFleet({ hosts });
    this.saving = false;
    if (result.ok) {
      this.overview = result.value;
      this.error = null;
    } else this.error = result.error;
  }

  /** Previews the intent on every watched engine: main plans each on its own connection. */
  async preview(intent: CleanupIntent): Promise<void> {
    const hosts = this.overview?.engines.map((e) => e.endpoint.host) ?? [];
    if (hosts.length === 0) return;
    this.planning = true;
    this.planError = null;
    this.report = null;
    this.progress = {};
    const result = await api().previewFleetPlan({ hosts, intent });
    this.planning = false;
    if (result.ok) this.plan = result.value;
    else this.planError = result.error;
  }

  async run(): Promise<void> {
    if (!this.plan || this.running) return;
    this.running = true;
    this.planError = null;
    const result = await api().executeFleetPlan({ fleetPlanId: this.plan.id });
    this.running = false;
    if (result.ok) this.report = result.value;
    else this.planError = result.error;
  }

  close(): void {
    if (this.running) return;
    this.plan = null;
    this.report = null;
    this.planError = null;
    this.progress = {};
  }
}

export const fleetView = new FleetView();
