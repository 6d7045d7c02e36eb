// ---------------------------------------------------------------------------------------------
// Quiz header and summary: progress in words and as a progress bar
// ---------------------------------------------------------------------------------------------
function renderProgress(model, el) {
  const part = model.get("part");
  const root = h("div", { class: `wrq-quiz-${part}` });
  el.append(root);
  function update() {
    const p = model.get("progress");
    root.replaceChildren();
    if (part === "header") {
      root.append(h("p", { class: "wrq-quiz-title" }, model.get("title")));
      if (model.get("description")) root.append(h("p", { class: "wrq-quiz-description" }, model.get("description")));
    }
    const label = `${p.answered} of ${p.total} questions answered`;
    // Polls have no right answer: they count in progress, and the score is out of the rest.
    const outOf = p.scored ?? p.total;
    const bar = h("div", {
      class: "wrq-bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": String(p.total),
      "aria-valuenow": String(p.answered), "aria-valuetext": label, "aria-label": `Progress: ${model.get("title")}`,
    });
    const fill = h("div", { class: "wrq-bar-fill" });
    fill.style.width = `${p.total ? (100 * p.answered) / p.total : 0}%`;
    bar.append(fill);
    root.append(bar, h("p", { class: "wrq-progress-text" },
      outOf ? `${label}. Score so far: ${fmt(p.score)} of ${outOf}.` : `${label}.`));
    if (part === "summary") {
      const box = h("div", { class: "wrq-summary", role: "status", "aria-live": "polite" });
      const s = model.get("summary");
      if (s && s.done && !outOf) {
        box.append(h("p", { class: "wrq-summary-score" }, "✓ Thank you: every question is answered."));
      } else if (s && s.done) {
        box.append(h("p", { class: "wrq-summary-score" },
          `Final score: ${fmt(p.score)} of ${outOf} (${Math.round((100 * p.score) / Math.max(outOf, 1))}%).`));
        if (s.review.length) {
          box.append(h("p", {}, "To review:"));
          const ul = h("ul", { class: "wrq-review" });
          for (const r of s.review) ul.append(h("li", {}, r));
          box.append(ul);
        } else {
          box.append(h("p", {}, "✓ Nothing to review: every question is right."));
        }
      }
      root.append(box);
    }
  }
  model.on("change:progress", update);
  model.on("change:summary", update);
  update();
}

function fmt(x) {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

RENDERERS.progress = renderProgress;
