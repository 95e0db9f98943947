// `barnacle policy …` and the policy flags of `plan prune`, read into commands:
// each rule lands in the policy the app reads, and each mistake is a usage error
// in words (exit 2) before anything is saved.

import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src-main/cli/args';
import { CliError, EXIT_USAGE } from '../../src-main/cli/cli-error';
import { policySchema } from '../../src-main/policies/policy-schema';

const parse = (line: string[]) => parseCommandLine(line, 'linux');

function usageFailure(line: string[]): string {
  try {
    parse(line);
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(EXIT_USAGE);
    return (err as CliError).message;
  }
  throw new Error(`parsed without error: ${line.join(' ')}`);
}

describe('barnacle policy', () => {
  it('lists with no verb or ls; plan, apply and rm take one name', () => {
    expect(parse(['policy']).command).toEqual({ name: 'policy', verb: 'ls' });
    expect(parse(['policy', 'ls', '--json'])).toEqual({
      global: { json: true },
      command: { name: 'policy', verb: 'ls' },
    });
    expect(parse(['policy', 'plan', 'weekly', '-o', 'p.json']).command).toEqual({
      name: 'policy',
      verb: 'plan',
      policy: 'weekly',
      out: 'p.json',
    });
    expect(parse(['policy', 'apply', 'weekly', '--yes']).command).toEqual({
      name: 'policy',
      verb: 'apply',
      policy: 'weekly',
      yes: true,
    });
    expect(parse(['policy', 'rm', 'old one']).command).toEqual({ name: 'policy', verb: 'rm', policy: 'old one' });
    expect(usageFailure(['policy', 'run', 'x'])).toMatch(/needs one of: ls, plan NAME/);
    expect(usageFailure(['policy', 'apply'])).toMatch(/needs one of/);
    expect(usageFailure(['policy', 'apply', 'a', 'b'])).toMatch(/needs one of/);
    expect(usageFailure(['policy', 'apply', 'a/b'])).toMatch(/not a policy name/);
    expect(usageFailure(['policy', 'plan', 'x', '--yes'])).toMatch(/does not take --yes/);
    expect(usageFailure(['policy', 'ls', '--unused-for', '1h'])).toMatch(/does not take --unused-for/);
  });

  it('add: every rule flag into the policy, daily and notify-only by default, and the schema agrees', () => {
    const { command } = parse([
      'policy',
      'add',
      'weekly',
      '--unused-for',
      '720h',
      '--older-than',
      '48h',
      '--until-clock',
      'build',
      '--keep-newest',
      '3:last-used',
      '--keep',
      'postgres:*',
      '--keep',
      'redis:*',
      '--keep-label',
      'keep=yes',
      '--over',
      '20GB',
      '--down-to',
      '15GiB',
    ]);
    const policy = {
      name: 'weekly',
      enabled: true,
      schedule: 'daily',
      mode: 'notify',
      rules: {
        unusedFor: '720h',
        olderThan: '48h',
        untilClock: 'build',
        keepNewest: { count: 3, by: 'last-used' },
        keep: ['postgres:*', 'redis:*'],
        keepLabels: ['keep=yes'],
        threshold: { measure: 'images-bytes', trigger: 20e9, target: 15 * 1024 ** 3 },
      },
    };
    expect(command).toEqual({ name: 'policy', verb: 'add', policy });
    expect(policySchema.safeParse(policy).success).toBe(true);
  });

  it('add: schedule, mode, disabled, and the free-space threshold', () => {
    const { command } = parse([
      'policy',
      'add',
      'full',
      '--free-below',
      '10GB',
      '--free-target',
      '20GB',
      '--schedule',
      'over-threshold',
      '--mode',
      'apply',
      '--disabled',
      '--keep-newest',
      '2',
    ]);
    expect(command).toMatchObject({
      policy: {
        enabled: false,
        schedule: 'over-threshold',
        mode: 'apply',
        rules: {
          threshold: { measure: 'disk-free', trigger: 10e9, target: 20e9 },
          keepNewest: { count: 2, by: 'created' },
        },
      },
    });
  });

  it('add: refuses what the app would not run, each in its own words', () => {
    const add = (...flags: string[]) => usageFailure(['policy', 'add', 'p', ...flags]);
    expect(add()).toMatch(/needs a rule that limits what goes/);
    expect(add('--keep', 'x:*')).toMatch(/needs a rule that limits what goes/);
    expect(add('--unused-for', 'soon')).toMatch(/--unused-for takes a duration/);
    expect(add('--unused-for', '0s')).toMatch(/--unused-for takes a duration/);
    expect(add('--keep-newest', '0')).toMatch(/--keep-newest takes a count/);
    expect(add('--keep-newest', '3:oldest')).toMatch(/--keep-newest takes a count/);
    expect(add('--over', '20GB')).toMatch(/--over and --down-to go together/);
    expect(add('--over', '10GB', '--down-to', '20GB')).toMatch(/--down-to must be at most --over/);
    expect(add('--free-below', '20GB', '--free-target', '10GB')).toMatch(/--free-target must be at least/);
    expect(add('--over', '2GB', '--down-to', '1GB', '--free-below', '1GB', '--free-target', '2GB')).toMatch(
      /two thresholds/,
    );
    expect(add('--over', 'lots', '--down-to', '1GB')).toMatch(/--over lots is not a size/);
    expect(add('--unused-for', '1h', '--schedule', 'monthly')).toMatch(/--schedule takes one of/);
    expect(add('--unused-for', '1h', '--schedule', 'over-threshold')).toMatch(/needs a threshold/);
    expect(add('--unused-for', '1h', '--mode', 'yes')).toMatch(/--mode takes "notify"/);
    expect(add('--unused-for', '1h', '--until-clock', 'build')).toMatch(/give --older-than too/);
    expect(add('--unused-for', '1h', '--keep-label', '')).toMatch(/--keep-label/);
  });
});

describe('plan prune: the policy rules asked once', () => {
  it('takes --unused-for and --keep-newest', () => {
    expect(parse(['plan', 'prune', '-a', '--unused-for', '720h', '--keep-newest', '2:last-used']).command).toEqual({
      name: 'plan',
      intent: { type: 'prune-images', all: true, unusedFor: '720h', keepNewest: { count: 2, by: 'last-used' } },
    });
    expect(usageFailure(['plan', 'prune', '--unused-for', 'x'])).toMatch(/--unused-for takes a duration/);
    expect(usageFailure(['plan', 'rmi', 'a', '--keep-newest', '2'])).toMatch(/does not take --keep-newest/);
  });
});
