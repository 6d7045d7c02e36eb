// ---------------------------------------------------------------------------------------------
// One question
// ---------------------------------------------------------------------------------------------
function renderQuestion(model, el) {
  const spec = model.get("spec");
  const id = uid("wrq");
  const root = h("div", {
    class: "wrq",
    role: "group",
    "data-question-id": spec.id,
    "data-quiz-id": spec.quiz || "",
    "data-question-type": spec.type,
    tabindex: "-1",
    "aria-labelledby": `${id}-num`,
  });
  const number = h("p", { class: "wrq-number", id: `${id}-num` },
    spec.total > 1 ? `Question ${spec.number} of ${spec.total}` : "Question");
  const fieldset = h("fieldset", { class: "wrq-fieldset", "aria-describedby": `${id}-help` });
  const legend = h("legend", { class: "wrq-prompt" }, spec.prompt);
  const help = h("p", { class: "wrq-help", id: `${id}-help` }, helpText(spec.type));
  fieldset.append(legend, help);

  const body = h("div", { class: "wrq-body" });
  fieldset.append(body);
  const moved = h("p", { class: "wrq-sr-only", "aria-live": "polite" });
  fieldset.append(moved);

  const actions = h("div", { class: "wrq-actions" });
  const check = h("button", { class: "wrq-check", type: "button" }, "Check answer");
  const retry = h("button", { class: "wrq-retry", type: "button", hidden: true }, "Try again");
  actions.append(check, retry);
  let hintToggle = null;
  const hint = h("p", { class: "wrq-hint", id: `${id}-hint`, hidden: true },
    spec.hint ? `Hint: ${spec.hint}` : "");
  if (spec.hint) {
    hintToggle = h("button", {
      class: "wrq-hint-toggle", type: "button", "aria-expanded": "false", "aria-controls": `${id}-hint`,
    }, "Show hint");
    hintToggle.addEventListener("click", () => {
      const show = hint.hidden;
      hint.hidden = !show;
      hintToggle.setAttribute("aria-expanded", String(show));
      hintToggle.textContent = show ? "Hide hint" : "Show hint";
    });
    actions.append(hintToggle);
  }
  // The live region is on the page, empty, from the start (a region added later, or hidden with
  // display:none, is not in the accessibility tree when it first changes, so nothing is said).
  const feedback = h("div", {
    class: "wrq-feedback", id: `${id}-feedback`, role: "status", "aria-live": "polite", "aria-atomic": "true",
  });
  root.append(number, fieldset, actions, hint, feedback);

  const kind = BODIES[spec.type];
  const controls = kind.build(body, spec, id, model, moved);

  function locked() {
    return model.get("state") === "checked";
  }

  // The feedback is drawn only when it changed, in one DOM operation: one Check, one announcement.
  let drawn = JSON.stringify({});
  function drawFeedback() {
    const fb = model.get("feedback") || {};
    const key = JSON.stringify(fb);
    if (key === drawn) return;
    drawn = key;
    root.dataset.status = fb.status || "";
    const save = fb.save || {};
    root.dataset.saved = save.ok === false ? "no" : save.ok === true ? "yes" : "";
    feedback.replaceChildren(...feedbackNodes(fb));
  }

  function update() {
    const isChecked = locked();
    controls.sync(model.get("selection"), isChecked);
    check.hidden = isChecked;
    retry.hidden = !isChecked;
    root.dataset.state = model.get("state");
    drawFeedback();
  }

  check.addEventListener("click", () => {
    model.set("selection", controls.read());
    model.save_changes();
    model.send({ event: "check", selection: controls.read(), t: performance.now() });
  });
  retry.addEventListener("click", () => {
    model.send({ event: "retry" });
  });

  let lastState = model.get("state");
  model.on("change:state", () => {
    const now = model.get("state");
    update();
    if (now === "checked" && lastState !== "checked") retry.focus();
    if (now === "open" && lastState === "checked") controls.focusFirst();
    lastState = now;
  });
  model.on("change:selection", update);
  model.on("change:feedback", update);
  model.on("change:focus_request", () => root.focus());
  update();
  el.append(root); // drawn in full before it joins the page: a restored answer is not announced
  return () => {};
}

// What the live region says after Check: the verdict, a line per item, and, when the answer could
// not be saved, a warning in words beside it (in the same region, so it is one announcement).
function feedbackNodes(fb) {
  if (!fb.verdict) return [];
  const nodes = [h("p", { class: `wrq-verdict wrq-${fb.status || "none"}` }, fb.verdict)];
  if (fb.details && fb.details.length) {
    const list = h("ul", { class: "wrq-details" });
    for (const d of fb.details) {
      const li = h("li", { class: d.ok ? "wrq-ok" : "wrq-no" });
      // Symbol and word together, seen and heard: "✓ Right:" / "✗ Not right:".
      li.append(h("span", { class: "wrq-symbol" }, `${d.symbol} ${d.ok ? "Right:" : "Not right:"} `),
        h("strong", {}, d.item), document.createTextNode(` — ${d.feedback}`));
      list.append(li);
    }
    nodes.push(list);
  }
  if (fb.save && fb.save.ok === false) {
    const warn = h("p", { class: "wrq-save-warning" });
    warn.append(h("span", { class: "wrq-symbol" }, "⚠ "),
      document.createTextNode(fb.save.message || "Your answer is shown but was NOT saved."));
    nodes.push(warn);
  }
  return nodes;
}

function helpText(type) {
  return {
    single: "Choose one answer, then press Check answer.",
    true_false: "Choose True or False, then press Check answer.",
    multiple: "Tick every answer that fits, then press Check answer.",
    matching: "For each item, choose its match from the list, then press Check answer.",
    sorting: "For each item, choose a group from the list, then press Check answer.",
    poll: "Choose the answer closest to your view, then press Check answer. There is no right or wrong answer.",
    ordering: "Use the Move up and Move down buttons to put the items in order, then press Check answer.",
  }[type] || "";
}

// Each body type builds its controls and returns {read, sync, focusFirst}.
const choiceBody = (multiple) => ({
  build(body, spec, id, model) {
    const inputs = spec.options.map((text, i) => {
      const input = h("input", {
        type: multiple ? "checkbox" : "radio",
        name: `${id}-choice`,
        value: String(i),
        id: `${id}-opt-${i}`,
      });
      const label = h("label", { class: "wrq-option", for: `${id}-opt-${i}` });
      label.append(input, h("span", {}, text));
      body.append(label);
      input.addEventListener("change", () => {
        model.set("selection", read());
        model.save_changes();
      });
      return input;
    });
    function read() {
      return inputs.flatMap((inp, i) => (inp.checked ? [i] : []));
    }
    return {
      read,
      sync(selection, isLocked) {
        inputs.forEach((inp, i) => {
          inp.checked = selection.includes(i);
          inp.disabled = isLocked;
        });
      },
      focusFirst() {
        (inputs.find((i) => i.checked) || inputs[0]).focus();
      },
    };
  },
});

const slotBody = {
  build(body, spec, id, model) {
    const selects = spec.items.map((text, i) => {
      const row = h("div", { class: "wrq-row" });
      const select = h("select", { id: `${id}-sel-${i}` });
      select.append(h("option", { value: "-1" }, "Choose…"));
      spec.choices.forEach((c, k) => select.append(h("option", { value: String(k) }, c)));
      row.append(h("label", { for: `${id}-sel-${i}`, class: "wrq-row-label" }, text), select);
      body.append(row);
      select.addEventListener("change", () => {
        model.set("selection", read());
        model.save_changes();
      });
      return select;
    });
    function read() {
      return selects.map((s) => parseInt(s.value, 10));
    }
    return {
      read,
      sync(selection, isLocked) {
        selects.forEach((s, i) => {
          const v = selection[i];
          s.value = v === undefined || v < 0 ? "-1" : String(v);
          s.disabled = isLocked;
        });
      },
      focusFirst() {
        selects[0].focus();
      },
    };
  },
};

const orderBody = {
  build(body, spec, id, model, moved) {
    const list = h("ol", { class: "wrq-order" });
    body.append(list);
    let order = model.get("selection").length ? model.get("selection").slice() : spec.items.map((_, i) => i);
    let isLocked = false;

    function move(pos, delta, dir) {
      if (isLocked) return;
      const to = pos + delta;
      const text = spec.items[order[pos]];
      if (to < 0 || to >= order.length) {
        moved.textContent = `“${text}” is already ${delta < 0 ? "first" : "last"}.`;
        return;
      }
      [order[pos], order[to]] = [order[to], order[pos]];
      model.set("selection", order.slice());
      model.save_changes();
      draw();
      moved.textContent = `“${text}” moved to position ${to + 1} of ${order.length}.`;
      const again = list.children[to].querySelector(`.wrq-${dir}`);
      again.focus();
    }

    function draw() {
      list.replaceChildren();
      order.forEach((itemIndex, pos) => {
        const text = spec.items[itemIndex];
        const li = h("li", { class: "wrq-order-item" });
        const up = h("button", { class: "wrq-up", type: "button", "aria-label": `Move up: ${text}` }, "↑ Move up");
        const down = h("button", { class: "wrq-down", type: "button", "aria-label": `Move down: ${text}` }, "↓ Move down");
        up.disabled = isLocked;
        down.disabled = isLocked;
        up.addEventListener("click", () => move(pos, -1, "up"));
        down.addEventListener("click", () => move(pos, +1, "down"));
        li.append(h("span", { class: "wrq-item-text" }, text), h("span", { class: "wrq-order-buttons" }));
        li.lastChild.append(up, down);
        list.append(li);
      });
    }
    draw();
    return {
      read: () => order.slice(),
      sync(selection, locked) {
        const changed = locked !== isLocked ||
          (selection.length === order.length && selection.some((v, i) => v !== order[i]));
        if (selection.length === order.length) order = selection.slice();
        isLocked = locked;
        if (changed) draw();
      },
      focusFirst() {
        const b = list.querySelector("button");
        if (b) b.focus();
      },
    };
  },
};

const BODIES = {
  single: choiceBody(false),
  true_false: choiceBody(false),
  multiple: choiceBody(true),
  matching: slotBody,
  sorting: slotBody,
  ordering: orderBody,
};

// A poll: one view, chosen like a single answer (no right answer). Once answered, the class's
// spread is shown when the tutor has shared it; labels and counts are text, never markup.
BODIES.poll = {
  build(body, spec, id, model, moved) {
    const controls = choiceBody(false).build(body, spec, id, model, moved);
    const box = h("div", { class: "wrq-poll-class", hidden: true });
    const ask = h("button", { class: "wrq-poll-ask", type: "button" }, "Show how the class answered");
    const out = h("div", { class: "wrq-poll-spread", role: "status", "aria-live": "polite" });
    box.append(ask, out);
    body.append(box);
    ask.addEventListener("click", () => model.send({ event: "class-spread" }));
    function draw() {
      const s = model.get("class_spread") || {};
      out.replaceChildren();
      box.dataset.status = s.status || "";
      if (!s.message) return;
      out.append(h("p", {}, s.message));
      if (!s.rows || !s.rows.length) return;
      const list = h("ul", { class: "wrq-poll-rows" });
      for (const r of s.rows) {
        const li = h("li", {}, `${r.label}: ${r.count} (${r.percent}%)`);
        const bar = h("span", { class: "wrq-poll-bar", "aria-hidden": "true" });
        bar.style.width = `${r.percent}%`;
        li.append(bar);
        list.append(li);
      }
      out.append(list);
    }
    model.on("change:class_spread", draw);
    draw();
    return {
      read: controls.read,
      focusFirst: controls.focusFirst,
      sync(selection, isLocked) {
        controls.sync(selection, isLocked);
        box.hidden = !isLocked;
      },
    };
  },
};

RENDERERS.question = renderQuestion;
