// Accessible quiz widgets (anywidget). Every text from a bank, the dataset or a learner is set with
// textContent, never innerHTML: a prompt holding <script> shows those characters and runs nothing.
// The answer key never reaches this file: the kernel grades and sends back words to show.

function h(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

// An id no other element on the page has, whenever and however often widgets are drawn: random,
// not a clock or a counter (each widget view may load its own copy of this module, so a counter
// restarts at 0, and many views are drawn in the same millisecond). getRandomValues also works
// where randomUUID does not (a class server reached over plain http is not a "secure context").
function uid(prefix) {
  const c = globalThis.crypto;
  const random = c && typeof c.randomUUID === "function"
    ? c.randomUUID()
    : Array.from(c.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join("-");
  return `${prefix}-${random}`;
}

// Each widget kind's file adds its render function here; the bundle dispatches on model.kind.
const RENDERERS = {};
