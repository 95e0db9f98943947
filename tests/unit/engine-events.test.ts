// Which reads a batch of engine events asks for. The lines are as Docker 20.10,
// Docker 26 and Podman 4.3 / 5.4 sent them (tests/integration/live-inventory.test.ts
// checks the whole path against those engines).

import { describe, expect, it } from 'vitest';
import { digestEvents, parseEngineEvent, readsNeeded, type EngineEvent } from '../../src-main/inventory/engine-events';

const IMG = 'sha256:' + 'a'.repeat(64);
const IMG2 = 'sha256:' + 'b'.repeat(64);
const CTR = 'c'.repeat(64);
const docker = { imageRemovalIsFinal: true };
const podman = { imageRemovalIsFinal: false };
const image = (action: string, id = IMG, name?: string): EngineEvent => ({
  type: 'image',
  action,
  id,
  ...(name ? { name } : {}),
});
const container = (action: string, id = CTR): EngineEvent => ({ type: 'container', action, id });

describe('parseEngineEvent', () => {
  it('reads type, action, ID and name from a Docker event line', () => {
    const line = JSON.stringify({ Type: 'image', Action: 'tag', Actor: { ID: IMG, Attributes: { name: 'web:1' } } });
    expect(parseEngineEvent(line)).toEqual({ type: 'image', action: 'tag', id: IMG, name: 'web:1' });
  });

  it("takes Podman's build event ID from its name", () => {
    const hex = 'd'.repeat(64);
    const line = JSON.stringify({ Type: 'image', Action: 'build', Actor: { ID: '', Attributes: { name: hex } } });
    expect(parseEngineEvent(line)).toEqual({ type: 'image', action: 'build', id: hex });
  });

  it("keeps Podman 4.3's load event, which names a temporary file and no image, as an ID-less event", () => {
    const line = JSON.stringify({
      Type: 'image',
      Action: 'loadfromarchive',
      Actor: { ID: '', Attributes: { name: '/var/tmp/api_load.tar1' } },
    });
    expect(parseEngineEvent(line)).toEqual({
      type: 'image',
      action: 'loadfromarchive',
      id: '',
      name: '/var/tmp/api_load.tar1',
    });
  });

  it('ignores other types and lines that are not JSON', () => {
    expect(parseEngineEvent(JSON.stringify({ Type: 'network', Action: 'connect', Actor: { ID: 'x' } }))).toBeNull();
    expect(parseEngineEvent('{"Type":"image"')).toBeNull();
  });
});

describe('digestEvents', () => {
  it('needs no call for a removal on Docker (untag then delete)', () => {
    const d = digestEvents([image('untag', IMG, 'web:1'), image('delete')], docker);
    expect([...d.imagesGone]).toEqual([IMG]);
    expect(readsNeeded(d)).toBe(0);
  });

  it('reads the image back on Podman, whose delete may mean one tag of several', () => {
    const d = digestEvents([image('untag', IMG, 'web:1'), image('delete')], podman);
    expect(d.imagesGone.size).toBe(0);
    expect([...d.imagesChanged.keys()]).toEqual([IMG]);
  });

  it('lets the last word on an ID win: removed then loaded again is read back', () => {
    const d = digestEvents([image('delete'), image('load', IMG, 'web:1')], docker);
    expect(d.imagesGone.size).toBe(0);
    expect([...d.imagesChanged.get(IMG)!]).toEqual(['web:1']);
  });

  it('reads each container once however many events it had, and none that was destroyed', () => {
    const other = 'e'.repeat(64);
    const d = digestEvents(
      [
        container('create'),
        container('start'),
        container('die'),
        container('stop'),
        container('create', other),
        container('destroy', other),
      ],
      docker,
    );
    expect([...d.containersChanged]).toEqual([CTR]);
    expect([...d.containersGone]).toEqual([other]);
  });

  it('ignores actions that change nothing the lists show', () => {
    const d = digestEvents([container('exec_start: sh'), container('attach'), image('save')], docker);
    expect(readsNeeded(d)).toBe(0);
    expect(d.containersGone.size + d.imagesGone.size).toBe(0);
  });

  it('asks for a full read when an event names nothing to read back', () => {
    expect(digestEvents([image('loadfromarchive', '')], podman).needsFullRead).toBe(true);
    expect(digestEvents([image('tag', IMG2, 'x:1')], podman).needsFullRead).toBe(false);
  });

  it('normalises bare-hex image IDs so both spellings are one image', () => {
    const d = digestEvents([image('tag', 'a'.repeat(64)), image('untag', IMG)], podman);
    expect([...d.imagesChanged.keys()]).toEqual([IMG]);
  });
});
