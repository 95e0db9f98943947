// The helper container's output, read: the engine's log framing taken apart,
// and busybox du's and df's lines turned into bytes. The two captures below are
// the raw log bodies Podman 5.4's compat API returned for the helper's command
// over its graph root (busybox 1.35, Debian's static build): once without any
// capability (du could not open a folder owned by uid 1234, mode 700), once
// with DAC_READ_SEARCH (it could). Docker 20.10 frames the same way.

import { describe, expect, it } from 'vitest';
import {
  demultiplexLogs,
  HELPER_COMMAND,
  parseHelperOutput,
  pullCommandOf,
} from '../../src-main/disk/helper-container';

const withoutCapability = Buffer.from(
  'AgAAAAAAAEVkdTogY2FuJ3Qgb3BlbiAnL2Jhcm5hY2xlLXJvb3Qvdm9sdW1lcy96ei1zZWNyZXQnOiBQZXJtaXNzaW9uIGRlbmllZAoBAAAAAAAAFDQxODQJL2Jhcm5hY2xlLXJvb3QKAQAAAAAAAEdGaWxlc3lzdGVtICAgICAgICAgICAxMDI0LWJsb2NrcyAgICBVc2VkIEF2YWlsYWJsZSBDYXBhY2l0eSBNb3VudGVkIG9uCgEAAAAAAAA6L2Rldi92ZGEgICAgICAgICAgICAgMjY0MjEyMDg0ICAyNTUyNjA3MiAgODA4NjQ4NDAgIDI0JSAvCg==',
  'base64',
);
const withCapability = Buffer.from(
  'AQAAAAAAABQ0Mjg0CS9iYXJuYWNsZS1yb290CgEAAAAAAABHRmlsZXN5c3RlbSAgICAgICAgICAgMTAyNC1ibG9ja3MgICAgVXNlZCBBdmFpbGFibGUgQ2FwYWNpdHkgTW91bnRlZCBvbgoBAAAAAAAAOi9kZXYvdmRhICAgICAgICAgICAgIDI2NDIxMjA4NCAgMjU1MjYxMTIgIDgwODY0ODAwICAyNCUgLwo=',
  'base64',
);

function frame(stream: number, text: string): Buffer {
  const body = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('the engine log stream, demultiplexed', () => {
  it('takes stdout and stderr frames apart, in order', () => {
    const logs = demultiplexLogs(withoutCapability);
    expect(logs.stderr).toBe("du: can't open '/barnacle-root/volumes/zz-secret': Permission denied\n");
    expect(logs.stdout.split('\n')[0]).toBe('4184\t/barnacle-root');
    expect(logs.stdout).toContain('/dev/vda             264212084  25526072  80864840  24% /');
    expect(demultiplexLogs(Buffer.concat([frame(1, 'a'), frame(2, 'b'), frame(1, 'c')]))).toEqual({
      stdout: 'ac',
      stderr: 'b',
    });
  });

  it('keeps what arrived of a cut last frame, and reads an unframed body as stdout', () => {
    const cut = Buffer.concat([frame(1, '12\t/barnacle-root\n'), frame(1, 'Filesystem')]).subarray(0, 38);
    expect(demultiplexLogs(cut).stdout).toBe('12\t/barnacle-root\nFile');
    expect(demultiplexLogs(Buffer.from('12\t/barnacle-root\n'))).toEqual({
      stdout: '12\t/barnacle-root\n',
      stderr: '',
    });
    expect(demultiplexLogs(Buffer.alloc(0))).toEqual({ stdout: '', stderr: '' });
  });
});

describe('du and df, in bytes', () => {
  it('KiB times 1024; df -P gives the size and what an unprivileged writer may use', () => {
    const { stdout, stderr } = demultiplexLogs(withCapability);
    expect(parseHelperOutput(stdout, stderr)).toEqual({
      allocatedBytes: 4284 * 1024,
      filesystemTotalBytes: 264212084 * 1024,
      filesystemFreeBytes: 80864800 * 1024,
      unreadable: 0,
    });
  });

  it('counts the entries du could not read (the total then leaves them out)', () => {
    const { stdout, stderr } = demultiplexLogs(withoutCapability);
    expect(parseHelperOutput(stdout, stderr)).toMatchObject({ allocatedBytes: 4184 * 1024, unreadable: 1 });
  });

  it("reads df's line from its end, so a filesystem name with spaces is fine", () => {
    const out =
      '8\t/barnacle-root\nFilesystem 1024-blocks Used Available Capacity Mounted on\nmy disk 100 60 40 60% /barnacle-root\n';
    expect(parseHelperOutput(out, '')).toEqual({
      allocatedBytes: 8192,
      filesystemTotalBytes: 102400,
      filesystemFreeBytes: 40960,
      unreadable: 0,
    });
  });

  it("without du's line nothing was measured; without df's the filesystem is unknown", () => {
    expect(parseHelperOutput('', 'sh: /bin/busybox: not found\n')).toBeNull();
    expect(parseHelperOutput('oops\t/barnacle-root\n', '')).toBeNull();
    expect(parseHelperOutput('12\t/elsewhere\n', '')).toBeNull();
    expect(parseHelperOutput('99999999999999999999\t/barnacle-root\n', '')).toBeNull();
    expect(parseHelperOutput('12\t/barnacle-root\r\n', 'df: /barnacle-root: not found\n')).toEqual({
      allocatedBytes: 12 * 1024,
      filesystemTotalBytes: null,
      filesystemFreeBytes: null,
      unreadable: 1,
    });
  });
});

describe('what the helper runs, and what it tells a person to run', () => {
  it('a fixed argv that names only the mount', () => {
    expect(HELPER_COMMAND).toEqual([
      '/bin/busybox',
      'sh',
      '-c',
      '/bin/busybox du -s -k -x /barnacle-root; /bin/busybox df -k -P /barnacle-root',
    ]);
  });

  it('the pull command in the engine’s own CLI', () => {
    expect(pullCommandOf('docker', 'busybox:latest')).toBe('docker pull busybox:latest');
    expect(pullCommandOf('podman', 'registry.example/tools/busybox:1.36')).toBe(
      'podman pull registry.example/tools/busybox:1.36',
    );
  });
});
