// Attribute and style writes that leave an unchanged value alone. A plot redrawn on every result
// of a drag writes mostly the same values again (a contour's class, a marker's radius); in
// Chromium even an identical write invalidates the element's style and its SVG layout, which the
// next frame then pays for.

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
