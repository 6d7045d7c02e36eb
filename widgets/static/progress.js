// ---------------------------------------------------------------------------------------------
// Quiz header and summary: progress in words and as a progress bar, the final score in words
// ---------------------------------------------------------------------------------------------
// The kernel sends everything in one trait, `report`, and writes every sentence: the page never
// shows a new score beside an old review list, and the words are the same everywhere.
function renderProgress(model, el) {
  const part = model.get("part");
  const root = h("div", { class: `wrq-quiz-${part}` });
  if (part === "header") {
    root.append(h("p", { class: "wrq-quiz-title" }, model.get("title")));
    if (model.get("description")) root.append(h("p", { class: "wrq-quiz-description" }, model.get("description")));
  }
  const id = uid("wrp");
  const words = h("p", { class: "wrq-progress-text", id: `${id}-words` });
  const bar = h("div", {
    class: "wrq-bar", role: "progressbar", "aria-valuemin": "0",
    "aria-label": `Progress: ${model.get("title")}`, "aria-describedby": `${id}-words`,
  });
  const fill = h("div", { class: "wrq-bar-fill" });
  bar.append(fill);
  // The final score is a live region from the start, empty until every question is answered.
  const box = h("div", { class: "wrq-summary", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  if (part === "header") root.append(bar, words);
  else root.append(box);

  let drawn = null;
  function update() {
    const r = model.get("report") || {};
    const total = r.total || 0;
    const answered = r.answered || 0;
    bar.setAttribute("aria-valuemax", String(total));
    bar.setAttribute("aria-valuenow", String(answered));
    bar.setAttribute("aria-valuetext", r.words || "");
    fill.style.width = `${total ? (100 * answered) / total : 0}%`;
    if (words.textContent !== (r.words || "")) words.textContent = r.words || "";
    const key = JSON.stringify([r.done, r.final, r.explain, r.review, r.scored]);
    if (part !== "summary" || key === drawn) return;
    drawn = key;
    const nodes = [];
    if (r.done) {
      nodes.push(h("p", { class: "wrq-summary-score" }, r.final));
      if (r.explain) nodes.push(h("p", { class: "wrq-summary-explain" }, r.explain));
      if (r.review && r.review.length) {
        nodes.push(h("p", {}, "To review:"));
        const ul = h("ul", { class: "wrq-review" });
        for (const line of r.review) ul.append(h("li", {}, line));
        nodes.push(ul);
      } else if (r.scored !== 0) {
        nodes.push(h("p", {}, "✓ Nothing to review: every question is right."));
      }
    }
    box.replaceChildren(...nodes);
  }
  model.on("change:report", update);
  update();
  el.append(root);
}

RENDERERS.progress = renderProgress;
