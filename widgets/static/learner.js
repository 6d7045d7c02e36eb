// ---------------------------------------------------------------------------------------------
// The learner's name box
// ---------------------------------------------------------------------------------------------
function renderLearner(model, el) {
  const id = uid("wrl");
  const form = h("form", { class: "wrq-learner", "aria-label": "Your name" });
  const label = h("label", { for: `${id}-name` }, "Your name");
  const input = h("input", { id: `${id}-name`, type: "text", autocomplete: "name", maxlength: "60" });
  input.value = model.get("learner");
  const save = h("button", { type: "submit" }, "Save my name");
  const download = h("button", { type: "button", class: "wrq-download" }, "Download my answers (CSV)");
  const status = h("p", { class: "wrq-learner-status", role: "status", "aria-live": "polite" });
  form.append(label, input, save, download, status);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    model.send({ event: "learner", name: input.value });
  });
  download.addEventListener("click", () => model.send({ event: "export" }));
  // The kernel answers with the CSV text; the browser saves it as a file (nothing leaves the machine).
  model.on("msg:custom", (msg) => {
    if (!msg || msg.event !== "download") return;
    const url = URL.createObjectURL(new Blob([msg.csv], { type: "text/csv;charset=utf-8" }));
    const link = h("a", { href: url, download: msg.name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  function update() {
    if (document.activeElement !== input) input.value = model.get("learner");
    status.textContent = model.get("status");
  }
  model.on("change:learner", update);
  model.on("change:status", update);
  update();
  el.append(form);
}

RENDERERS.learner = renderLearner;
