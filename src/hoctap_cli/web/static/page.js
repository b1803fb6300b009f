// hoctap giao-dien: the little the page needs beyond HTML forms. Without this script the
// forms still work; with it: drag and drop, an upload progress bar, sorting and filtering
// the verdict tables, and the commune's settings remembered in this browser.
"use strict";

function showChosen(input, out) {
  const names = Array.from(input.files).map((f) => f.name);
  out.textContent = names.length ? "Đã chọn: " + names.join(", ") : "";
}

function setUpDrop() {
  const zone = document.querySelector(".drop");
  const input = document.getElementById("tep-ho-so");
  const out = document.getElementById("da-chon");
  if (!zone || !input) return;
  input.addEventListener("change", () => showChosen(input, out));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    input.files = event.dataTransfer.files;
    showChosen(input, out);
  });
}

function setUpSend() {
  const form = document.getElementById("cham");
  if (!form) return;
  const bar = document.getElementById("tien-do");
  const state = document.getElementById("trang-thai");
  const button = document.getElementById("nut-cham");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-Hoctap-Script", "1");
    bar.hidden = false;
    bar.max = 100;
    bar.value = 0;
    button.disabled = true;
    state.textContent = "Đang gửi tệp…";
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
    });
    request.upload.addEventListener("load", () => {
      bar.removeAttribute("value"); // an indeterminate bar while the server evaluates
      state.textContent = "Đang chấm điểm…";
    });
    request.addEventListener("load", () => {
      if (request.status === 200) {
        state.textContent = "Xong, đang mở kết quả…";
        window.location.assign(JSON.parse(request.responseText).url);
        return;
      }
      const answer = new DOMParser().parseFromString(request.responseText, "text/html");
      const message = answer.getElementById("thong-bao");
      const here = document.getElementById("thong-bao");
      if (message && here) here.replaceWith(document.importNode(message, true));
      finish(bar, state, button);
    });
    request.addEventListener("error", () => {
      finish(bar, state, button);
      state.textContent = "Không gửi được tệp: máy chủ đã dừng hoặc mất kết nối.";
    });
    request.send(new FormData(form));
  });
}

function finish(bar, state, button) {
  bar.hidden = true;
  state.textContent = "";
  button.disabled = false;
}

function cellValue(row, column, kind) {
  const text = row.cells[column].textContent.trim();
  if (kind !== "number") return text;
  const value = parseFloat(text.replace(",", "."));
  return Number.isNaN(value) ? -Infinity : value;
}

function setUpTables() {
  const collator = new Intl.Collator("vi", { numeric: true });
  for (const button of document.querySelectorAll("button.sort")) {
    button.addEventListener("click", () => {
      const table = button.closest("table");
      const column = Number(button.dataset.column);
      const kind = button.dataset.kind;
      const ascending = button.getAttribute("aria-sort") !== "ascending";
      for (const other of table.querySelectorAll("button.sort")) other.removeAttribute("aria-sort");
      button.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = cellValue(a, column, kind);
        const y = cellValue(b, column, kind);
        const order = kind === "number" ? x - y : collator.compare(x, y);
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  }
  for (const bar of document.querySelectorAll(".filters")) {
    const table = document.getElementById(bar.dataset.for);
    const shown = bar.querySelector(".shown");
    const apply = () => {
      let count = 0;
      for (const row of table.tBodies[0].rows) {
        let visible = true;
        for (const select of bar.querySelectorAll("select.filter")) {
          const wanted = select.value;
          if (wanted !== "*" && row.dataset[select.dataset.attribute] !== wanted) visible = false;
        }
        row.hidden = !visible;
        if (visible) count += 1;
      }
      shown.textContent = count + " / " + table.tBodies[0].rows.length + " hồ sơ";
    };
    for (const select of bar.querySelectorAll("select.filter")) select.addEventListener("change", apply);
    apply();
  }
}

const STORE_KEY = "hoctap.cai-dat";

function setUpSettings() {
  const fields = document.querySelectorAll("[data-remember]");
  if (!fields.length) return;
  let saved = {};
  try {
    saved = JSON.parse(window.localStorage.getItem(STORE_KEY) || "{}");
  } catch (error) {
    saved = {};
  }
  for (const field of fields) {
    if (!(field.name in saved)) continue;
    if (field.type === "checkbox") field.checked = saved[field.name] === true;
    else field.value = String(saved[field.name]);
  }
  const remember = () => {
    const values = {};
    for (const field of fields) values[field.name] = field.type === "checkbox" ? field.checked : field.value;
    try {
      window.localStorage.setItem(STORE_KEY, JSON.stringify(values));
    } catch (error) {
      // private browsing or a full store: the form still works, it is only not remembered
    }
  };
  for (const field of fields) field.addEventListener("change", remember);
}

document.addEventListener("DOMContentLoaded", () => {
  setUpDrop();
  setUpSend();
  setUpTables();
  setUpSettings();
});
