import { flush, loadFacts, putChange, storageProblem } from '../../../src/background/audit-store';
import { auditArea } from '../../../src/background/storage-area';
import { change, cookie } from '../helpers';

describe('when storage refuses a write', () => {
  it('keeps the facts in memory, says so, and stores them with the next write that succeeds', async () => {
    const area = auditArea();
    const stored: Record<string, unknown> = {};
    const set = jest.spyOn(area, 'set').mockImplementation(async (items) => {
      Object.assign(stored, items);
    });
    jest.spyOn(area, 'get').mockImplementation(async () => ({ ...stored }));
    set.mockRejectedValueOnce(new Error('Session storage quota bytes exceeded. Values were not stored.'));

    putChange(change(1, cookie('first')));
    await flush();
    expect(storageProblem()).toEqual({ message: 'Session storage quota bytes exceeded. Values were not stored.', unsaved: 1 });
    expect(Object.keys(stored)).toEqual([]); // nothing half-written
    expect((await loadFacts()).changes.map((c) => c.cookie.name)).toEqual(['first']); // still in every report

    putChange(change(2, cookie('second')));
    await flush();
    expect(storageProblem()).toBeNull();
    expect(Object.keys(stored)).toHaveLength(2);
    expect((await loadFacts()).changes.map((c) => c.cookie.name).sort()).toEqual(['first', 'second']);
  });
});
