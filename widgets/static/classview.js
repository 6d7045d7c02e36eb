// ---------------------------------------------------------------------------------------------
// The tutor's class view: controls (with the refresh timer), the class summary, one card per
// question. Every name, answer and prompt is set as text (h() and textContent), never as markup.
// ---------------------------------------------------------------------------------------------
function renderClassControls(model, el) {
  const id = uid("wrc");
  const root = h("div", { class: "wrc wrc-controls", role: "region", "aria-label": "Class view settings" });
  const folderRow = h("form", { class: "wrc-row" });
  const folder = h("input", { id: `${id}-folder`, type: "text", class: "wrc-folder", spellcheck: "false" });
  folderRow.append(h("label", { for: `${id}-folder` }, "Answers folder"), folder,
    h("button", { type: "submit" }, "Read this folder"));
  folderRow.addEventListener("submit", (e) => {
    e.preventDefault();
    model.send({ event: "folder", folder: folder.value });
  });

  const quizRow = h("div", { class: "wrc-row" });
  const quiz = h("select", { id: `${id}-quiz` });
  quizRow.append(h("label", { for: `${id}-quiz` }, "Quiz"), quiz);
  quiz.addEventListener("change", () => {
    model.set("quiz", quiz.value);
    model.save_changes();
  });

  const names = h("input", { id: `${id}-names`, type: "checkbox", role: "switch" });
  const order = h("input", { id: `${id}-order`, type: "checkbox" });
  const switches = h("div", { class: "wrc-row wrc-switches" });
  const namesLabel = h("label", { for: `${id}-names`, class: "wrc-switch" });
  namesLabel.append(names, h("span", {}, "Show learners' names (for your eyes only, not the projector)"));
  const orderLabel = h("label", { for: `${id}-order`, class: "wrc-switch" });
  orderLabel.append(order, h("span", {}, "Put the questions most often answered wrong first"));
  switches.append(namesLabel, orderLabel);
  names.addEventListener("change", () => {
    model.set("show_names", names.checked);
    model.save_changes();
  });
  order.addEventListener("change", () => {
    model.set("order_by_wrong", order.checked);
    model.save_changes();
  });
  const warning = h("p", { class: "wrc-names-warning", hidden: true },
    "⚠ Names are showing. Turn this off before you share your screen.");

  const statusRow = h("div", { class: "wrc-row wrc-status-row" });
  const status = h("p", { class: "wrc-status" });
  const every = h("p", { class: "wrc-every" });
  const now = h("button", { type: "button", class: "wrc-now" }, "Refresh now");
  statusRow.append(status, now);
  now.addEventListener("click", () => model.send({ event: "refresh", now: true }));

  root.append(folderRow, quizRow, switches, warning, statusRow, every);
  el.append(root);

  function update() {
    if (document.activeElement !== folder) folder.value = model.get("folder");
    const wanted = model.get("quiz");
    quiz.replaceChildren(...model.get("quizzes").map((q) => h("option", { value: q.id }, q.label)));
    quiz.value = wanted;
    names.checked = model.get("show_names");
    order.checked = model.get("order_by_wrong");
    warning.hidden = !names.checked;
    status.textContent = model.get("status");
    root.dataset.refreshed = String(model.get("refreshed"));
    every.textContent = `This page reads the folder again by itself every ${model.get("interval")} seconds.`;
  }
  for (const name of ["folder", "quizzes", "quiz", "show_names", "order_by_wrong", "status", "refreshed", "interval"]) {
    model.on(`change:${name}`, update);
  }
  update();

  // The page asks the kernel for a refresh every few seconds; one request at a time (a slow
  // refresh is not asked again until it has answered, or three intervals have passed).
  let waitingSince = 0;
  model.on("change:refreshed", () => { waitingSince = 0; });
  model.on("msg:custom", (msg) => { if (msg && msg.event === "skipped") waitingSince = 0; });
  const timer = setInterval(() => {
    const limit = 3000 * model.get("interval");
    if (waitingSince && Date.now() - waitingSince < limit) return;
    waitingSince = Date.now();
    model.send({ event: "refresh" });
  }, 1000 * Math.max(1, model.get("interval")));
  return () => clearInterval(timer);
}

function renderClassSummary(model, el) {
  const root = h("section", { class: "wrc wrc-summary", "aria-label": "Class summary" });
  el.append(root);
  function update() {
    const d = model.get("data") || {};
    root.replaceChildren(h("h2", {}, d.title ? `Class summary: ${d.title}` : "Class summary"));
    if (d.missing) {
      root.append(h("p", {}, `There is no folder at ${d.folder} yet. Answers appear here once learners save.`));
    } else if (d.quiz !== undefined) {
      const line = h("p", { class: "wrc-counts" });
      line.append(
        h("strong", { class: "wrc-started" }, `${d.started} started`), document.createTextNode(", "),
        h("strong", { class: "wrc-finished" }, `${d.finished} finished`),
        document.createTextNode(d.in_play === d.questions
          ? ` (answered all ${d.questions} questions). `
          : ` (answered every question the class has answered so far: ${d.in_play} of the quiz's ${d.questions}). `),
        document.createTextNode(`${d.files} learners' answer files in the folder.`));
      root.append(line);
      if (!d.has_bank) root.append(h("p", {}, "This quiz has no question bank file, so answers are shown as they were saved, without feedback."));
      if (d.stray) root.append(h("p", {}, `${d.stray} saved answers are to questions that are no longer in this quiz's bank; they are left out.`));
    }
    if (d.bank_problem) root.append(h("p", { class: "wrc-problem" }, `⚠ ${d.bank_problem}`));
    if (d.names) {
      const box = h("div", { class: "wrc-names" });
      box.append(h("p", {}, `Finished: ${d.names.finished.join(", ") || "nobody yet"}`),
        h("p", {}, `Started, not finished: ${d.names.not_finished.join(", ") || "nobody"}`));
      root.append(box);
    }
    if (d.problems && d.problems.length) {
      const det = h("details", { class: "wrc-problems" });
      det.append(h("summary", {}, `⚠ ${d.problems.length} file${d.problems.length === 1 ? "" : "s"} could not be read (left out, never changed)`));
      const ul = h("ul", {});
      for (const p of d.problems) ul.append(h("li", {}, `${p.file}: ${p.reason}`));
      det.append(ul);
      root.append(det);
    }
    if (d.others && d.others.length) {
      const det = h("details", { class: "wrc-others" });
      det.append(h("summary", {}, `${d.others.length} other file${d.others.length === 1 ? " is" : "s are"} in the folder (not answers, left out)`),
        h("p", {}, d.others.join(", ")));
      root.append(det);
    }
  }
  model.on("change:data", update);
  update();
}

// Whether each card's table of numbers is open survives the card being drawn again.
const OPEN_TABLES = new Set();

function renderClassCard(model, el) {
  const root = h("section", { class: "wrc wrc-card" });
  el.append(root);
  function update() {
    const d = model.get("data") || {};
    const key = `${d.quiz}/${d.id}`;
    const headingId = uid("wrc-q");
    root.replaceChildren();
    root.dataset.questionId = d.id || "";
    root.dataset.quizId = d.quiz || "";
    root.dataset.answered = String(d.answered ?? 0);
    root.setAttribute("aria-labelledby", headingId);
    root.append(h("h3", { id: headingId }, `Question ${d.number}: ${d.prompt}`),
      h("p", { class: "wrc-type" }, d.type_name));
    const stats = h("p", { class: "wrc-stats" });
    if (!d.answered) {
      stats.textContent = "No answers yet.";
    } else if (d.correct === null || d.correct === undefined) {
      stats.textContent = `${d.answered} answered. There is no right or wrong answer.`;
    } else {
      stats.textContent = `${d.answered} answered: ${d.correct} right (${d.share}%), ${d.wrong} not right.`;
    }
    root.append(stats);
    const png = model.get("chart");
    if (png && d.answered) {
      const fig = h("figure", { class: "wrc-figure" });
      fig.append(h("img", { src: `data:image/png;base64,${png}`, alt: d.alt }),
        h("figcaption", {}, d.alt));
      root.append(fig);
    }
    if (d.table && d.answered) {
      const det = h("details", { class: "wrc-table" });
      det.open = OPEN_TABLES.has(key);
      det.addEventListener("toggle", () => (det.open ? OPEN_TABLES.add(key) : OPEN_TABLES.delete(key)));
      det.append(h("summary", {}, "The numbers as a table"));
      const table = h("table", {});
      table.append(h("caption", {}, d.table.caption));
      const head = h("tr", {});
      for (const c of d.table.columns) head.append(h("th", { scope: "col" }, c));
      table.append(h("thead", {}), h("tbody", {}));
      table.tHead.append(head);
      for (const row of d.table.rows) {
        const tr = h("tr", {});
        row.forEach((cell, i) => tr.append(h(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {}, cell)));
        table.tBodies[0].append(tr);
      }
      det.append(table);
      root.append(det);
    }
    if (d.common_wrong) {
      const cw = d.common_wrong;
      const box = h("div", { class: "wrc-wrong" });
      box.append(h("h4", {}, `Most common wrong answer (${cw.count} learner${cw.count === 1 ? "" : "s"})`),
        h("p", { class: "wrc-wrong-answer" }, `✗ ${cw.answer}`));
      if (cw.feedback.length) {
        const ul = h("ul", { class: "wrc-feedback" });
        for (const [item, why] of cw.feedback) {
          ul.append(h("li", {}, item && item !== cw.answer ? `${item}: ${why}` : why));
        }
        box.append(h("p", {}, "Feedback from the question bank, to discuss:"), ul);
      }
      if (cw.names.length) box.append(h("p", { class: "wrc-who" }, `Given by: ${cw.names.join(", ")}`));
      root.append(box);
    }
    if (d.discussion) root.append(h("p", { class: "wrc-discussion" }, `To discuss: ${d.discussion}`));
    if (d.poll) {
      const pid = uid("wrc-share");
      const row = h("div", { class: "wrc-share" });
      const box = h("input", { id: pid, type: "checkbox", role: "switch" });
      box.checked = !!d.poll.shared;
      box.addEventListener("change", () => model.send({ event: "share", on: box.checked }));
      const label = h("label", { for: pid, class: "wrc-switch" });
      label.append(box, h("span", {}, "Let learners see how the class answered (counts only, no names)"));
      row.append(label, h("p", { class: "wrc-share-note" }, d.poll.shared
        ? `Shared: learners see the counts once ${d.poll.min} or more have answered.`
        : "Not shared: learners see only their own answer."));
      if (d.poll.problem) row.append(h("p", { class: "wrc-problem" }, `⚠ ${d.poll.problem}`));
      root.append(row);
    }
  }
  model.on("change:data", update);
  model.on("change:chart", update);
  update();
}

// Every part of the class view is kind "classview"; its `part` trait picks the renderer. A new
// panel adds its own renderer here from its own file: CLASS_PARTS.<part> = render<Part>.
const CLASS_PARTS = {
  controls: renderClassControls,
  summary: renderClassSummary,
  card: renderClassCard,
};

function renderClassView(model, el) {
  const draw = CLASS_PARTS[model.get("part")];
  if (draw) return draw(model, el);
  el.textContent = `Unknown part of the class view: ${model.get("part")}`;
}

RENDERERS.classview = renderClassView;
