// ---------------------------------------------------------------------------------------------
// A written question: an answer box saved as the learner types, a self-check list, a model answer
// that opens only after a first draft is saved, and the tutor's decision. The learner's text is
// only ever put back as the box's value, and every other text with textContent: never as markup.
// ---------------------------------------------------------------------------------------------
const WRITTEN_WAIT_MS = 1000; // save this long after typing stops, and at once on leaving the box
const WRITTEN_RETRY_MS = [5000, 10000, 20000, 60000]; // a failed save is tried again after these
const WORD_RE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu; // the kernel counts words the same way

function countWords(text) {
  return (text.match(WORD_RE) || []).length;
}

function renderWritten(model, el) {
  const spec = model.get("spec");
  const id = uid("wrw");
  const root = h("div", {
    class: "wrq wrq-written",
    role: "group",
    "data-question-id": spec.id,
    "data-quiz-id": spec.quiz || "",
    "data-question-type": "written",
    "data-saved": "",
    "data-saves": "0",
    tabindex: "-1",
    "aria-labelledby": `${id}-num`,
  });
  const label = spec.total > 1 ? `Question ${spec.number} of ${spec.total}` : "Question";
  const number = h("p", { class: "wrq-number", id: `${id}-num` },
    `${label}: written answer (criterion ${spec.criterion})`);
  const prompt = h("label", { class: "wrq-prompt wrw-prompt", for: `${id}-text` }, spec.prompt);
  const help = h("p", { class: "wrq-help", id: `${id}-help` },
    `Write ${spec.length}. ` +
    (spec.frame && spec.frame.length
      ? "The box starts with sentence starters: finish them in your own words, or delete the ones you do not need. "
      : "") +
    "Your answer is saved as you type.");
  const box = h("textarea", {
    id: `${id}-text`, class: "wrw-text", rows: "10", maxlength: "10000", spellcheck: "true",
    "aria-describedby": `${id}-help ${id}-count`,
  });
  const count = h("p", { class: "wrw-count", id: `${id}-count` });
  root.append(number, prompt, help);
  if (spec.hint) root.append(h("p", { class: "wrq-hint wrw-hint" }, `Hint: ${spec.hint}`));
  root.append(box, count);

  // The self-check: what a good answer does, from the criterion. Ticks are saved with the text.
  const checks = h("fieldset", { class: "wrw-check" });
  checks.append(h("legend", {}, "Check your answer: tick each one your answer does"));
  const ticks = spec.self_check.map((text, i) => {
    const input = h("input", { type: "checkbox", id: `${id}-check-${i}`, value: String(i) });
    const row = h("label", { class: "wrq-option wrw-check-item", for: `${id}-check-${i}` });
    row.append(input, h("span", {}, text));
    checks.append(row);
    input.addEventListener("change", () => send());
    return input;
  });
  root.append(checks);

  // One live region, on the page and empty from the start: "Draft saved" or the warning, once.
  const status = h("div", { class: "wrw-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const savedAt = h("p", { class: "wrw-saved-at" });
  root.append(status, savedAt);

  const open = h("button", { type: "button", class: "wrw-model-open", "aria-describedby": `${id}-model-note` },
    "Show a model answer");
  const note = h("p", { class: "wrw-model-note", id: `${id}-model-note` });
  const modelBox = h("section", { class: "wrw-model", hidden: true, "aria-labelledby": `${id}-model-title` });
  // Titles are not headings: a widget cannot know the heading levels of the page around it.
  const modelTitle = h("p", { id: `${id}-model-title`, class: "wrw-title", tabindex: "-1" }, "A model answer");
  const modelText = h("p", { class: "wrw-model-text" });
  modelBox.append(modelTitle, modelText,
    h("p", { class: "wrw-model-tip" }, "Compare it with your answer. Use your own words: do not copy it."));
  const markBox = h("section", { class: "wrw-mark", hidden: true, "aria-label": "Your tutor's decision" });
  root.append(open, note, modelBox, markBox);
  open.addEventListener("click", () => model.send({ event: "model" }));

  let sent = null; // the text and ticks the kernel has (or was last sent)
  let seq = 0;
  let timer = null;
  let retries = 0;
  let retryTimer = null;

  function ticked() {
    return ticks.flatMap((t, i) => (t.checked ? [i] : []));
  }
  function showCount() {
    count.textContent = `${countWords(box.value)} words (aim for ${spec.length}).`;
  }
  function send(force = false) {
    clearTimeout(timer);
    timer = null;
    const now = JSON.stringify([box.value, ticked()]);
    if (!force && now === sent) return;
    sent = now;
    seq += 1;
    root.dataset.pending = "no";
    root.dataset.sent = String(seq);
    model.send({ event: "draft", text: box.value, ticked: ticked(), n: seq });
  }
  box.addEventListener("input", () => {
    root.dataset.pending = "yes";
    showCount();
    clearTimeout(timer);
    timer = setTimeout(send, WRITTEN_WAIT_MS);
  });
  box.addEventListener("blur", () => send());

  let said = "";
  function drawSave() {
    const s = model.get("save") || {};
    if (s.ok === undefined) return;
    root.dataset.saved = s.ok ? "yes" : "no";
    root.dataset.saves = String(s.n || 0);
    root.dataset.answered = s.answered ? "yes" : "no";
    const words = s.ok ? s.message : `⚠ ${s.message}`;
    if (words !== said) {
      // Written only when the words change: one announcement per change, not one per keystroke.
      said = words;
      status.replaceChildren(h("p", { class: s.ok ? "wrw-saved" : "wrq-save-warning" }, words));
    }
    if (s.ok) {
      const when = new Date(s.time);
      savedAt.textContent = `Last saved at ${when.toLocaleTimeString()} (${s.words} words).`;
      retries = 0;
      clearTimeout(retryTimer);
    } else {
      // Tried again by itself after a pause (longer each time), and at the next change.
      clearTimeout(retryTimer);
      const wait = WRITTEN_RETRY_MS[Math.min(retries, WRITTEN_RETRY_MS.length - 1)];
      retries += 1;
      retryTimer = setTimeout(() => send(true), wait);
    }
  }
  function drawOpen() {
    const can = model.get("can_open");
    open.disabled = !can;
    note.textContent = can
      ? "Your draft is saved: you can compare it with a model answer."
      : "You can open a model answer after your first draft is saved.";
  }
  function drawModel() {
    const m = model.get("model") || {};
    const was = !modelBox.hidden;
    modelBox.hidden = !m.text;
    modelText.textContent = m.text || "";
    root.dataset.model = m.text ? "open" : "closed";
    if (m.text && !was) modelTitle.focus();
  }
  function drawMark() {
    const m = model.get("mark") || {};
    markBox.replaceChildren();
    markBox.hidden = !m.decision;
    root.dataset.mark = m.decision || "";
    if (!m.decision) return;
    markBox.append(h("p", { class: "wrw-title" }, "Your tutor's decision"),
      h("p", { class: `wrw-decision wrw-${m.decision}` }, m.words));
    if (m.comment) {
      const p = h("p", { class: "wrw-comment" });
      p.append(h("strong", {}, "Comment: "), document.createTextNode(m.comment));
      markBox.append(p);
    }
    if (m.time) markBox.append(h("p", { class: "wrw-mark-time" }, `Marked on ${new Date(m.time).toLocaleDateString()}.`));
    if (m.changed) markBox.append(h("p", { class: "wrw-changed" }, "You changed your answer after your tutor read it."));
  }
  function drawRestored() {
    const r = model.get("restored") || {};
    if (r.text === undefined) return;
    box.value = r.text;
    ticks.forEach((t, i) => { t.checked = (r.ticked || []).includes(i); });
    sent = JSON.stringify([box.value, ticked()]);
    status.replaceChildren();
    said = "";
    savedAt.textContent = "";
    root.dataset.saved = "";
    root.dataset.restored = String(r.n || 0);
    showCount();
  }
  model.on("change:save", drawSave);
  model.on("change:can_open", drawOpen);
  model.on("change:model", drawModel);
  model.on("change:mark", drawMark);
  model.on("change:restored", drawRestored);
  drawRestored();
  drawOpen();
  drawModel();
  drawMark();
  showCount();
  el.append(root); // drawn in full before it joins the page: a restored answer is not announced
  return () => { clearTimeout(timer); clearTimeout(retryTimer); };
}

RENDERERS.written = renderWritten;
