import { jarCookieOf, writesWithoutChange } from '../../../../src/core/evidence/recover';
import { change, cookie, header, script } from '../../helpers';

describe('changes a stopped worker missed', () => {
  const page = 'http://127.0.0.1:8000/ticker';
  it('finds writes with no change of that cookie near their time, and the jar cookie they set', () => {
    const changes = [change(1_000, cookie('tick_1', { domain: '127.0.0.1' }))];
    const scripts = [script(1_000, 1, page, ['tick_1']), script(2_000, 1, page, ['tick_2']), script(2_100, 1, page, ['gone'], undefined, true)];
    const headers = [header(3_000, 1, 'http://127.0.0.2/pixel.gif', ['tp'])];
    const lost = writesWithoutChange(changes, headers, scripts);
    expect(lost.map((w) => [w.name, w.host, w.at])).toEqual([['tick_2', '127.0.0.1', 2_000], ['tp', '127.0.0.2', 3_000]]);
    const jar = [cookie('tick_2', { domain: '127.0.0.1' }), cookie('tp', { domain: 'other.example' })];
    expect(jarCookieOf(lost[0] as (typeof lost)[number], jar)?.name).toBe('tick_2');
    // A cookie of that name the writer could not have set is not taken for it.
    expect(jarCookieOf(lost[1] as (typeof lost)[number], jar)).toBeUndefined();
  });
  it('a change within the matching window counts as recorded', () => {
    const changes = [change(9_000, cookie('late', { domain: '127.0.0.1' }))];
    expect(writesWithoutChange(changes, [], [script(1_000, 1, page, ['late'])])).toEqual([]);
  });
});
