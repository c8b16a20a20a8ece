// Held touches: what tact keeps for tools that cannot ask again
// (on_limit = "hold"), by state, with a cancel for those still held.
import * as data from '../data.js';
import { formatCount, formatTime, h, nameOf } from '../format.js';

const STATES = ['held', 'calling', 'delivered', 'dead', 'cancelled'];
const MEANING = {
  held: 'waiting to be decided again when due',
  calling: 'decided; the tool is being called back',
  delivered: 'the tool took the callback',
  dead: 'the callback failed every attempt',
  cancelled: 'cancelled while held',
};

export async function renderHeld(root, state, rerender) {
  if (!STATES.includes(state)) state = 'held';
  const list = await data.held(state);
  root.append(h('h1', {}, 'Held touches'));
  if (!list) {
    root.append(h('p', {}, 'This report does not carry held touches.'));
    return;
  }
  const problem = h('p', { class: 'bad', role: 'alert', 'data-testid': 'held-problem', hidden: true });
  const cancel = async (id) => {
    try {
      await data.cancelHeld(id);
    } catch (error) {
      // A reports token sees held touches but may not cancel them.
      problem.textContent = `Could not cancel ${id}: ${error.message}`;
      problem.hidden = false;
      return;
    }
    await rerender();
  };
  root.append(
    h('p', { class: 'range' }, 'Touches deferred for tools that cannot ask again (on_limit = "hold"): tact decides each again when it is due and calls the tool back.'),
    problem,
    h('nav', { class: 'tabs', 'data-testid': 'held-tabs' }, STATES.map((name) =>
      h('a', { href: `#/held/${name}`, class: name === state ? 'active' : '', 'data-state': name, 'data-count': list.counts[name], title: MEANING[name] },
        `${name} ${formatCount(list.counts[name])}`))),
    h('section', { class: 'card' },
      h('h2', {}, `${state}: ${MEANING[state]}`),
      list.held.length === 0 ? h('p', { 'data-testid': 'held-empty' }, 'None.') :
        h('table', { 'data-testid': 'held-table' },
          h('thead', {}, h('tr', {}, ['id', 'person', 'tool', 'campaign', 'held at', 'due', 'decision', 'attempts', 'last error', '']
            .map((title) => h('th', {}, title)))),
          h('tbody', {}, list.held.map((item) => h('tr', { 'data-testid': 'held-row', 'data-id': item.id },
            h('td', {}, h('code', {}, item.id)),
            h('td', {}, h('a', { href: `#/person/${encodeURIComponent(item.person_id)}` }, item.person_id)),
            h('td', {}, nameOf(item.tool)), h('td', {}, nameOf(item.campaign)),
            h('td', {}, formatTime(item.held_at)), h('td', {}, formatTime(item.due)),
            h('td', {}, item.decision ? `${item.decision}${item.reason_code ? ` (${item.reason_code})` : ''}` : '—'),
            h('td', { class: 'n' }, item.attempts), h('td', {}, item.last_error ?? ''),
            h('td', {}, item.state === 'held'
              ? h('button', { type: 'button', 'data-testid': 'held-cancel', onclick: () => cancel(item.id) }, 'Cancel')
              : null)))))),
  );
}
