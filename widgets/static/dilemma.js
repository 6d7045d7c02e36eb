// ---------------------------------------------------------------------------------------------
// A branching dilemma: one scene at a time. The page never holds the map of scenes: the kernel
// answers each choice with the next scene, the consequence just shown and the path so far.
// ---------------------------------------------------------------------------------------------
function dilemmaId() {
  const c = globalThis.crypto;
  // randomUUID needs a secure context (https, or 127.0.0.1); a class server on plain http has none.
  return `wrd-${c && typeof c.randomUUID === "function" ? c.randomUUID() : uid("id")}`;
}

function renderDilemma(model, el) {
  const spec = model.get("spec");
  const id = dilemmaId();
  const root = h("section", { class: "wrd", "data-dilemma-id": spec.id, "aria-labelledby": `${id}-title` });
  const title = h("h3", { class: "wrd-title", id: `${id}-title` }, `Dilemma: ${spec.title}`);
  const setting = h("p", { class: "wrd-setting" });
  setting.append(h("strong", {}, "Setting: "), document.createTextNode(spec.setting));
  const intro = h("p", { class: "wrd-intro" }, spec.introduction);
  const help = h("p", { class: "wrd-help" },
    "Read each scene and choose what you would do. You then see what happened, and the next scene. " +
    "You can go back one step or start again at any time.");
  // The live region is on the page from the start, so its first message is announced.
  const live = h("div", { class: "wrd-consequence", id: `${id}-live`, role: "status", "aria-live": "polite" });
  const scene = h("div", { class: "wrd-scene" });
  const actions = h("div", { class: "wrd-actions" });
  const back = h("button", { class: "wrd-back", type: "button" }, "← Back one step");
  const restart = h("button", { class: "wrd-restart", type: "button" }, "↺ Start again");
  actions.append(back, restart);
  const sofar = h("details", { class: "wrd-sofar" });
  const sofarSummary = h("summary", {}, "Your decisions so far");
  const sofarList = h("ol", { class: "wrd-path" });
  sofar.append(sofarSummary, sofarList);
  const ending = h("div", { class: "wrd-ending" });
  root.append(title, setting, intro, help, live, scene, ending, actions, sofar);

  let shownSeq = -1;
  let waiting = false;

  function sceneHeading(s) {
    if (s.end) return `The end: ${s.title || "how it turned out"}`;
    return s.title ? `Decision ${s.number}: ${s.title}` : `Decision ${s.number}`;
  }

  function labelled(cls, label, text) {
    const p = h("p", { class: cls });
    p.append(h("strong", {}, label), document.createTextNode(text));
    return p;
  }

  function drawScene(v) {
    const s = v.scene;
    const heading = h("h4", { class: "wrd-scene-heading", id: `${id}-scene`, tabindex: "-1" }, sceneHeading(s));
    const parts = [heading];
    if (s.who || s.where) {
      const meta = h("p", { class: "wrd-meta" });
      if (s.who) meta.append(h("strong", {}, "Who: "), document.createTextNode(s.who));
      if (s.who && s.where) meta.append(document.createTextNode(" · "));
      if (s.where) meta.append(h("strong", {}, "Where: "), document.createTextNode(s.where));
      parts.push(meta);
    }
    parts.push(h("p", { class: "wrd-text" }, s.text));
    if (s.end) {
      parts.push(labelled("wrd-outcome", "What happened in the end: ", s.outcome));
      parts.push(labelled("wrd-good-practice", "Good practice: ", s.good_practice));
    } else {
      const group = h("div", { class: "wrd-choices", role: "group", "aria-labelledby": `${id}-ask` });
      group.append(h("p", { class: "wrd-ask", id: `${id}-ask` }, "What do you do? Choose one."));
      const list = h("ul", { class: "wrd-choice-list" });
      s.choices.forEach((text, i) => {
        const button = h("button", { class: "wrd-choice", type: "button", "data-choice": String(i) }, text);
        button.addEventListener("click", () => {
          if (waiting) return; // one choice per scene: the kernel answers with the next one
          waiting = true;
          model.send({ event: "choose", scene: s.id, choice: i });
        });
        const li = h("li", {});
        li.append(button);
        list.append(li);
      });
      group.append(list);
      parts.push(group);
    }
    scene.replaceChildren(...parts);
    return heading;
  }

  function stepItems(steps) {
    return steps.map((st) => {
      const li = h("li", { class: "wrd-step" });
      li.append(
        labelled("wrd-step-choice", `Decision ${st.number}, you chose: `, st.choice),
        labelled("wrd-step-consequence", "What happened: ", st.consequence),
        h("p", { class: "wrd-step-points" }, `${st.points} point${st.points === 1 ? "" : "s"}`),
      );
      return li;
    });
  }

  function drawEnding(v) {
    const sum = v.summary;
    if (!sum) {
      ending.replaceChildren();
      return;
    }
    const parts = [h("h4", { class: "wrd-your-path" }, "Your path")];
    const mine = h("ol", { class: "wrd-path wrd-mine" });
    mine.append(...stepItems(v.path));
    parts.push(mine, h("p", { class: "wrd-score" }, sum.score), h("p", { class: "wrd-compare" }, sum.compare));
    if (sum.best_path.length) {
      parts.push(h("h4", { class: "wrd-best-heading" }, "The best path"));
      const best = h("ol", { class: "wrd-path wrd-best" });
      best.append(...stepItems(sum.best_path));
      parts.push(best);
    }
    parts.push(h("p", { class: "wrd-judgement" }, sum.judgement));
    if (spec.sections.length) parts.push(labelled("wrd-sources", "Guide sections: ", spec.sections.join("; ")));
    if (spec.sources.length) parts.push(labelled("wrd-sources", "Law and guidance: ", spec.sources.join("; ")));
    ending.replaceChildren(...parts);
  }

  function announcement(v) {
    const out = [];
    const c = v.consequence;
    if (v.reason === "choice" || (v.reason === "restore" && c)) {
      out.push(labelled("wrd-you-chose", "You chose: ", c.choice));
      out.push(labelled("wrd-what-happened", "What happened: ", c.text));
    } else if (v.reason === "back") {
      out.push(h("p", {}, `You went back one step. You are at decision ${v.scene.number} again.`));
    } else if (v.reason === "restart") {
      out.push(h("p", {}, "You are at the start again."));
    }
    if (v.save && !v.save.ok && v.save.message) {
      out.push(h("p", { class: "wrd-save-warning" }, v.save.message));
    }
    return out;
  }

  function update() {
    const v = model.get("view");
    if (!v || !v.scene || v.seq === shownSeq) return;
    shownSeq = v.seq;
    waiting = false;
    root.dataset.scene = v.scene.id;
    root.dataset.state = v.scene.end ? "ended" : "open";
    const heading = drawScene(v);
    back.hidden = v.step === 0;
    restart.hidden = v.step === 0;
    sofarSummary.textContent = `Your decisions so far (${v.path.length})`;
    sofarList.replaceChildren(...stepItems(v.path));
    sofar.hidden = v.path.length === 0 || !!v.summary;
    drawEnding(v);
    // One change of the live region per answer from the kernel: announced once.
    live.replaceChildren(...announcement(v));
    if (["choice", "back", "restart"].includes(v.reason)) heading.focus();
  }

  back.addEventListener("click", () => model.send({ event: "back" }));
  restart.addEventListener("click", () => model.send({ event: "restart" }));
  model.on("change:view", update);
  update();
  el.append(root);
  return () => {};
}

RENDERERS.dilemma = renderDilemma;
