// The command line → typed invocation: every flag lands where the planner and the
// endpoint resolution read it, and every mistake is a usage error (exit 2).

import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src-main/cli/args';
import { CliError, EXIT_USAGE } from '../../src-main/cli/cli-error';
import { run } from '../../src-main/cli/main';
import { parseByteSize } from '../../src-main/cli/plan-args';
import { captureIo } from './support/capture-io';

const parse = (line: string[]) => parseCommandLine(line, 'linux');

function usageFailure(line: string[]): string {
  try {
    parse(line);
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(EXIT_USAGE);
    expect((err as CliError).error.kind).toBe('validation');
    return (err as CliError).message;
  }
  throw new Error(`parsed without error: ${line.join(' ')}`);
}

describe('commands and global options', () => {
  it('reads options before or after the command word', () => {
    const expected = { global: { json: true }, command: { name: 'ls', all: false } };
    expect(parse(['ls', '--json'])).toEqual(expected);
    expect(parse(['--json', 'ls'])).toEqual(expected);
  });

  it('ls -a asks for intermediate images', () => {
    expect(parse(['ls', '-a']).command).toEqual({ name: 'ls', all: true });
    expect(parse(['ls', '--all']).command).toEqual({ name: 'ls', all: true });
  });

  it('df takes --helper and --no-walk, and only df does', () => {
    expect(parse(['df']).command).toEqual({ name: 'df', helper: false, walk: true });
    expect(parse(['df', '--helper']).command).toEqual({ name: 'df', helper: true, walk: true });
    expect(parse(['--no-walk', 'df']).command).toEqual({ name: 'df', helper: false, walk: false });
    expect(usageFailure(['ls', '--no-walk'])).toMatch(/no-walk/);
    expect(usageFailure(['ps', '--helper'])).toMatch(/helper/);
  });

  it('normalises --host the way the docker CLI does', () => {
    expect(parse(['ps', '-H', '/tmp/x.sock']).global.host).toBe('unix:///tmp/x.sock');
    expect(parse(['ps', '--host', 'tcp://build-box']).global.host).toBe('tcp://build-box:2375');
    expect(parse(['df', '--context', 'colima']).global).toEqual({ json: false, context: 'colima' });
  });

  it('refuses --host together with --context, in the docker CLI words', () => {
    expect(usageFailure(['ls', '-H', 'unix:///x.sock', '-c', 'other'])).toMatch(
      /cannot specify both --host and --context/,
    );
  });

  it('refuses an address no engine can have', () => {
    expect(usageFailure(['ls', '--host', 'http2://x'])).toMatch(/^--host: invalid engine address/);
  });

  it('names unknown commands and options, and options the command does not take', () => {
    expect(usageFailure([])).toMatch(/no command given/);
    expect(usageFailure(['images'])).toMatch(/unknown command "images"/);
    expect(usageFailure(['ls', '--bogus'])).toMatch(/--bogus/);
    expect(usageFailure(['ps', '-a'])).toMatch(/"barnacle ps" does not take --all/);
    expect(usageFailure(['ls', 'extra'])).toMatch(/takes no arguments/);
    expect(usageFailure(['plan'])).toMatch(/rmi, prune, rm-stopped, rm-volumes, prune-volumes, prune-cache/);
    expect(usageFailure(['plan', 'rmi', 'x', '--yes'])).toMatch(/does not take --yes/);
  });

  it('help wins over everything else on the line', () => {
    expect(parse(['plan', 'rmi', '--help']).command).toEqual({ name: 'help' });
    expect(parse(['help']).command).toEqual({ name: 'help' });
  });
});

describe('plan rmi: references and fix flags → intent and FixChoices', () => {
  it('without fix flags the intent carries no choices (the planner keeps conflicting images)', () => {
    expect(parse(['plan', 'rmi', 'app:1', 'sha256:' + 'a'.repeat(64)]).command).toEqual({
      name: 'plan',
      intent: { type: 'remove-images', refs: ['app:1', 'sha256:' + 'a'.repeat(64)] },
    });
  });

  it('maps each fix flag to its answer', () => {
    const line = ['plan', 'rmi', 'app:1', '--stop-running', '--remove-containers', '--all-tags', '--with-children'];
    expect(parse([...line, '-o', 'p.json']).command).toEqual({
      name: 'plan',
      out: 'p.json',
      intent: {
        type: 'remove-images',
        refs: ['app:1'],
        choices: {
          runningContainer: 'stop-and-remove-containers',
          stoppedContainer: 'remove-containers',
          multipleReferences: 'all-tags',
          dependentChildren: 'remove-children',
        },
      },
    });
    const force = parse(['plan', 'rmi', 'app:1', '--force-delete']).command;
    expect(force).toMatchObject({ intent: { choices: { stoppedContainer: 'force-delete' } } });
  });

  it('refuses two answers to one conflict, no image, a malformed reference and an empty --out', () => {
    expect(usageFailure(['plan', 'rmi', 'a:1', '--remove-containers', '--force-delete'])).toMatch(/pick one/);
    expect(usageFailure(['plan', 'rmi'])).toMatch(/at least one image/);
    expect(usageFailure(['plan', 'rmi', 'Not A Ref'])).toMatch(/"Not A Ref": not an image ID or reference/);
    expect(usageFailure(['plan', 'rmi', 'a:1', '--out', ''])).toMatch(/--out needs a file name/);
  });
});

describe('plan prune and rm-stopped: filters', () => {
  it('reads --all, --until, label filters both ways and --keep patterns', () => {
    const line = ['plan', 'prune', '--all', '--until', '24h', '--filter', 'label=team=web', '-f', 'label!=keep'];
    expect(parse([...line, '--keep', 'postgres:*', '--keep', 'redis:*']).command).toEqual({
      name: 'plan',
      intent: {
        type: 'prune-images',
        all: true,
        until: '24h',
        labels: ['team=web'],
        notLabels: ['keep'],
        keep: ['postgres:*', 'redis:*'],
      },
    });
  });

  it('dangling only by default; until may come as a filter; --remove-containers takes stopped containers first', () => {
    expect(parse(['plan', 'prune']).command).toEqual({ name: 'plan', intent: { type: 'prune-images', all: false } });
    expect(parse(['plan', 'prune', '--filter', 'until=2h', '--remove-containers']).command).toEqual({
      name: 'plan',
      intent: { type: 'prune-images', all: false, until: '2h', withStoppedContainers: true },
    });
  });

  it('refuses filters it cannot honour and durations that are not durations', () => {
    expect(usageFailure(['plan', 'prune', '--filter', 'dangling=true'])).toMatch(/unsupported filter "dangling=true"/);
    expect(usageFailure(['plan', 'prune', '--until', 'tomorrow'])).toMatch(/not a duration/);
    expect(usageFailure(['plan', 'prune', '--until', '1h', '--filter', 'until=2h'])).toMatch(/disagree/);
    expect(usageFailure(['plan', 'prune', '--filter', 'label='])).toMatch(/needs a value/);
    expect(usageFailure(['plan', 'prune', '--stop-running'])).toMatch(/does not take --stop-running/);
    expect(usageFailure(['plan', 'prune', 'app:1'])).toMatch(/takes no image names/);
  });

  it('rm-stopped takes one ancestor filter and nothing else', () => {
    expect(parse(['plan', 'rm-stopped']).command).toEqual({
      name: 'plan',
      intent: { type: 'remove-stopped-containers' },
    });
    expect(parse(['plan', 'rm-stopped', '--filter', 'ancestor=app:1']).command).toEqual({
      name: 'plan',
      intent: { type: 'remove-stopped-containers', ancestor: 'app:1' },
    });
    expect(usageFailure(['plan', 'rm-stopped', '--filter', 'label=a'])).toMatch(/unsupported filter/);
    expect(usageFailure(['plan', 'rm-stopped', '-f', 'ancestor=a:1', '-f', 'ancestor=b:1'])).toMatch(/once/);
  });
});

describe('volumes', () => {
  it('lists with no arguments; rm-volumes takes names, prune-volumes none', () => {
    expect(parse(['volumes']).command).toEqual({ name: 'volumes' });
    expect(usageFailure(['volumes', 'x'])).toMatch(/takes no arguments/);
    expect(parse(['plan', 'rm-volumes', 'pgdata', 'cache', '-o', 'p.json']).command).toEqual({
      name: 'plan',
      intent: { type: 'remove-volumes', names: ['pgdata', 'cache'] },
      out: 'p.json',
    });
    expect(usageFailure(['plan', 'rm-volumes'])).toMatch(/needs at least one volume name/);
    expect(usageFailure(['plan', 'rm-volumes', 'a/b'])).toMatch(/"a\/b"/);
    expect(parse(['plan', 'prune-volumes']).command).toEqual({ name: 'plan', intent: { type: 'prune-volumes' } });
    expect(usageFailure(['plan', 'prune-volumes', 'pgdata'])).toMatch(/takes no names/);
    expect(usageFailure(['plan', 'prune-volumes', '--all'])).toMatch(/all/);
  });
});

describe('build cache', () => {
  it('cache lists; prune-cache takes --until and --keep-storage with the units docker reads', () => {
    expect(parse(['cache']).command).toEqual({ name: 'cache' });
    expect(parse(['plan', 'prune-cache']).command).toEqual({ name: 'plan', intent: { type: 'prune-build-cache' } });
    expect(parse(['plan', 'prune-cache', '--until', '168h', '--keep-storage', '10GB']).command).toEqual({
      name: 'plan',
      intent: { type: 'prune-build-cache', until: '168h', keepStorage: 10_000_000_000 },
    });
    expect(usageFailure(['plan', 'prune-cache', 'x'])).toMatch(/takes no names/);
    expect(usageFailure(['plan', 'prune-cache', '--keep-storage', '10 parsecs'])).toMatch(/is not a size/);
    expect(parse(['plan', 'prune-cache', '--min-free-space', '20GiB']).command).toEqual({
      name: 'plan',
      intent: { type: 'prune-build-cache', minFreeSpace: 20 * 2 ** 30 },
    });
    expect(usageFailure(['plan', 'prune-cache', '--min-free-space', 'plenty'])).toMatch(
      /--min-free-space plenty is not a size/,
    );
    expect(usageFailure(['plan', 'prune-cache', '--all'])).toMatch(/all/);
  });

  it('--trash / --no-trash on rmi and prune; trash ls, restore PLAN/STEP; rm and empty are plans', () => {
    const entry = '0a1b2c3d-0000-4000-8000-0123456789ab/s1';
    expect(parse(['plan', 'rmi', 'a:1', '--trash']).command).toEqual({
      name: 'plan',
      intent: { type: 'remove-images', refs: ['a:1'], trash: true },
    });
    expect(parse(['plan', 'rmi', 'a:1', '--no-trash']).command).toEqual({
      name: 'plan',
      intent: { type: 'remove-images', refs: ['a:1'], trash: false },
    });
    // Neither flag: the trash settings decide (images that cannot be pulled back, by default).
    expect(parse(['plan', 'rmi', 'a:1']).command).toEqual({
      name: 'plan',
      intent: { type: 'remove-images', refs: ['a:1'] },
    });
    expect(usageFailure(['plan', 'rmi', 'a:1', '--trash', '--no-trash'])).toMatch(/opposite/);
    expect(parse(['plan', 'prune', '--all', '--trash']).command).toEqual({
      name: 'plan',
      intent: { type: 'prune-images', all: true, trash: true },
    });
    expect(usageFailure(['plan', 'prune-cache', '--trash'])).toMatch(/trash/);
    expect(parse(['trash']).command).toEqual({ name: 'trash' });
    expect(parse(['trash', 'ls']).command).toEqual({ name: 'trash' });
    expect(parse(['trash', 'restore', 'p/s1']).command).toEqual({ name: 'trash', restore: 'p/s1' });
    expect(parse(['trash', 'rm', entry, '-o', 'f.json']).command).toEqual({
      name: 'plan',
      intent: { type: 'empty-trash', entries: [entry] },
      out: 'f.json',
    });
    expect(parse(['trash', 'empty', '--expired']).command).toEqual({
      name: 'plan',
      intent: { type: 'empty-trash', expiredOnly: true },
    });
    expect(parse(['plan', 'empty-trash']).command).toEqual({ name: 'plan', intent: { type: 'empty-trash' } });
    expect(usageFailure(['trash', 'rm'])).toMatch(/trash restore PLAN\/STEP/);
    expect(usageFailure(['trash', 'rm', 'not-an-entry'])).toMatch(/not a trash entry/);
    expect(usageFailure(['trash', 'rm', entry, '--expired'])).toMatch(/not both/);
    expect(usageFailure(['trash', 'ls', '--expired'])).toMatch(/expired/);
  });

  it('reads sizes as docker does: powers of 1000, or of 1024 with i', () => {
    expect(parseByteSize('512')).toBe(512);
    expect(parseByteSize('1.5GB')).toBe(1_500_000_000);
    expect(parseByteSize('2 GiB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('10g')).toBe(10_000_000_000);
    expect(parseByteSize('1kb')).toBe(1000);
    expect(parseByteSize('GB')).toBeNull();
    expect(parseByteSize('-1GB')).toBeNull();
  });
});

describe('apply', () => {
  it('takes exactly one plan file, --yes and --max-age (24 h unless given)', () => {
    const day = 24 * 3_600_000;
    expect(parse(['apply', 'plan.json', '--yes']).command).toEqual({
      name: 'apply',
      file: 'plan.json',
      yes: true,
      maxAgeMs: day,
    });
    expect(parse(['apply', 'plan.json', '--max-age', '90m']).command).toEqual({
      name: 'apply',
      file: 'plan.json',
      yes: false,
      maxAgeMs: 90 * 60_000,
    });
    expect(usageFailure(['apply', 'plan.json', '--max-age', '0s'])).toMatch(/--max-age takes a duration/);
    expect(usageFailure(['apply'])).toMatch(/exactly one plan file/);
    expect(usageFailure(['apply', 'a.json', 'b.json'])).toMatch(/exactly one plan file/);
  });
});

describe('run(): usage errors reach the caller as exit 2, in the format asked for', () => {
  it('prints the typed error as JSON on stderr with --json, nothing on stdout', async () => {
    const io = captureIo();
    expect(await run(['ls', '--json', '--nope'], io)).toBe(2);
    expect(io.stdout).toBe('');
    expect(JSON.parse(io.stderr)).toMatchObject({ kind: 'validation', message: expect.stringMatching(/--nope/) });
  });

  it('prints words and a pointer to --help without it', async () => {
    const io = captureIo();
    expect(await run(['frobnicate'], io)).toBe(2);
    expect(io.stderr).toMatch(/^barnacle: unknown command "frobnicate"/);
    expect(io.stderr).toMatch(/barnacle --help/);
  });
});
