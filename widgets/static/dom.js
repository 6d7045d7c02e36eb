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

let counter = 0;
const uid = (prefix) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

// Each widget kind's file adds its render function here; the bundle dispatches on model.kind.
const RENDERERS = {};
