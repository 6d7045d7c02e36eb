"""What an accessibility check reads from a page: duplicate ids, labels and their controls, the Tab
order, focus rings, reflow, text size and line length, and Chromium's accessibility tree.

    duplicate_ids(page)                 # ids used by more than one element (our widgets' scope)
    label_targets(page)                 # each label and the control it really drives
    tab_walk(page)                      # question ids in the order Tab reaches them
    focus_ring(page)                    # the focused element's outline and its contrast
    overflow(page)                      # what sticks out past the viewport's right edge
    ax_node(page, cdp, element)         # the element's node in Accessibility.getFullAXTree
"""

from __future__ import annotations

from typing import Any

OURS = ".wrq, .wrq-quiz-header, .wrq-quiz-summary, .wrq-learner, .wr-figure, .wr-table-box"

# Ids inside our widgets (and every id our widgets point at) that more than one element holds.
_DUPLICATE_IDS = """(scope) => {
    const ours = new Set();
    for (const root of document.querySelectorAll(scope)) {
        for (const el of [root, ...root.querySelectorAll('*')]) {
            if (el.id) ours.add(el.id);
            for (const attr of ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls']) {
                for (const ref of (el.getAttribute(attr) || '').split(/\\s+/)) if (ref) ours.add(ref);
            }
        }
    }
    const count = {};
    for (const el of document.querySelectorAll('[id]')) count[el.id] = (count[el.id] || 0) + 1;
    return [...ours].filter((id) => (count[id] || 0) !== 1).map((id) => [id, count[id] || 0]);
}"""


def duplicate_ids(page, scope: str = OURS) -> list[tuple[str, int]]:
    """Ids our widgets use or point at that are missing or held by more than one element."""
    return [tuple(x) for x in page.evaluate(_DUPLICATE_IDS, scope)]


# Each label of a question, the question it sits in and the question of the control it drives.
_LABEL_TARGETS = """() => [...document.querySelectorAll('.wrq label')].map((label) => {
    const control = label.control;
    const own = label.closest('.wrq');
    return {
        text: label.textContent.trim(),
        question: own && own.dataset.questionId,
        index: [...document.querySelectorAll('.wrq')].indexOf(own),
        controlIndex: control
            ? [...document.querySelectorAll('.wrq')].indexOf(control.closest('.wrq')) : -1,
        inside: !!control && (label.contains(control)
            || control.closest('.wrq-row') === label.closest('.wrq-row')),
    };
})"""


def label_targets(page) -> list[dict[str, Any]]:
    return page.evaluate(_LABEL_TARGETS)


_FOCUSED_QUESTION = """() => {
    const a = document.activeElement;
    const q = a && a.closest && a.closest('.wrq');
    if (!q) return null;
    return [...document.querySelectorAll('.wrq')].indexOf(q);
}"""


def tab_walk(page, max_presses: int = 2000) -> list[int]:
    """Press Tab from the top of the page to the end; the question index (page order) that
    holds focus after each press, repeats collapsed (a question has several Tab stops)."""
    page.evaluate(
        "() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }"
    )
    page.locator("body").focus()
    seen: list[int] = []
    last_element = None
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        element = page.evaluate_handle("() => document.activeElement")
        if last_element is not None and page.evaluate(
            "([a, b]) => a === b", [element, last_element]
        ):
            break  # focus stayed put: the end of the page
        if page.evaluate("(a) => a === document.body", element):
            break
        last_element = element
        index = page.evaluate(_FOCUSED_QUESTION)
        if index is not None and (not seen or seen[-1] != index):
            seen.append(index)
        if (
            index is None
            and seen
            and page.evaluate(
                "(a) => { const qs = document.querySelectorAll('.wrq'); const last = qs[qs.length - 1];"
                " return !!last && !!(last.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING); }",
                element,
            )
        ):
            break  # past the last question
    return seen


# --------------------------------------------------------------------------- colour and focus

_COLOUR_JS = """
function rgba(text) {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function luminance([r, g, b]) {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
function contrast(a, b) {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
}
function backgroundBehind(el) {
    for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
}
"""

_FOCUS_RING = (
    "() => {"
    + _COLOUR_JS
    + """
    const a = document.activeElement;
    if (!a || a === document.body) return null;
    const s = getComputedStyle(a);
    const ring = rgba(s.outlineColor);
    const offset = parseFloat(s.outlineOffset) || 0;
    const behind = backgroundBehind(offset > 0 ? a.parentElement : a);
    return {
        what: `${a.tagName.toLowerCase()}.${a.className} ${(a.textContent || a.value || '').trim().slice(0, 40)}`,
        style: s.outlineStyle,
        width: parseFloat(s.outlineWidth) || 0,
        contrast: ring ? contrast(ring, behind) : 0,
    };
}"""
)


def focus_ring(page) -> dict[str, Any] | None:
    """The focused element's outline: style, width in CSS px, contrast with what is behind it."""
    return page.evaluate(_FOCUS_RING)


# --------------------------------------------------------------------------- reflow

_OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('#rendered_cells *, .jp-NotebookPanel *')) {
        if (el.closest('.wr-table-box')) continue;  // a wide data table scrolls in its own box
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height) continue;
        if (r.right > width + 1 || r.left < -1) {
            const name = `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 50)}`;
            out.push(`${name} ${Math.round(r.left)}..${Math.round(r.right)} of ${width}`);
        }
    }
    const scrollers = [...document.querySelectorAll('*')].filter((el) =>
        el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
        && !el.classList.contains('wr-table-box'));
    const named = (el) => `${el.tagName}#${el.id}.${String(el.className).slice(0, 40)}`;
    return {outside: out.slice(0, 20), scrollers: scrollers.map(named)};
}"""


def overflow(page) -> dict[str, list[str]]:
    """Elements that stick out past the viewport and boxes that scroll sideways (data tables,
    which may, aside)."""
    return page.evaluate(_OVERFLOW)


# Characters on the longest rendered line of each paragraph (lines found from the text's boxes).
_LONGEST_LINES = """(selector) => {
    const out = [];
    for (const block of document.querySelectorAll(selector)) {
        if (!block.offsetParent) continue;
        const lines = new Map();
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
                range.setStart(node, i); range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                const top = Math.round(rect.top);
                lines.set(top, (lines.get(top) || 0) + 1);
            }
        }
        const longest = Math.max(0, ...lines.values());
        out.push([longest, block.textContent.trim().slice(0, 60)]);
    }
    return out;
}"""


def longest_lines(page, selector: str) -> list[tuple[int, str]]:
    return [tuple(x) for x in page.evaluate(_LONGEST_LINES, selector)]


_SMALL_TEXT = """([scope, floor]) => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector(scope), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim()) continue;
        const el = node.parentElement;
        if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
        if (el.closest('.wrq-sr-only, script, style, .jp-InternalAnchorLink')) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        const name = `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)}`;
        if (size < floor) out.push(`${size}px: ${name} ${node.textContent.trim().slice(0, 40)}`);
    }
    return out.slice(0, 20);
}"""


def small_text(page, scope: str = "#rendered_cells", floor: float = 16) -> list[str]:
    """Visible text drawn smaller than ``floor`` CSS px."""
    return page.evaluate(_SMALL_TEXT, [scope, floor])


# --------------------------------------------------------------------------- accessibility tree


def ax_tree(cdp) -> list[dict[str, Any]]:
    cdp.send("Accessibility.enable")
    return cdp.send("Accessibility.getFullAXTree")["nodes"]


def _backend_id(cdp) -> int:
    """Chromium's backend node id of the element the page stashed in window.__wrAxTarget."""
    obj = cdp.send("Runtime.evaluate", {"expression": "window.__wrAxTarget"})["result"]
    return cdp.send("DOM.describeNode", {"objectId": obj["objectId"]})["node"]["backendNodeId"]


def ax_node(page, cdp, element) -> dict[str, Any] | None:
    """The node of ``element`` in the full accessibility tree, or None when the tree leaves it
    out (hidden, display:none, or ignored)."""
    page.evaluate("(el) => { window.__wrAxTarget = el; }", element)
    wanted = _backend_id(cdp)
    for node in ax_tree(cdp):
        if node.get("backendDOMNodeId") == wanted:
            return node
    return None


def ax_props(node: dict[str, Any]) -> dict[str, Any]:
    return {p["name"]: p.get("value", {}).get("value") for p in node.get("properties", [])}


def ax_text(cdp, node: dict[str, Any]) -> str:
    """The text a screen reader reads inside an AX node (its descendants' names)."""
    nodes = {n["nodeId"]: n for n in ax_tree(cdp)}
    parts: list[str] = []

    def walk(n: dict[str, Any]) -> None:
        if n.get("role", {}).get("value") in ("StaticText", "text") and not n.get("ignored"):
            parts.append(str(n.get("name", {}).get("value", "")))
        for child in n.get("childIds", []):
            if child in nodes:
                walk(nodes[child])

    walk(nodes.get(node["nodeId"], node))
    return " ".join(" ".join(parts).split())
