// Small helps where they save work; every page works without them.
"use strict";

// Drag a file onto the upload area: it becomes the chosen file and the form is sent.
document.querySelectorAll("[data-vung-tha]").forEach((zone) => {
  const input = zone.querySelector("input[type=file]");
  ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (event) => { event.preventDefault(); zone.classList.add("tren"); }));
  ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, () => zone.classList.remove("tren")));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      zone.closest("form").requestSubmit();
    }
  });
});

// "Tách" cuts a section where the caret stands in its text.
let caret = { row: null, at: null };
document.querySelectorAll("textarea[data-tach]").forEach((area) => {
  const remember = () => { caret = { row: area.dataset.tach, at: area.selectionStart }; };
  ["keyup", "click", "select", "focus"].forEach((name) => area.addEventListener(name, remember));
});
document.querySelectorAll("button[data-nut-tach]").forEach((button) => {
  button.addEventListener("click", () => {
    const field = document.getElementById("split-at");
    field.value = caret.row === button.dataset.nutTach && caret.at !== null ? String(caret.at) : "";
  });
});

// A page waiting for the importer reloads itself.
document.querySelectorAll("[data-tu-tai-lai]").forEach((link) => {
  setTimeout(() => { window.location.reload(); }, Number(link.dataset.tuTaiLai) * 1000);
});

// Number lookup: what the typed number denotes, as the site's lookup box reads it.
document.querySelectorAll("input[data-tra-cuu]").forEach((input) => {
  const out = document.getElementById(input.getAttribute("aria-describedby"));
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const response = await fetch(input.dataset.traCuu + "?q=" + encodeURIComponent(input.value), { credentials: "same-origin" });
      const found = response.ok ? await response.json() : [];
      out.textContent = found.length ? found.map((item) => item.number + " — " + item.title).join("; ") : (input.value.trim() ? "Không có văn bản số hiệu này." : "");
    }, 250);
  });
});

// After a check with problems, the summary takes the focus.
const summary = document.getElementById("tom-tat-loi");
if (summary) { summary.focus(); }
