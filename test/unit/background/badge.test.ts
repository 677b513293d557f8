import browser from 'webextension-polyfill';
import { forgetBadge, showBadge } from '../../../src/background/badge';

// Each badge call costs the browser CPU (about 10 ms for setBadgeText): the badge calls only when what it shows changes.
const setText = browser.action.setBadgeText as jest.Mock;
const setTitle = browser.action.setTitle as jest.Mock;
const setColour = browser.action.setBadgeBackgroundColor as jest.Mock;

describe('the toolbar badge', () => {
  beforeEach(() => [setText, setTitle, setColour].forEach((m) => m.mockClear()));

  it('sets a tab\'s badge once for what it shows, and its colour once for every tab', async () => {
    await showBadge(7, '6', '6 undeclared');
    await showBadge(7, '6', '6 undeclared');
    await showBadge(8, '', 'all declared');
    expect(setText.mock.calls).toEqual([[{ tabId: 7, text: '6' }], [{ tabId: 8, text: '' }]]);
    expect(setTitle).toHaveBeenCalledTimes(2);
    expect(setColour).toHaveBeenCalledTimes(1);
    expect(setColour).toHaveBeenCalledWith({ color: '#b3261e' });
  });

  it('sets it again when the count or the title changes', async () => {
    await showBadge(9, '1', 'one');
    await showBadge(9, '2', 'two');
    await showBadge(9, '2', 'two, in French');
    expect(setText.mock.calls.map(([d]) => (d as { text: string }).text)).toEqual(['1', '2', '2']);
  });

  it('sets it again after the tab navigated, since the browser reset it', async () => {
    await showBadge(10, '3', 'three');
    forgetBadge(10);
    await showBadge(10, '3', 'three');
    expect(setText).toHaveBeenCalledTimes(2);
  });

  it('does not take a badge set while its tab navigated as shown', async () => {
    let release: () => void = () => undefined;
    setText.mockImplementationOnce(() => new Promise<void>((r) => (release = r)));
    const setting = showBadge(11, '4', 'four');
    await Promise.resolve();
    forgetBadge(11); // the navigation's reset came between the call and its answer
    release();
    await setting;
    await showBadge(11, '4', 'four');
    expect(setText).toHaveBeenCalledTimes(2);
  });
});
