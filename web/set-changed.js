// Attribute, style and text writes that leave an unchanged value alone. A plot or a sentence
// redrawn on every result of a drag writes mostly the same values again (a contour's class, a
// marker's radius, the words around a number); in Chromium even an identical write invalidates
// the element's style and its layout, which the next frame then pays for.

/** Sets el's attribute name to value (a string, or null: removed) unless it has it already. */
export function setAttr(el, name, value) {
  if (value === null || value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== String(value)) el.setAttribute(name, String(value));
}

/**
 * Sets el's inline style property name unless it has that value already. Through the CSSOM, as
 * d3's style(): a strict CSP may block style attributes.
 */
export function setStyle(el, name, value) {
  if (el.style.getPropertyValue(name) !== value) el.style.setProperty(name, value);
}

/**
 * Sets el's text unless it has it already. An element holding one text node keeps that node and
 * only its data changes: a new node would be a new layout object.
 */
export function setText(el, text) {
  const node = el.firstChild;
  if (node?.nodeType === Node.TEXT_NODE && !node.nextSibling) {
    if (node.data !== text) node.data = text;
  } else if (el.textContent !== text) el.textContent = text;
}
