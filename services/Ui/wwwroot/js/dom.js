// Small helpers to build elements without innerHTML, so nothing a record carries (reasons, ids) is read as markup.

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter(child => child !== null && child !== undefined).map(child => child instanceof Node ? child : String(child)));
  return element;
}

export function table(target, headings, rows) {
  target.replaceChildren(
    el('thead', {}, el('tr', {}, headings.map(h => el('th', { class: h.num ? 'num' : null }, h.label ?? h)))),
    el('tbody', {}, rows));
}

/** Writes a section's status line (or another line of it, e.g. '.action'); errors show as such. */
export function status(section, text, isError = false, which = '.status') {
  const line = section.querySelector(which);
  line.textContent = text ?? '';
  line.classList.toggle('error', isError);
}

export function number(value, digits = 0) {
  return value === null || value === undefined ? '–' : Number(value).toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function clock(time) {
  return new Date(time).toLocaleTimeString('en-GB', { hour12: false });
}
