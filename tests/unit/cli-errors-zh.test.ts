// Every command-line mistake and every unusable engine address the CLI reports
// speaks the terminal's language: under LANG=zh_CN.UTF-8 no English sentence is
// left once names, flags, paths and quoted input are taken out (the idea of
// no-english-in-zh.test.ts). Under LANG=C the words are the ones the CLI printed
// before its usage errors became phrases, recorded below, so scripts and docs
// that quote them keep working.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src-main/cli/main';
import { contextDirName } from '../../src-main/engine/context-store';
import { tempDir, writeContext, writeCurrentContext } from '../fixtures/docker-config';
import { captureIo as captureEnvIo, type CapturedIo } from './support/capture-io';

const ENGLISH = /[A-Za-z]{3,}[ ,:;.'’-]+[A-Za-z]{3,}/;

// One docker config directory holding every broken context the cases name.
const dir = tempDir();
afterAll(() => dir.remove());
const config = join(dir.path, 'docker');
writeContext(config, { name: 'k8s-only', noDockerEndpoint: true });
writeContext(config, { name: 'odd', host: 'foo://somewhere' });
mkdirSync(join(config, 'contexts', 'meta', contextDirName('torn')), { recursive: true });
writeFileSync(join(config, 'contexts', 'meta', contextDirName('torn'), 'meta.json'), '{not json');
const current = join(dir.path, 'current');
writeCurrentContext(current, 'gone');
const inUse = join(dir.path, 'in-use');
writeContext(inUse, { name: 'remote', host: 'tcp://a:1' });
writeCurrentContext(inUse, 'remote');

const long = 'a'.repeat(600);

type Case = [name: string, argv: string[], env?: Record<string, string>];
const cases: Case[] = [
  ['unknown long option', ['ls', '--nope']],
  ['unknown short option', ['ls', '-x']],
  ['option without its value', ['ls', '--host']],
  ['boolean option with a value', ['ls', '--json=1']],
  ['value that looks like an option', ['plan', 'prune', '--until', '--all']],
  ['short option whose value looks like one', ['plan', 'rmi', 'a:1', '-o', '-y']],
  ['no command', []],
  ['plan without a kind', ['plan']],
  ['plan of an unknown kind', ['plan', 'nope']],
  ['unknown command', ['images']],
  ['option the command does not take', ['ps', '-a']],
  ['--host with --context', ['ls', '-H', 'unix:///x.sock', '-c', 'other']],
  ['--host of an unknown scheme', ['ls', '--host', 'http2://x']],
  ['--host of a relative socket', ['ls', '-H', 'unix://relative/path']],
  ['--host of a bad pipe', ['ls', '-H', 'npipe://foo']],
  ['--host tcp with two schemes', ['ls', '-H', 'tcp://a://b']],
  ['--host tcp that is no URL', ['ls', '-H', 'tcp://[bad']],
  ['--host ssh without a host', ['ls', '-H', 'ssh://']],
  ['--host ssh that is no URL', ['ls', '-H', 'ssh://[x']],
  ['empty --context', ['ls', '--context', ' ']],
  ['arguments to ls', ['ls', 'extra', 'more']],
  ['apply without a file', ['apply']],
  ['apply with a bad --max-age', ['apply', 'p.json', '--max-age', '0s']],
  ['empty --out', ['plan', 'rmi', 'a:1', '--out', '']],
  ['two answers to one conflict', ['plan', 'rmi', 'a:1', '--remove-containers', '--force-delete']],
  ['unsupported filter', ['plan', 'prune', '--filter', 'dangling=true']],
  ['filter without a value', ['plan', 'prune', '--filter', 'label=']],
  ['until twice', ['plan', 'prune', '-f', 'until=1h', '-f', 'until=2h']],
  ['ancestor twice', ['plan', 'rm-stopped', '-f', 'ancestor=a:1', '-f', 'ancestor=b:1']],
  ['malformed reference', ['plan', 'rmi', 'Not A Ref']],
  ['reference too long', ['plan', 'rmi', long]],
  ['not a duration', ['plan', 'prune', '--until', 'tomorrow']],
  ['empty --until', ['plan', 'prune', '--until', '']],
  ['label filter with a control character', ['plan', 'prune', '-f', 'label=\u0001x']],
  ['malformed ancestor', ['plan', 'rm-stopped', '-f', 'ancestor=Not A Ref']],
  ['rmi without an image', ['plan', 'rmi']],
  ['--until and until= disagree', ['plan', 'prune', '--until', '1h', '--filter', 'until=2h']],
  ['empty --keep', ['plan', 'prune', '--keep', ' ']],
  ['unknown --until-clock', ['plan', 'prune', '--until', '1h', '--until-clock', 'wall']],
  ['--until-clock alone', ['plan', 'prune', '--until-clock', 'build']],
  ['prune with names', ['plan', 'prune', 'app:1']],
  ['rm-stopped with arguments', ['plan', 'rm-stopped', 'x']],
  ['rm-volumes without a name', ['plan', 'rm-volumes']],
  ['prune-volumes with a name', ['plan', 'prune-volumes', 'pgdata']],
  ['prune-cache with a bad budget', ['plan', 'prune-cache', '--keep-storage', 'lots']],
  ['prune-cache with a bad free-space minimum', ['plan', 'prune-cache', '--min-free-space', 'lots']],
  ['DOCKER_HOST of an unknown scheme', ['ls'], { DOCKER_HOST: 'foo://x' }],
  ['TLS without ca.pem', ['ls'], { DOCKER_HOST: 'tcp://h:1', DOCKER_TLS_VERIFY: '1' }],
  ['TLS without ca.pem (DOCKER_TLS)', ['ls'], { DOCKER_HOST: 'tcp://h:1', DOCKER_TLS: '1' }],
  ['missing context by flag', ['ls', '--context', 'ghost']],
  ['missing context by DOCKER_CONTEXT', ['ls'], { DOCKER_CONTEXT: 'ghost' }],
  ['missing current context', ['ls'], { DOCKER_CONFIG: current }],
  ['context without a docker endpoint', ['ls', '-c', 'k8s-only']],
  ['context with an unusable address', ['ls', '-c', 'odd']],
  ['context whose meta.json is not JSON', ['ls', '-c', 'torn']],
  ['engines add without --host', ['engines', 'add', 'remote']],
  ['engines add of two names', ['engines', 'add', 'a1', 'a2', '-H', 'tcp://a:1']],
  ['engines add of a reserved name', ['engines', 'add', 'default', '-H', 'tcp://a:1']],
  ['engines add of an invalid name', ['engines', 'add', 'a b', '-H', 'tcp://a:1']],
  ['engines add with TLS for ssh://', ['engines', 'add', 'remote', '-H', 'ssh://me@h', '--tls-skip-verify']],
  [
    'engines add with a CA and skip-verify',
    ['engines', 'add', 'remote', '-H', 'tcp://a:1', '--tls-ca', 'ca.pem', '--tls-skip-verify'],
  ],
  ['engines add with a certificate alone', ['engines', 'add', 'remote', '-H', 'tcp://a:1', '--tls-cert', 'c.pem']],
  ['engines add of a name that exists', ['engines', 'add', 'odd', '-H', 'tcp://a:1', '--no-test']],
  // Nothing listens on port 1: refused at once.
  ['engines add whose test fails', ['engines', 'add', 'remote', '-H', 'tcp://127.0.0.1:1']],
  ['engines rm of a missing context', ['engines', 'rm', 'ghost']],
  ['engines rm of the current context', ['engines', 'rm', 'remote'], { DOCKER_CONFIG: inUse }],
];

function captureIo(env: Record<string, string>): CapturedIo {
  return captureEnvIo({ DOCKER_CONFIG: config, ...env });
}

async function failure(argv: string[], env: Record<string, string>): Promise<string> {
  const io = captureIo(env);
  const code = await run(argv, io);
  expect(code, io.stderr).not.toBe(0);
  expect(io.stdout).toBe('');
  return withoutJsonPosition(io.stderr.split(dir.path).join('<tmp>'));
}

/** Node 24's JSON.parse adds " (line 1 column 2)" to what Node 20's says; the test runs on both. */
const withoutJsonPosition = (text: string) => text.replace(/ \(line \d+ column \d+\)/g, '');

/** The text with what is a name, a flag, a path or the user's own input taken out. */
function wordsOnly(text: string, argv: string[]): string {
  let rest = text;
  // JSON.parse's own words about a torn file are quoted verbatim, like an engine's.
  const said = (() => {
    try {
      JSON.parse('{not json');
    } catch (err) {
      return withoutJsonPosition((err as Error).message);
    }
  })()!;
  for (const name of [said, ...argv].filter((n) => n.trim().length > 0).sort((a, b) => b.length - a.length))
    rest = rest.split(name).join(' ');
  return rest
    .replace(/"[^"\n]*"|'[^'\n]*'/g, ' ') // quoted names and values
    .replace(/\S*\/\S*/g, ' ') // paths and addresses
    .replace(/(^|\s)--?[a-z][a-z-]*(=\S*)?/g, ' ') // flags
    .replace(/\bbarnacle( [a-z-]+)*/g, ' ') // the program and its commands
    .replace(/\b(docker|podman)( [a-z-]+)+/g, ' ') // commands named in a sentence
    .replace(/\b(prune-volumes|prune-cache|empty-trash|rm-volumes|rm-stopped|rmi|prune)\b/g, ' ') // what `barnacle plan` takes
    .replace(/\b[A-Z_]{6,}\b/g, ' ') // environment variables
    .replace(/\b[a-z]+\.pem\b|\bcurrentContext\b/g, ' ') // file and key names
    .replace(/\((validation|engine-unreachable)\)/g, ' '); // the error's code, for scripts
}

describe('CLI errors under LANG=zh_CN.UTF-8', () => {
  for (const [name, argv, env = {}] of cases) {
    it(name, async () => {
      const text = await failure(argv, { ...env, LANG: 'zh_CN.UTF-8' });
      // Chinese words on the error's own line, not a lone English word the regex would miss.
      expect(text).toMatch(/^barnacle: [^\n]*[\u4e00-\u9fff]/);
      expect(wordsOnly(text, argv).match(ENGLISH)?.[0] ?? null, text).toBeNull();
    });
  }
});

describe('CLI errors under LANG=C say what they always said', () => {
  for (const [name, argv, env = {}] of cases) {
    it(name, async () => {
      expect(await failure(argv, { ...env, LANG: 'C' })).toBe(english[name]);
    });
  }
});

// Recorded from the CLI before its usage errors became phrases (<tmp>: the temporary directory).
const english: Record<string, string> = {
  'unknown long option':
    "barnacle: Unknown option '--nope'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--nope\"\n  (validation)\nRun \"barnacle --help\" for usage.\n",
  'unknown short option':
    "barnacle: Unknown option '-x'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"-x\"\n  (validation)\nRun \"barnacle --help\" for usage.\n",
  'option without its value':
    'barnacle: Option \'-H, --host <value>\' argument missing\n  (validation)\nRun "barnacle --help" for usage.\n',
  'boolean option with a value':
    'barnacle: Option \'--json\' does not take an argument\n  (validation)\nRun "barnacle --help" for usage.\n',
  'value that looks like an option':
    "barnacle: Option '--until' argument is ambiguous.\nDid you forget to specify the option argument for '--until'?\nTo specify an option argument starting with a dash use '--until=-XYZ'.\n  (validation)\nRun \"barnacle --help\" for usage.\n",
  'short option whose value looks like one':
    "barnacle: Option '-o' argument is ambiguous.\nDid you forget to specify the option argument for '-o'?\nTo specify an option argument starting with a dash use '--out=-XYZ' or '-o-XYZ'.\n  (validation)\nRun \"barnacle --help\" for usage.\n",
  'no command':
    'barnacle: no command given. Run "barnacle --help" to see the commands.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'plan without a kind':
    'barnacle: "barnacle plan" needs one of: rmi, prune, rm-stopped, rm-volumes, prune-volumes, prune-cache, empty-trash.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'plan of an unknown kind':
    'barnacle: "barnacle plan" needs one of: rmi, prune, rm-stopped, rm-volumes, prune-volumes, prune-cache, empty-trash.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'unknown command':
    'barnacle: unknown command "images". Run "barnacle --help" to see the commands.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'option the command does not take':
    'barnacle: "barnacle ps" does not take --all.\n  (validation)\nRun "barnacle --help" for usage.\n',
  '--host with --context':
    'barnacle: conflicting options: cannot specify both --host and --context\n  (validation)\nRun "barnacle --help" for usage.\n',
  '--host of an unknown scheme':
    'barnacle: --host: invalid engine address "http2://x": use unix://, npipe://, tcp:// or ssh://\n  (validation)\nRun "barnacle --help" for usage.\n',
  '--host of a relative socket':
    'barnacle: --host: unix socket path must be absolute: unix://relative/path\n  (validation)\nRun "barnacle --help" for usage.\n',
  '--host of a bad pipe':
    'barnacle: --host: named pipe must look like npipe:////./pipe/NAME: npipe://foo\n  (validation)\nRun "barnacle --help" for usage.\n',
  '--host tcp with two schemes':
    'barnacle: --host: invalid engine address "tcp://a://b": expected tcp://host:port\n  (validation)\nRun "barnacle --help" for usage.\n',
  '--host tcp that is no URL':
    'barnacle: --host: invalid engine address "tcp://[bad": expected tcp://host:port\n  (validation)\nRun "barnacle --help" for usage.\n',
  '--host ssh without a host':
    'barnacle: --host: engine address has no host: ssh://\n  (validation)\nRun "barnacle --help" for usage.\n',
  '--host ssh that is no URL':
    'barnacle: --host: not an engine address: ssh://[x\n  (validation)\nRun "barnacle --help" for usage.\n',
  'empty --context': 'barnacle: --context needs a context name.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'arguments to ls':
    'barnacle: "barnacle ls" takes no arguments (got "extra more").\n  (validation)\nRun "barnacle --help" for usage.\n',
  'apply without a file':
    'barnacle: "barnacle apply" takes exactly one plan file.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'apply with a bad --max-age':
    'barnacle: --max-age takes a duration such as 24h or 90m, not "0s".\n  (validation)\nRun "barnacle --help" for usage.\n',
  'empty --out': 'barnacle: --out needs a file name.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'two answers to one conflict':
    'barnacle: --remove-containers and --force-delete are two answers to the same conflict: pick one.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'unsupported filter':
    'barnacle: unsupported filter "dangling=true"; use until=…, label=…, label!=….\n  (validation)\nRun "barnacle --help" for usage.\n',
  'filter without a value':
    'barnacle: filter "label=" needs a value.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'until twice': 'barnacle: give "until" once.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'ancestor twice': 'barnacle: give "ancestor" once.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'malformed reference':
    'barnacle: "Not A Ref": not an image ID or reference\n  (validation)\nRun "barnacle --help" for usage.\n',
  'reference too long': `barnacle: "${long}": longer than 512 characters\n  (validation)\nRun "barnacle --help" for usage.\n`,
  'not a duration':
    'barnacle: --until: not a duration like 24h or a timestamp\n  (validation)\nRun "barnacle --help" for usage.\n',
  'empty --until': 'barnacle: --until: empty\n  (validation)\nRun "barnacle --help" for usage.\n',
  'label filter with a control character':
    'barnacle: label=\u0001x: not a label filter (key or key=value, no control characters)\n  (validation)\nRun "barnacle --help" for usage.\n',
  'malformed ancestor':
    'barnacle: ancestor=Not A Ref: not an image ID or reference\n  (validation)\nRun "barnacle --help" for usage.\n',
  'rmi without an image':
    'barnacle: "barnacle plan rmi" needs at least one image (tag or ID).\n  (validation)\nRun "barnacle --help" for usage.\n',
  '--until and until= disagree':
    'barnacle: --until and --filter until=… disagree: give one.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'empty --keep':
    'barnacle: --keep needs a name pattern, e.g. "postgres:*".\n  (validation)\nRun "barnacle --help" for usage.\n',
  'unknown --until-clock':
    'barnacle: --until-clock takes "engine" (what docker image prune compares) or "build" (the build date).\n  (validation)\nRun "barnacle --help" for usage.\n',
  '--until-clock alone':
    'barnacle: --until-clock goes with --until.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'prune with names':
    'barnacle: "barnacle plan prune" takes no image names; use --filter or --keep.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'rm-volumes without a name':
    'barnacle: "barnacle plan rm-volumes" needs at least one volume name.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'prune-cache with a bad budget':
    'barnacle: --keep-storage lots is not a size: write a number with B, KB, MB, GB or TB (for example 10GB).\n  (validation)\nRun "barnacle --help" for usage.\n',
  'prune-cache with a bad free-space minimum':
    'barnacle: --min-free-space lots is not a size: write a number with B, KB, MB, GB or TB (for example 20GB).\n  (validation)\nRun "barnacle --help" for usage.\n',
  'prune-volumes with a name':
    'barnacle: "barnacle plan prune-volumes" takes no names: it plans the anonymous volumes no container mounts. To remove named volumes, use "barnacle plan rm-volumes NAME...".\n  (validation)\nRun "barnacle --help" for usage.\n',
  'rm-stopped with arguments':
    'barnacle: "barnacle plan rm-stopped" takes no arguments; use --filter ancestor=IMAGE.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'DOCKER_HOST of an unknown scheme':
    'barnacle: invalid engine address "foo://x": use unix://, npipe://, tcp:// or ssh://\n  (engine-unreachable)\n',
  'TLS without ca.pem':
    'barnacle: DOCKER_TLS_VERIFY is set but <tmp>/docker/ca.pem does not exist: set DOCKER_CERT_PATH to the directory holding ca.pem, cert.pem and key.pem\n  (engine-unreachable)\n',
  'TLS without ca.pem (DOCKER_TLS)':
    'barnacle: DOCKER_TLS is set but <tmp>/docker/ca.pem does not exist: set DOCKER_CERT_PATH to the directory holding ca.pem, cert.pem and key.pem\n  (engine-unreachable)\n',
  'missing context by flag':
    'barnacle: context "ghost" does not exist (chosen by --context; no <tmp>/docker/contexts/meta/ead6ef03d61ee60c533d6d450c50a1e559a8a37f6b796a4094cd0dac6b744428/meta.json). Run "docker context ls" to see the contexts there are.\n  (engine-unreachable)\n',
  'missing context by DOCKER_CONTEXT':
    'barnacle: context "ghost" does not exist (chosen by DOCKER_CONTEXT; no <tmp>/docker/contexts/meta/ead6ef03d61ee60c533d6d450c50a1e559a8a37f6b796a4094cd0dac6b744428/meta.json). Run "docker context ls" to see the contexts there are.\n  (engine-unreachable)\n',
  'missing current context':
    'barnacle: context "gone" does not exist (chosen by currentContext in <tmp>/current/config.json; no <tmp>/current/contexts/meta/283bb9deef02e6843abfb538efa1eca70801bd8a701c3f98191e123496339247/meta.json). Run "docker context ls" to see the contexts there are.\n  (engine-unreachable)\n',
  'context without a docker endpoint':
    'barnacle: context "k8s-only": cannot find docker endpoint in context\n  (engine-unreachable)\n',
  'context with an unusable address':
    'barnacle: context "odd" has an unusable engine address: invalid engine address "foo://somewhere": use unix://, npipe://, tcp:// or ssh://\n  (engine-unreachable)\n',
  'context whose meta.json is not JSON':
    "barnacle: parsing <tmp>/docker/contexts/meta/00cc10cc5ab0a89fbf4d84a229bf234e739ba6294a832d2c042ce8d9a1949cf7/meta.json: Expected property name or '}' in JSON at position 1\n  (engine-unreachable)\n",
  'engines add without --host':
    'barnacle: "barnacle engines add NAME" needs --host tcp://HOST:PORT or --host ssh://USER@HOST[:PORT].\n  (validation)\nRun "barnacle --help" for usage.\n',
  'engines add of two names':
    'barnacle: "barnacle engines add" takes exactly one context name.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'engines add of a reserved name':
    'barnacle: "default" is a reserved context name\n  (validation)\nRun "barnacle --help" for usage.\n',
  'engines add of an invalid name':
    'barnacle: context name "a b" is invalid: use letters, digits and _ . + - (at least two characters, starting with a letter or digit)\n  (validation)\nRun "barnacle --help" for usage.\n',
  'engines add with TLS for ssh://':
    'barnacle: --tls-skip-verify is for tcp:// engines only: ssh://me@h does not use TLS.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'engines add with a CA and skip-verify':
    'barnacle: --tls-ca and --tls-skip-verify contradict each other: the CA would never be checked. Pick one.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'engines add with a certificate alone':
    'barnacle: --tls-cert and --tls-key go together: give both or neither.\n  (validation)\nRun "barnacle --help" for usage.\n',
  'engines add of a name that exists':
    'barnacle: context "odd" already exists (<tmp>/docker/contexts/meta/990cb8ebd0afb7150da453a213036a92f2c05e091df0d803e62d257ea7796c27). Remove it first with "barnacle engines rm odd".\n  (validation)\n',
  'engines add whose test fails':
    'barnacle: Nothing was written: testing "remote" at tcp://127.0.0.1:1 failed. Nothing answers at tcp://127.0.0.1:1: is the engine running there? Fix that, or add it anyway with --no-test.\n  (engine-unreachable)\n',
  'engines rm of a missing context':
    'barnacle: context "ghost" does not exist (no <tmp>/docker/contexts/meta/ead6ef03d61ee60c533d6d450c50a1e559a8a37f6b796a4094cd0dac6b744428/meta.json). Run "barnacle engines" to see the engines there are.\n  (validation)\n',
  'engines rm of the current context':
    'barnacle: context "remote" is the current context (currentContext in <tmp>/in-use/config.json): the docker CLI would lose its engine. Switch first ("docker context use default"), then remove it.\n  (validation)\n',
};
