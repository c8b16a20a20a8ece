// Numbers and times as every view shows them.
const integer = new Intl.NumberFormat('en-US');
const rate = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatCount = (n) => integer.format(n ?? 0);
export const formatRate = (n) => rate.format(n ?? 0);
export const formatTime = (iso) => (iso ? iso.replace('T', ' ').replace(/:00Z$/, ' UTC').replace(/Z$/, ' UTC') : '—');
export const nameOf = (name) => (name === '' || name === undefined ? '(none)' : name);
export const heldBackOf = (counts) => (counts.deferred ?? 0) + (counts.suppressed ?? 0);

// h('td', {class: 'n'}, '12') -> <td class="n">12</td>
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}
