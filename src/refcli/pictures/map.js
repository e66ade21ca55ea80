// ref map: hover or click a person for their card, search, zoom and pan. No library, no
// network: everything this page shows is in this file. Text from the ledger is only ever set
// with textContent, never as markup.
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("data").textContent);
  const svg = document.getElementById("map");
  const card = document.getElementById("card");
  const home = svg.getAttribute("viewBox").split(" ").map(Number);
  let [x, y, w, h] = home;
  let pinned = null;

  const apply = () => svg.setAttribute("viewBox", [x, y, w, h].join(" "));
  const zoom = (factor, cx, cy) => {
    const nw = Math.min(Math.max(w * factor, home[2] / 40), home[2] * 4);
    const f = nw / w;
    x = cx - (cx - x) * f;
    y = cy - (cy - y) * f;
    w = nw;
    h = h * f;
    apply();
  };
  const toMap = (event) => {
    const box = svg.getBoundingClientRect();
    return { x: x + ((event.clientX - box.left) / box.width) * w, y: y + ((event.clientY - box.top) / box.height) * h };
  };
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const at = toMap(event);
    zoom(event.deltaY < 0 ? 0.8 : 1.25, at.x, at.y);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (event) => { drag = { cx: event.clientX, cy: event.clientY, x, y }; });
  window.addEventListener("pointerup", () => { drag = null; });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const box = svg.getBoundingClientRect();
    x = drag.x - ((event.clientX - drag.cx) / box.width) * w;
    y = drag.y - ((event.clientY - drag.cy) / box.height) * h;
    apply();
  });
  document.getElementById("zoom-in").addEventListener("click", () => zoom(0.7, x + w / 2, y + h / 2));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(1.4, x + w / 2, y + h / 2));
  document.getElementById("zoom-reset").addEventListener("click", () => { [x, y, w, h] = home; apply(); });

  const line = (label, value) => {
    if (value === null || value === undefined || value === "") return;
    const row = document.createElement("p");
    const name = document.createElement("b");
    name.textContent = label + " ";
    row.append(name, document.createTextNode(String(value)));
    card.append(row);
  };
  const show = (i) => {
    const p = data.people[i];
    card.replaceChildren();
    const title = document.createElement("h2");
    title.textContent = p.name;
    card.append(title);
    line("handle", p.handle);
    line("does", p.business);
    line("group", p.group);
    line("keeping in touch", p.state);
    line("last in touch", p.last);
    line("you gave", p.given + " referral(s), " + p.won_given + " won");
    line("they gave", p.received + " referral(s), " + p.won_received + " won");
    line("one-on-ones", p.meetings);
    const command = document.createElement("code");
    command.textContent = "ref show " + p.handle;
    card.append(command);
    card.hidden = false;
  };
  for (const node of svg.querySelectorAll(".person")) {
    const i = Number(node.dataset.i);
    node.addEventListener("mouseenter", () => { if (pinned === null) show(i); });
    node.addEventListener("click", () => { pinned = pinned === i ? null : i; show(i); });
  }

  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const haystack = data.people.map((p) => fold([p.name, p.handle, p.business, p.group].join(" ")));
  const found = document.getElementById("found");
  document.getElementById("search").addEventListener("input", (event) => {
    const query = fold(event.target.value.trim());
    let hits = 0;
    for (const node of svg.querySelectorAll(".person")) {
      const hit = query !== "" && haystack[Number(node.dataset.i)].includes(query);
      node.classList.toggle("hit", hit);
      node.classList.toggle("dim", query !== "" && !hit);
      hits += hit ? 1 : 0;
    }
    found.textContent = query === "" ? "" : hits + " found";
  });

  // A check of the drawing, for the tests and for anyone curious: labels shown that overlap.
  const shown = [...svg.querySelectorAll(".person text.label")].slice(0, 400).map((t) => t.getBBox());
  let overlaps = 0;
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const a = shown[i], b = shown[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps++;
    }
  }
  document.documentElement.dataset.overlaps = String(overlaps);
  document.documentElement.dataset.people = String(svg.querySelectorAll(".person").length);
  document.documentElement.dataset.ready = "1";
})();
