// The handler table: one plain async function per contract channel. The shell
// registers these with ipcMain; tests and the browser harness call them
// directly. Each validates its payload first, then talks to the engine, and
// answers with typed data, never a thrown exception.

import { readBuildCache } from '../inventory/read-build-cache';
import { readDiskLevels } from '../disk/disk-levels';
import { readVolumes } from '../inventory/read-volumes';
import type Docker from 'dockerode';
import type { ZodError } from 'zod';
import type { Channel, HandlerTable, ResultOf } from '../../src-shared/contract';
import { fail, ok, type BarnacleError, type Result } from '../../src-shared/errors';
import type { EngineKind } from '../../src-shared/model';
import type { BarnacleCore } from '../core/barnacle-core';
import type { EngineConnection } from '../engine/connection';
import { classifyFailure, type FailedOperation } from '../conflicts/classify';
import { resolverFromContainers } from '../conflicts/resolver';
import { readEngineFailure } from '../engine/engine-error';
import * as ops from '../operations/engine-operations';
import { schemas, type Schemas } from './schemas';
import type { z } from 'zod';
import { inBackground } from '../runtime/background';
import { refusalOf, saysOf } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';
import { say } from '../../src-shared/messages/translate';
import { listTrash, restoreFromTrash } from '../trash/trash-store';
import {
  addContext,
  ConnectionTestFailed,
  listEditableContexts,
  removeContext,
  testEngineAddress,
  testStoredContext,
} from '../engine/context-edits';
import type { ConnectionTest } from '../engine/test-connection';
import { PhraseError } from '../../src-shared/phrase-error';
import type { EngineAddress, EngineTestResult } from '../../src-shared/engine-contexts';
import type { TlsFilePaths, TlsOptionNames } from '../engine/tls-files';
import type { Phrase } from '../../src-shared/phrase';

/** How long the Overview's storage figure may walk the data root before it shows what it has. */
const DISK_WALK_BUDGET_MS = 10_000;
export function validationError(error: ZodError): BarnacleError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(payload)', message: i.message }));
  // The issues are the schema library's own words, passed as facts (like an engine's message).
  const says = phrase('request.malformed', { issues: issues.map((i) => `${i.path}: ${i.message}`).join('; ') });
  return { kind: 'validation', message: say('en', says), says, issues };
}

interface EngineContext {
  docker: Docker;
  engine: EngineKind;
  connection: EngineConnection;
}

/** A refusal about a context or its settings: typed, with its phrase, so local() answers it as such. */
class ContextRefusal extends PhraseError {
  constructor(
    says: Phrase,
    override readonly kind: BarnacleError['kind'],
  ) {
    super(says);
  }
}

/** How refusals name the Settings form's fields (the CLI names its flags instead). */
const FORM_FIELDS: TlsOptionNames = {
  ca: phrase('settings.engines.ca'),
  cert: phrase('settings.engines.cert'),
  key: phrase('settings.engines.key'),
  skip: phrase('settings.engines.skipVerify'),
};

/**
 * The CLI's refusals name its own commands ("remove it first with barnacle engines rm");
 * the form says what to do in the window instead. Other refusals pass unchanged.
 */
const IN_THE_WINDOW: Record<string, string> = {
  'contexts.exists': 'settings.engines.exists',
  'contexts.notFound': 'settings.engines.notFound',
};
async function inFormWords<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof PhraseError)) throw err;
    const key = IN_THE_WINDOW[err.says.key];
    throw key ? new PhraseError(phrase(key, err.says.params)) : err;
  }
}

function tlsPaths(address: EngineAddress): TlsFilePaths {
  const tls: TlsFilePaths = {};
  if (address.caPath !== undefined) tls.caPath = address.caPath;
  if (address.certPath !== undefined) tls.certPath = address.certPath;
  if (address.keyPath !== undefined) tls.keyPath = address.keyPath;
  return tls;
}

/** Context edits' own refusals as typed data: a failed test writes nothing and says what to do in the form's words. */
/** What a test found, as it crosses IPC. */
function testResult(found: ConnectionTest): EngineTestResult {
  return {
    state: found.state,
    ...(found.engine ? { engine: found.engine } : {}),
    ...(found.message !== undefined ? { message: found.message } : {}),
    ...(found.says ? { says: found.says } : {}),
  };
}

function contextRefusal(err: unknown): unknown {
  if (err instanceof ConnectionTestFailed) {
    return new ContextRefusal(
      phrase('settings.engines.testFailed', { host: err.host, name: err.context, problem: err.problem }),
      'engine-unreachable',
    );
  }
  if (err instanceof PhraseError && !err.kind) return new ContextRefusal(err.says, 'validation');
  return err;
}

export function createHandlers(core: BarnacleCore): HandlerTable {
  /** Validate, then run with the live engine; engine failures come back classified. */
  function withEngine<C extends Channel>(
    channel: C,
    operation: FailedOperation,
    run: (args: z.infer<Schemas[C]>, engine: EngineContext) => Promise<ResultOf<C>>,
  ) {
    return async (raw: unknown): Promise<Result<ResultOf<C>>> => {
      const parsed = schemas[channel].safeParse(raw);
      if (!parsed.success) return fail(validationError(parsed.error));
      const connection = core.session.current();
      if (!connection) {
        const health = core.session.health;
        // The health's own words when it is down (its phrase, if main has one); else "not connected yet".
        if ('message' in health) {
          return fail({
            kind: 'engine-unreachable',
            message: health.message,
            ...(health.says ? { says: health.says } : {}),
          });
        }
        const says = phrase('request.notConnected');
        return fail({ kind: 'engine-unreachable', message: say('en', says), says });
      }
      try {
        return ok(
          await run(parsed.data as z.infer<Schemas[C]>, {
            docker: connection.docker,
            engine: connection.engine.kind,
            connection,
          }),
        );
      } catch (err) {
        const refused = refusalOf(err);
        if (refused) return fail(refused);
        const failure = readEngineFailure(err);
        const classify = () =>
          classifyFailure(failure, {
            operation,
            engine: connection.engine.kind,
            resolve: resolverFromContainers(core.inventory.snapshot?.containers ?? []),
          });
        let error = classify();
        // A container made since the last refresh: read the lists again so the message can name it.
        if (error.containers?.some((c) => c.name === null)) {
          await core.inventory.refresh().catch(() => undefined);
          error = classify();
        }
        if (error.kind === 'engine-unreachable') core.session.lost();
        return fail(error);
      }
    };
  }

  /** Validate, then answer from main's own state (no engine call). */
  function local<C extends Channel>(channel: C, run: (args: z.infer<Schemas[C]>) => Promise<ResultOf<C>>) {
    return async (raw: unknown): Promise<Result<ResultOf<C>>> => {
      const parsed = schemas[channel].safeParse(raw);
      if (!parsed.success) return fail(validationError(parsed.error));
      try {
        return ok(await run(parsed.data as z.infer<Schemas[C]>));
      } catch (err) {
        // Main's own state can fail too (history file unreadable, disk full): still an answer, not a throw.
        return fail(refusalOf(err) ?? { kind: 'unknown', ...saysOf(err) });
      }
    };
  }

  /** Validate, then edit or read the docker config folder's contexts; refused when this core has none. */
  function withContexts<C extends Channel>(
    channel: C,
    run: (args: z.infer<Schemas[C]>, configDir: string) => Promise<ResultOf<C>>,
  ) {
    return local(channel, async (args) => {
      const configDir = core.dockerConfigDir;
      if (configDir === null) throw new ContextRefusal(phrase('settings.engines.noConfigDir'), 'validation');
      try {
        return await run(args, configDir);
      } catch (err) {
        throw contextRefusal(err);
      }
    });
  }

  return {
    inventory: withEngine('inventory', 'list', async (args) => {
      // Engine events keep it current; a full read when asked, or when nothing does.
      const snapshot = await (args.refresh ? core.inventory.refresh() : core.inventory.current());
      inBackground(core.inventory.refreshDiskUsage(), 'reading disk usage');
      return snapshot;
    }),
    diskUsage: withEngine('diskUsage', 'list', async (args) =>
      args.refresh || !core.inventory.diskUsage ? core.inventory.refreshDiskUsage() : core.inventory.diskUsage,
    ),
    diskLevels: withEngine('diskLevels', 'list', async (_args, { docker, connection }) => {
      const usage = core.inventory.diskUsage ?? (await core.inventory.refreshDiskUsage());
      const settings = core.diskSettings.get();
      return readDiskLevels(
        { host: connection.endpoint.host, engine: connection.engine, info: () => docker.info() },
        usage,
        core.vmDiskSearch,
        {
          budgetMs: DISK_WALK_BUDGET_MS,
          ...(core.hostName !== undefined ? { hostName: core.hostName } : {}),
          // Only where the person allowed it in Settings; off by default.
          helper: settings.measureWithHelper ? { docker, image: settings.helperImage } : null,
        },
      );
    }),
    diskSettings: local('diskSettings', async () => core.diskSettings.get()),
    setDiskSettings: local('setDiskSettings', async (args) => core.diskSettings.update(args)),
    volumes: withEngine('volumes', 'list', async (args, { docker, connection }) => {
      // Who mounts what comes from the containers main already follows.
      const { containers } = await core.inventory.current();
      return readVolumes(docker, connection.engine, containers, { sizes: args.sizes ?? false });
    }),
    imageLayers: withEngine('imageLayers', 'list', (args) => core.inventory.layersOf(args.id)),
    engineHealth: local('engineHealth', async () => core.session.health),
    listEndpoints: local('listEndpoints', () => core.listEndpoints()),
    selectEngine: local('selectEngine', (args) => core.selectEngine(args.host)),
    stopContainer: withEngine('stopContainer', 'stop-container', async (args, { docker }) => {
      await ops.stopContainer(docker, args.id);
      return { id: args.id };
    }),
    startContainer: withEngine('startContainer', 'start-container', async (args, { docker }) => {
      await ops.startContainer(docker, args.id);
      return { id: args.id };
    }),
    buildCache: withEngine('buildCache', 'list', (_args, { docker, connection }) =>
      readBuildCache(docker, connection.engine),
    ),
    // Plans: steps run inside the executor, which reports each step's outcome; what
    // reaches the catch here is a stale plan or an engine gone before the first step.
    previewPlan: withEngine('previewPlan', 'list', (args, { connection }) =>
      core.plans.preview(connection, args.intent),
    ),
    executePlan: withEngine('executePlan', 'list', (args, { connection }) =>
      core.plans.execute(connection, args.planId, args.digest),
    ),
    cancelPlan: local('cancelPlan', async (args) => ({ cancelled: core.plans.cancel(args.planId) })),
    resumePlan: withEngine('resumePlan', 'list', (args, { connection }) => core.plans.resume(connection, args.planId)),
    history: local('history', () => core.plans.readHistory()),
    exportHistory: local('exportHistory', async (args) => ({ path: await core.plans.exportHistory(args.format) })),
    // The trash is files in the data folder: listing reads them, no engine needed.
    trash: local('trash', () => listTrash(core.trashDir, core.trashSettings.get(), Date.now())),
    // Loads and tags (and re-creates containers under free names); removes nothing.
    restoreFromTrash: withEngine('restoreFromTrash', 'list', (args, { docker }) =>
      restoreFromTrash(docker, core.trashDir, args.id),
    ),
    setTrashSettings: local('setTrashSettings', async (args) => core.trashSettings.update(args)),
    // Policies are a file in the data folder: editing one plans nothing and removes nothing.
    policies: local('policies', async () => core.policies.list()),
    savePolicy: local('savePolicy', async (args) => core.policies.save(args.policy, args.previousName)),
    removePolicy: local('removePolicy', async (args) => core.policies.remove(args.name)),
    // The fleet: each engine on its own connection, so none of these waits on the current engine.
    fleet: local('fleet', () => core.fleet.overview()),
    setFleet: local('setFleet', (args) => core.fleet.setFleet(args.hosts)),
    previewFleetPlan: local('previewFleetPlan', (args) => core.fleet.preview(args.hosts, args.intent)),
    // Only a fleet plan main made and holds; each part runs through core.plans.execute with its id and digest.
    executeFleetPlan: local('executeFleetPlan', (args) => core.fleet.execute(args.fleetPlanId)),
    // Docker contexts are files in the docker config folder: nothing here touches an engine's
    // images, containers or volumes; removing a context removes only its own two folders.
    engineContexts: withContexts('engineContexts', async (_args, configDir) => listEditableContexts(configDir)),
    testEngine: withContexts('testEngine', async (args) =>
      testResult(
        await testEngineAddress({
          host: args.host,
          tls: tlsPaths(args),
          skipTlsVerify: args.skipTlsVerify ?? false,
          options: FORM_FIELDS,
        }),
      ),
    ),
    testEngineContext: withContexts('testEngineContext', async (args, configDir) =>
      testResult(await inFormWords(() => testStoredContext(configDir, args.name))),
    ),
    addEngine: withContexts('addEngine', async (args, configDir) => {
      const added = await inFormWords(() =>
        addContext({
          configDir,
          name: args.name,
          host: args.host,
          tls: tlsPaths(args),
          skipTlsVerify: args.skipTlsVerify ?? false,
          test: args.test ?? true,
          options: FORM_FIELDS,
        }),
      );
      return { added, contexts: listEditableContexts(configDir) };
    }),
    removeEngine: withContexts('removeEngine', async (args, configDir) => {
      const removed = await inFormWords(() => removeContext(configDir, args.name));
      return { removed, contexts: listEditableContexts(configDir) };
    }),
  };
}
