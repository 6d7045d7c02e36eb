// ---------------------------------------------------------------------------------------------
// The learner's name box: a name (and a PIN on a class server), or the login's name under JupyterHub
// ---------------------------------------------------------------------------------------------
function renderLearner(model, el) {
  const id = uid("wrl");
  const mode = model.get("mode");
  const form = h("form", { class: "wrq-learner", "aria-label": mode === "hub" ? "Your answers" : "Your name" });
  const status = h("p", { class: "wrq-learner-status", role: "status", "aria-live": "polite" });
  const download = h("button", { type: "button", class: "wrq-download" }, "Download my answers (CSV)");
  const evidence = h("button", { type: "button", class: "wrq-evidence" }, "Download my evidence (Word)");
  let input = null;
  let pin = null;
  if (mode !== "hub") {
    input = h("input", { id: `${id}-name`, type: "text", autocomplete: "name", maxlength: "60" });
    input.value = model.get("learner");
    form.append(h("label", { for: `${id}-name` }, "Your name"), input);
    if (mode === "class") {
      // The PIN is sent once to the kernel and never kept in the widget's state.
      pin = h("input", {
        id: `${id}-pin`, class: "wrq-pin", type: "password", inputmode: "numeric",
        autocomplete: "off", maxlength: "8", "aria-describedby": `${id}-pin-help`,
      });
      form.append(h("label", { for: `${id}-pin` }, "PIN"), pin,
        h("span", { id: `${id}-pin-help`, class: "wrq-pin-help" }, "4 to 8 digits"));
    }
    form.append(h("button", { type: "submit" }, "Save my name"));
  }
  form.append(download, evidence, status);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!input) return;
    model.send({ event: "learner", name: input.value, pin: pin ? pin.value : "" });
    if (pin) pin.value = "";
  });
  download.addEventListener("click", () => model.send({ event: "export" }));
  evidence.addEventListener("click", () => model.send({ event: "evidence" }));
  // The kernel answers with the CSV text; the browser saves it as a file (nothing leaves the machine).
  // The byte-order mark lets Excel read accented names as UTF-8.
  model.on("msg:custom", (msg) => {
    if (!msg || msg.event !== "download") return;
    // A Word document comes as base64 bytes; the CSV as text.
    const blob = msg.base64
      ? new Blob([Uint8Array.from(atob(msg.base64), (c) => c.charCodeAt(0))], { type: msg.type })
      : new Blob(["\ufeff", msg.csv], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = h("a", { href: url, download: msg.name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  function update() {
    if (input && document.activeElement !== input) input.value = model.get("learner");
    const problem = model.get("problem");
    status.classList.toggle("wrq-problem", problem);
    status.textContent = (problem ? "⚠ " : "") + model.get("status");
    status.dataset.replies = String(model.get("replies"));
  }
  model.on("change:learner", update);
  model.on("change:status", update);
  model.on("change:problem", update);
  model.on("change:replies", update);
  update();
  el.append(form);
}

RENDERERS.learner = renderLearner;
