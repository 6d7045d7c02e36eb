// ---------------------------------------------------------------------------------------------
// The class view's marking panel: written answers by question, one learner at a time or side by
// side, with the self-check each learner ticked; the tutor saves "met" / "not yet" and a comment.
// Learners' names and answers reach this page only while marking is open. Every text is set with
// textContent (h()), never as markup. The panel has ONE live region, made once and never replaced:
// each "Save mark" writes it once (✓ saved, or ⚠ not saved).
// ---------------------------------------------------------------------------------------------
function renderMarking(model, el) {
  const id = uid("wrm");
  const root = h("section", { class: "wrc wrc-marking", "aria-labelledby": `${id}-title` });
  const title = h("h2", { id: `${id}-title` }, "Mark written answers");
  const body = h("div", { class: "wrm-body" });
  const status = h("div", { class: "wrm-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  root.append(title, body, status);
  el.append(root);

  // What the tutor has chosen or typed but not saved yet survives the page being drawn again
  // (the page is redrawn whenever a learner saves): answer id -> {decision, comment}.
  const drafts = new Map();
  let said = "";

  function key(node) {
    return node && node.dataset ? node.dataset.key : undefined;
  }

  function radio(name, value, text, checked, keyName) {
    const rid = uid("wrm-r");
    const input = h("input", { type: "radio", name, value, id: rid, "data-key": keyName });
    input.checked = checked;
    const label = h("label", { for: rid, class: "wrc-switch" });
    label.append(input, h("span", {}, text));
    return [label, input];
  }

  function answerCard(a, d, detail) {
    const hid = uid("wrm-h");
    const card = h("article", { class: "wrm-answer", "data-answer": a.id, "aria-labelledby": hid });
    card.append(h("h3", { id: hid }, a.name));
    const meta = [];
    if (a.time) meta.push(`Saved ${new Date(a.time).toLocaleString()}`);
    if (a.words !== null && a.words !== undefined) meta.push(`${a.words} words (asked for ${detail.length})`);
    if (a.unfinished) meta.push(`${a.unfinished} sentence starter${a.unfinished === 1 ? "" : "s"} left as given`);
    card.append(h("p", { class: "wrm-meta" }, meta.join(". ") + (meta.length ? "." : "")));
    card.append(h("div", { class: "wrm-text" }, a.text));
    if (a.model_opened) {
      card.append(h("p", { class: "wrm-model-opened" },
        `Opened the model answer on ${new Date(a.model_opened).toLocaleString()}.` +
        (a.before_model ? " The answer has changed since then." : "")));
      if (a.before_model) {
        const before = h("details", { class: "wrm-before" });
        before.append(h("summary", {}, "What they had written before opening the model answer"),
          h("div", { class: "wrm-text" }, a.before_model));
        card.append(before);
      }
    }
    const checks = h("ul", { class: "wrm-checks", "aria-label": "Self-check" });
    detail.self_check.forEach((text, i) => {
      const yes = a.ticked[i];
      checks.append(h("li", {}, `${yes ? "✓ Ticked" : "✗ Not ticked"}: ${text}`));
    });
    card.append(h("p", { class: "wrm-checks-title" }, "Self-check:"), checks);
    if (a.mark) {
      const words = a.mark.decision === "met" ? "✓ Met" : "◐ Not yet";
      card.append(h("p", { class: "wrm-current" },
        `Your decision: ${words}${a.mark.comment ? `. Comment: ${a.mark.comment}` : ""}`));
      if (a.changed) card.append(h("p", { class: "wrm-changed" }, "⚠ The learner changed this answer after you marked it."));
    }
    // The form: decision and comment, kept in `drafts` until saved.
    const draft = drafts.get(a.id) || { decision: a.mark ? a.mark.decision : "", comment: a.mark ? a.mark.comment : "" };
    const form = h("form", { class: "wrm-form" });
    const decision = h("fieldset", { class: "wrm-decision" });
    decision.append(h("legend", {}, `Decision for ${a.name}`));
    const group = uid("wrm-d");
    const [metLabel, met] = radio(group, "met", "✓ Met", draft.decision === "met", `${a.id}:met`);
    const [notLabel, notYet] = radio(group, "not-yet", "◐ Not yet", draft.decision === "not-yet", `${a.id}:not-yet`);
    decision.append(metLabel, notLabel);
    const cid = uid("wrm-c");
    const comment = h("textarea", { id: cid, class: "wrm-comment", rows: "3", maxlength: "2000", "data-key": `${a.id}:comment` });
    comment.value = draft.comment;
    const save = h("button", { type: "submit", class: "wrm-save", "data-key": `${a.id}:save` }, "Save mark");
    form.append(decision, h("label", { for: cid }, `Comment for ${a.name}`), comment, save);
    const remember = () => drafts.set(a.id, {
      decision: met.checked ? "met" : notYet.checked ? "not-yet" : "",
      comment: comment.value,
    });
    for (const input of [met, notYet]) input.addEventListener("change", remember);
    comment.addEventListener("input", remember);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      remember();
      const now = drafts.get(a.id);
      model.send({ event: "mark", answer: a.id, decision: now.decision || null, comment: now.comment, n: Date.now() });
    });
    card.append(form);
    return card;
  }

  function draw() {
    const d = model.get("data") || {};
    // Keep the tutor's place: focus (and the caret in a comment) come back after redrawing.
    const active = document.activeElement;
    const focusKey = root.contains(active) ? key(active) : undefined;
    const caret = focusKey && active.selectionStart !== undefined ? [active.selectionStart, active.selectionEnd] : null;
    body.replaceChildren();
    root.dataset.open = d.open ? "yes" : "no";
    const total = (d.questions || []).reduce((n, q) => n + q.answers, 0);
    const marked = (d.questions || []).reduce((n, q) => n + q.marked, 0);
    body.append(h("p", { class: "wrm-counts" },
      `${total} written answer${total === 1 ? "" : "s"} from the class, ${marked} marked.`));
    if (!d.open) {
      body.append(h("p", {}, "Marking shows learners' names and what they wrote. Mark on your own screen, not on the projector."),
        h("button", { type: "button", class: "wrm-open", "data-key": "open" }, "Start marking"));
      body.querySelector(".wrm-open").addEventListener("click", () => model.send({ event: "open", on: true }));
      restore(focusKey, caret);
      return;
    }
    const close = h("button", { type: "button", class: "wrm-close", "data-key": "close" }, "Stop marking");
    close.addEventListener("click", () => model.send({ event: "open", on: false }));
    body.append(h("p", { class: "wrc-names-warning" }, "⚠ Marking is open: names and answers are showing. Stop marking before you share your screen."), close);
    if (!d.questions || !d.questions.length) {
      body.append(h("p", {}, "There are no written questions in the question banks."));
      restore(focusKey, caret);
      return;
    }
    const row = h("div", { class: "wrc-row" });
    const qid = uid("wrm-q");
    const pick = h("select", { id: qid, "data-key": "question" });
    for (const q of d.questions) {
      pick.append(h("option", { value: q.key }, `${q.label} (${q.answers} answers, ${q.marked} marked)`));
    }
    pick.value = d.question;
    pick.addEventListener("change", () => model.send({ event: "question", key: pick.value }));
    row.append(h("label", { for: qid }, "Written question"), pick);
    body.append(row);

    const modes = h("fieldset", { class: "wrm-modes" });
    modes.append(h("legend", {}, "Show"));
    const [oneLabel, one] = radio(`${id}-mode`, "one", "One learner at a time", d.mode === "one", "mode:one");
    const [sideLabel, side] = radio(`${id}-mode`, "side", "All learners side by side", d.mode === "side", "mode:side");
    for (const input of [one, side]) input.addEventListener("change", () => model.send({ event: "mode", mode: input.value }));
    modes.append(oneLabel, sideLabel);
    body.append(modes);

    const detail = d.detail;
    if (!detail) { restore(focusKey, caret); return; }
    const question = h("div", { class: "wrm-question" });
    question.append(h("p", { class: "wrm-criterion" }, `Criterion ${detail.criterion}: ${detail.criterion_text}`),
      h("p", { class: "wrm-prompt" }, detail.prompt));
    const ref = h("details", { class: "wrm-reference" });
    const list = h("ul", {});
    for (const c of detail.self_check) list.append(h("li", {}, c));
    ref.append(h("summary", {}, "The self-check and the model answer"), h("p", {}, "Self-check:"), list,
      h("p", {}, "Model answer:"), h("div", { class: "wrm-text" }, detail.model_answer));
    question.append(ref);
    body.append(question);

    if (!detail.answers.length) {
      body.append(h("p", {}, "Nobody has written an answer to this question yet."));
      restore(focusKey, caret);
      return;
    }
    if (d.mode === "one") {
      const nav = h("div", { class: "wrc-row wrm-nav" });
      const lid = uid("wrm-l");
      const who = h("select", { id: lid, "data-key": "learner" });
      for (const l of detail.learners) who.append(h("option", { value: l.id }, `${l.name}${l.marked ? " (marked)" : ""}`));
      who.value = detail.current;
      who.addEventListener("change", () => model.send({ event: "learner", answer: who.value }));
      const at = detail.learners.findIndex((l) => l.id === detail.current);
      const prev = h("button", { type: "button", "data-key": "prev" }, "Previous learner");
      const next = h("button", { type: "button", "data-key": "next" }, "Next learner");
      prev.disabled = at <= 0;
      next.disabled = at >= detail.learners.length - 1;
      prev.addEventListener("click", () => model.send({ event: "learner", answer: detail.learners[at - 1].id }));
      next.addEventListener("click", () => model.send({ event: "learner", answer: detail.learners[at + 1].id }));
      nav.append(h("label", { for: lid }, "Learner"), who, prev, next,
        h("span", { class: "wrm-position" }, `${at + 1} of ${detail.learners.length}`));
      body.append(nav);
    }
    const cards = h("div", { class: d.mode === "side" ? "wrm-cards wrm-side" : "wrm-cards" });
    for (const a of detail.answers) cards.append(answerCard(a, d, detail));
    body.append(cards);
    restore(focusKey, caret);
  }

  function restore(focusKey, caret) {
    if (!focusKey) return;
    const again = body.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
    if (!again) return;
    again.focus();
    if (caret && again.setSelectionRange) again.setSelectionRange(caret[0], caret[1]);
  }

  function drawResult() {
    const r = model.get("result") || {};
    if (!r.message) return;
    if (r.ok) drafts.delete(r.answer);
    const words = `${r.message}`;
    root.dataset.saves = String(r.n);
    root.dataset.saved = r.ok ? "yes" : "no";
    if (words === said) {
      // The same words again (a second save): clear, then write, so it is announced again.
      status.textContent = "";
    }
    said = words;
    status.replaceChildren(h("p", { class: r.ok ? "wrm-saved" : "wrc-problem" }, words));
  }

  model.on("change:data", draw);
  model.on("change:result", drawResult);
  draw();
}

CLASS_PARTS.marking = renderMarking;
