"use strict";
TZ.ready.then((ok) => {
  if (!ok) return;
  const { el, api, yesNo, flash } = TZ;
  const tabs = [...document.querySelectorAll('.tabs [role="tab"]')];
  const panel = document.getElementById("drafts-panel");
  const tbody = document.getElementById("drafts-body");
  const empty = document.getElementById("drafts-empty");
  const EMPTY = { draft: "没有待审核的草稿。上传文件后，扫描出的台账行会出现在这里。",
                  confirmed: "还没有已确认的台账行。", rejected: "没有已退回的草稿。" };
  const PAGE = 1000;
  const filter = document.getElementById("drafts-filter");
  filter.addEventListener("input", () => render());
  let drafts = [];
  let current = new URLSearchParams(location.search).get("status") || "draft";
  if (!(current in EMPTY)) current = "draft";

  function select(status, focus = false) {
    current = status;
    for (const t of tabs) {
      const on = t.dataset.status === status;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      if (on) {
        panel.setAttribute("aria-labelledby", t.id);
        if (focus) t.focus();
      }
    }
    history.replaceState(null, "", status === "draft" ? "/drafts" : "/drafts?status=" + status);
    render();
  }

  tabs.forEach((t, i) => {
    t.addEventListener("click", () => select(t.dataset.status));
    t.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      select(tabs[(i + step + tabs.length) % tabs.length].dataset.status, true);
    });
  });

  /** A 否 that a clause came close to (near_flags): the reviewer checks it before confirming. */
  function nearMark(d, key) {
    const near = (d.near_flags || []).find((n) => n.column === key);
    return near ? el("span", { class: "near-mark small", title: near.note, text: "待核实" }) : null;
  }

  function render() {
    for (const s of Object.keys(EMPTY)) {
      document.querySelector('[data-count="' + s + '"]').textContent = drafts.filter((d) => d.status === s).length;
    }
    const q = filter.value.trim().toLowerCase();
    const matches = (d) => !q || [d.document_name, d.file, d.unit, d.responsible_unit]
      .some((v) => v && String(v).toLowerCase().includes(q));
    const rows = drafts.filter((d) => d.status === current && matches(d));
    tbody.replaceChildren(...rows.map((d) => el("tr", { "data-draft-id": d.id },
      el("td", {}, el("a", { href: "/documents/" + encodeURIComponent(d.document_id), text: d.document_name || d.file || "（无标题）" }),
        d.file ? el("div", { class: "muted small", text: d.file }) : null),
      ...["involves_sharing", "involves_blacklist", "involves_punishment"].map((key) => el("td", { class: "c-flag" },
        yesNo(d[key]), nearMark(d, key))),
      el("td", { text: d.disposal || "—" }),
      el("td", {}, (d.risks || []).length ? el("span", { class: "yes", text: d.risks.length + " 处" }) : el("span", { class: "no", text: "—" })),
      el("td", { text: d.unit || "" }))));
    empty.textContent = q && drafts.some((d) => d.status === current) ? "没有符合筛选条件的行。" : EMPTY[current];
    empty.hidden = rows.length > 0;
  }

  async function load() {
    try {
      // Every row the caller may see, a page of 1000 at a time.
      const all = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await api("/api/drafts?limit=" + PAGE + "&offset=" + offset);
        all.push(...page);
        if (page.length < PAGE) break;
      }
      drafts = all;
      select(current);
    } catch (e) {
      if (e.status !== 401) flash("草稿载入失败：" + e.message, "bad", true);
    }
  }
  load();
});
