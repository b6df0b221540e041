"use strict";
TZ.ready.then((ok) => {
  if (!ok) return;
  const { el, api, flash, LABELS, STATUS_TEXT } = TZ;
  const root = document.getElementById("document-root");
  const documentId = root.dataset.documentId;
  const $ = (id) => document.getElementById(id);

  // Editable columns of the ledger row (ledger.md), in template order; seq is numbered on export.
  const YES_NO = ["是", "否"];
  const FIELDS = [
    { key: "document_name", label: "规章、规范性文件或其他文件名称(含文号)", type: "text" },
    { key: "involves_sharing", label: "是否涉及信用信息共享公开", short: "信用信息共享公开", type: "select", options: YES_NO, group: "involves" },
    { key: "involves_blacklist", label: "是否涉及“黑名单”认定", short: "“黑名单”认定", type: "select", options: YES_NO, group: "involves" },
    { key: "involves_punishment", label: "是否涉及失信惩戒措施", short: "失信惩戒措施", type: "select", options: YES_NO, group: "involves" },
    { key: "summary", label: "相关内容摘要", type: "textarea", rows: 5 },
    { key: "has_national_basis", label: "是否有国家层面依据", short: "国家层面依据", type: "select", options: YES_NO, blank: true, group: "basis" },
    { key: "has_local_basis", label: "是否有地方性法规依据", short: "地方性法规依据", type: "select", options: YES_NO, blank: true, group: "basis" },
    { key: "basis_detail", label: "依据的具体内容", type: "textarea", rows: 3 },
    { key: "disposal", label: "处置方式", type: "select", options: ["保留", "修订", "立法", "废止"], blank: true, group: "disposal" },
    { key: "due", label: "完成时间", type: "text", group: "disposal" },
    { key: "measures_taken", label: "清理规范工作举措", type: "textarea", rows: 2 },
    { key: "progress", label: "进展情况", type: "textarea", rows: 2 },
    { key: "responsible_unit", label: "责任单位", type: "text" },
    { key: "responsible_person", label: "责任人姓名及职务", type: "text", group: "person" },
    { key: "phone", label: "电话", type: "tel", group: "person" },
  ];
  const GROUPS = { involves: "是否涉及", basis: "是否有依据", disposal: null, person: null };

  let doc = null;     // GET /api/documents/{id}
  let draft = null;   // the draft ledger row of this document
  const dirty = new Set();
  let adviceShown = false;
  let readOnly = false; // only the unit's clerks edit, correct, confirm and reject

  /* ---------- clauses ---------- */

  function clauseKey(c) {
    // The id the label API takes: the stored clause's id; the scan id (c17) is only unique per document.
    return c.ref ?? c.pk ?? c.id;
  }
  function scanId(c) { return c.id; }

  /** The clause text with every evidence term wrapped in <mark>; overlapping hits merged. */
  function highlighted(text, terms) {
    const spans = [];
    for (const term of new Set((terms || []).filter((t) => t && t.trim()))) {
      let at = text.indexOf(term);
      while (at !== -1) {
        spans.push([at, at + term.length]);
        at = text.indexOf(term, at + term.length);
      }
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    }
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const [a, b] of merged) {
      if (a > pos) frag.append(text.slice(pos, a));
      frag.append(el("mark", { class: "evidence", text: text.slice(a, b) }));
      pos = b;
    }
    frag.append(text.slice(pos));
    return frag;
  }

  /** The clause text without its leading location (第五条), which the card's heading shows. */
  function bodyText(c) {
    const text = c.text || "";
    const loc = c.location || "";
    return loc && text.startsWith(loc) ? text.slice(loc.length).replace(/^[\s\u3000]+/, "") : text;
  }

  function risksOf(c) {
    const rows = (draft || doc.ledger_row || {}).risks || [];
    return rows.filter((r) => r.clause_id != null && (r.clause_id === scanId(c) || r.clause_id === c.id));
  }

  const labelNames = (labels) => LABELS.filter(([l]) => labels.includes(l)).map(([, name]) => name).join("、") || "无";
  const sameLabels = (a, b) => [...a].sort().join() === [...b].sort().join();
  const isCorrected = (c) => Array.isArray(c.model_labels) && !sameLabels(c.labels || [], c.model_labels);

  function clauseNote(c) {
    if (isCorrected(c)) return "已人工更正 · 模型原判：" + labelNames(c.model_labels);
    if (c.reviewed) return "已人工核对";
    // Passed a label's clause threshold in a document short of the document threshold.
    return isNear(c) ? "接近判定门槛，请核实：" + labelNames(c.held_back) : "";
  }

  function isNear(c) {
    return !c.reviewed && (c.held_back || []).length > 0;
  }

  function clauseRisks(c) {
    const risks = risksOf(c);
    return el("ul", { class: "clause-risks", hidden: risks.length === 0, "aria-label": "风险点" },
      risks.map((r) => el("li", { text: r.message })));
  }

  /** Risks follow the row (a label correction rebuilds it): refresh them on every clause card. */
  function refreshClauseRisks() {
    if (!doc) return;
    const items = $("clause-list").children;
    (doc.clauses || []).forEach((c, i) => {
      const old = items[i] && items[i].querySelector(".clause-risks");
      if (old) old.replaceWith(clauseRisks(c));
    });
  }

  function clauseItem(c, index) {
    const labels = new Set(c.labels || []);
    const status = el("span", { class: "clause-save", "aria-live": "polite" });
    const boxes = LABELS.map(([label, name]) => {
      const id = "clause-" + index + "-" + label;
      const score = c.scores && c.scores[label] != null ? Number(c.scores[label]).toFixed(2) : null;
      return el("label", { class: "inline", for: id },
        el("input", { type: "checkbox", id, name: label, checked: labels.has(label), "data-label": label }),
        name, score !== null ? el("span", { class: "score", title: "模型得分", text: "(" + score + ")" }) : null);
    });
    const item = el("li", {
      class: "clause" + (labels.size ? " flagged" : "") + (isCorrected(c) ? " corrected" : "") + (isNear(c) ? " near" : ""),
      id: "clause-" + scanId(c), "data-clause-id": clauseKey(c),
    },
      el("div", { class: "clause-head" },
        el("span", { class: "clause-loc", text: c.location || "第 " + (index + 1) + " 段" }),
        // The section heading above an item names its subject (对环保不良企业); the model read it too.
        c.heading ? el("span", { class: "small muted clause-heading", text: c.heading }) : null,
        el("span", { class: "small muted clause-note", text: clauseNote(c) })),
      el("p", { class: "clause-text" }, highlighted(bodyText(c), c.evidence)),
      el("fieldset", { class: "clause-labels" },
        el("legend", { class: "visually-hidden", text: (c.location || "") + " 的标签" }),
        boxes,
        // A near clause the reviewer finds without a measure: stored as judged, labels as they are.
        isNear(c) ? el("button", { type: "button", class: "small near-clear", text: "核实无此措施" }) : null,
        status));
    item.append(clauseRisks(c));
    item.querySelector("fieldset").addEventListener("change", () => saveLabels(c, item, status));
    const clear = item.querySelector(".near-clear");
    if (clear) clear.addEventListener("click", () => saveLabels(c, item, status));
    return item;
  }

  async function saveLabels(c, item, status) {
    const chosen = [...item.querySelectorAll("input[type=checkbox]")].filter((b) => b.checked).map((b) => b.dataset.label);
    const boxes = item.querySelectorAll("input[type=checkbox]");
    boxes.forEach((b) => { b.disabled = true; });
    status.className = "clause-save";
    status.textContent = "保存中…";
    try {
      const res = await api("/api/clauses/" + encodeURIComponent(clauseKey(c)) + "/labels",
                            { method: "PUT", json: { labels: chosen } });
      Object.assign(c, (res && res.clause) || { labels: chosen, reviewed: true });
      item.classList.toggle("flagged", chosen.length > 0);
      item.classList.toggle("corrected", isCorrected(c));
      item.classList.toggle("near", isNear(c));
      item.querySelector(".near-clear")?.remove();
      item.querySelector(".clause-note").textContent = clauseNote(c);
      status.className = "clause-save ok";
      status.textContent = "已保存更正";
      renderCounts();
      // 是/否, the summary and the risks follow the labels (columns edited by hand stay).
      if (res && res.draft && res.draft.id != null) { draft = res.draft; renderRow(true); } else await loadDraft(true);
    } catch (e) {
      status.className = "clause-save bad";
      status.textContent = "保存失败：" + e.message;
      boxes.forEach((b) => { b.checked = (c.labels || []).includes(b.dataset.label); });
    } finally {
      boxes.forEach((b) => { b.disabled = false; });
    }
  }

  function renderCounts() {
    const all = doc.clauses || [];
    $("clause-counts").textContent = "（共 " + all.length + " 条，标记 " + all.filter((c) => (c.labels || []).length).length + " 条）";
  }

  function renderClauses() {
    const list = $("clause-list");
    list.replaceChildren(...(doc.clauses || []).map(clauseItem));
    renderCounts();
    list.classList.toggle("only-flagged", $("only-flagged").checked);
    if (readOnly) list.querySelectorAll("input, .near-clear").forEach((n) => { n.disabled = true; });
  }

  /* ---------- ledger row ---------- */

  function fieldControl(f, value) {
    const id = "field-" + f.key;
    let control;
    if (f.type === "select") {
      const opts = (f.blank ? [""] : []).concat(f.options);
      if (value && !opts.includes(value)) opts.push(value);
      control = el("select", { id, name: f.key },
        opts.map((o) => el("option", { value: o, text: o === "" ? "（未填）" : o, selected: (value ?? "") === o })));
    } else if (f.type === "textarea") {
      control = el("textarea", { id, name: f.key, rows: String(f.rows || 3) });
      control.value = value ?? "";
    } else {
      control = el("input", { id, name: f.key, type: f.type, autocomplete: "off" });
      control.value = value ?? "";
    }
    control.addEventListener("input", () => {
      dirty.add(f.key);
      control.closest(".field").classList.add("dirty");
      $("save-row").disabled = false;
    });
    return control;
  }

  /** Columns a reviewer set by hand: label corrections leave them alone. */
  const editedKeys = () => new Set((draft && draft.edited) || []);

  function renderRow(keepDirty = false) {
    const box = $("row-fields");
    const local = {};
    if (keepDirty) for (const k of dirty) local[k] = box.querySelector('[name="' + k + '"]').value;
    else dirty.clear();
    const edited = editedKeys();
    const fieldBox = (f, grouped) => el("div", { class: "field" + (f.key in local ? " dirty" : "") },
      el("label", { class: "field-label", for: "field-" + f.key, title: f.label }, grouped && f.short ? f.short : f.label,
        edited.has(f.key) ? el("span", { class: "hint", text: "（已手工修改）", title: "标签更正不再自动改写此栏" }) : null),
      fieldControl(f, f.key in local ? local[f.key] : draft[f.key]));
    const nodes = [];
    for (let i = 0; i < FIELDS.length;) {
      const g = FIELDS[i].group;
      if (!g) { nodes.push(fieldBox(FIELDS[i++], false)); continue; }
      const members = [];
      while (i < FIELDS.length && FIELDS[i].group === g) members.push(FIELDS[i++]);
      const grid = el("div", { class: "field-grid cols-" + members.length }, members.map((f) => fieldBox(f, true)));
      nodes.push(GROUPS[g] ? el("fieldset", { class: "field-group" }, el("legend", { text: GROUPS[g] }), grid) : grid);
    }
    box.replaceChildren(...nodes);
    $("save-row").disabled = dirty.size === 0;
    $("row-version").textContent = "版本 " + draft.version;
    const badge = $("draft-status");
    badge.hidden = false;
    badge.className = "status-badge status-" + draft.status;
    badge.textContent = STATUS_TEXT[draft.status] || draft.status;
    refreshClauseRisks();
    $("confirm-row").disabled = readOnly || draft.status === "confirmed";
    $("reject-row").disabled = readOnly || draft.status === "rejected";
    if (readOnly) {
      box.querySelectorAll("input, select, textarea").forEach((n) => { n.disabled = true; });
      $("save-row").disabled = true;
    }
    $("status-note").hidden = readOnly || draft.status === "draft";
    $("status-note").textContent = draft.status === "confirmed"
      ? "此行已确认。再修改栏目或更正标签，它会回到“待审核”，需重新确认。"
      : "此行已退回，不计入台账。修改后可重新确认。";
    renderAdvice();
  }

  function renderAdvice() {
    const row = draft || doc.ledger_row || {};
    // The document as a whole first (marked repealed, forwarded), then weak 是 and near 否 columns.
    const notes = [...(row.document_notes || []), ...(row.weak_flags || []).map((w) => w.note),
                   ...(row.near_flags || []).map((n) => n.note)];
    $("weak-flags").hidden = notes.length === 0;
    $("weak-flags").replaceChildren(...notes.map((note) => el("li", { text: note })));
    $("disposal-reason").textContent = row.disposal_reason || "系统没有处置建议。";
    const risks = row.risks || [];
    $("risk-count").textContent = "（" + risks.length + " 处）";
    if (!adviceShown) $("risk-box").open = risks.length > 0 && risks.length <= 3;
    adviceShown = true;
    // One entry per clause location, its risks beneath: the same location is not repeated.
    const groups = new Map();
    for (const r of risks) {
      const key = r.location || "全文";
      if (!groups.has(key)) groups.set(key, { clause: r.clause_id, items: [] });
      groups.get(key).items.push(r);
    }
    $("risk-list").replaceChildren(...(risks.length ? [...groups].map(([loc, g]) => el("li", {},
      g.clause ? el("a", { class: "risk-loc", href: "#clause-" + g.clause, text: loc }) : el("span", { class: "risk-loc", text: loc }),
      el("ul", {}, g.items.map((r) => el("li", {}, r.message || "",
        r.provision ? el("span", { class: "risk-prov", text: " 依据：" + r.provision }) : null)))))
      : [el("li", { class: "muted", text: "未发现风险点。" })]));
  }

  function showRowMessage(text) {
    const m = $("row-message");
    m.textContent = text;
    m.hidden = !text;
    if (text) m.scrollIntoView({ block: "nearest" });
  }

  /** The document's draft row: `ledger_row` of GET /api/documents/{id} carries id, version, status, edited. */
  async function findDraft(fromDoc) {
    if (fromDoc && doc.ledger_row && doc.ledger_row.id != null) return doc.ledger_row;
    if (draft && draft.id != null) return api("/api/drafts/" + encodeURIComponent(draft.id));
    const fresh = await api("/api/documents/" + encodeURIComponent(documentId));
    doc.ledger_row = fresh.ledger_row;
    return fresh.ledger_row && fresh.ledger_row.id != null ? fresh.ledger_row : null;
  }

  async function loadDraft(keepDirty = false, fromDoc = false) {
    const fresh = await findDraft(fromDoc);
    if (!fresh) {
      draft = null;
      $("row-form").hidden = true;
      showRowMessage("这份文件没有台账草稿行（未读取成功，或尚在扫描中）。");
      renderAdvice();
      return;
    }
    draft = fresh;
    $("row-form").hidden = false;
    renderRow(keepDirty);
  }

  function changes() {
    const out = {};
    for (const k of dirty) {
      const v = $("row-fields").querySelector('[name="' + k + '"]').value;
      out[k] = v === "" ? null : v;
    }
    return out;
  }

  /** 409: someone saved first. Say so, and show the row (and the clauses' labels) as they are now. */
  async function onConflict() {
    dirty.clear();
    try {
      doc = await api("/api/documents/" + encodeURIComponent(documentId));
      renderClauses();
      await loadDraft(false, true);
    } catch (e) {
      if (e.status !== 401) flash("重新载入失败：" + e.message, "bad", true);
    }
    showRowMessage("保存失败：这一行已被他人（或在另一个窗口中）修改过。已重新载入最新内容，您的修改未保存，请核对后重新填写。");
    flash("版本冲突：已重新载入最新内容。", "bad");
  }

  /** The API names a column by its key (“phone”); the reviewer knows it by its heading (“电话”). */
  function fieldMessage(e) {
    const f = e.detail && FIELDS.find((x) => x.key === e.detail.field);
    return f ? e.message.split(f.key).join(f.label) : e.message;
  }

  /** PATCH only the columns the reviewer changed, with the version the page shows. */
  async function save() {
    if (!dirty.size) return true;
    try {
      const updated = await api("/api/drafts/" + encodeURIComponent(draft.id), {
        method: "PATCH", json: Object.assign({ version: draft.version }, changes()),
      });
      dirty.clear();
      if (updated && updated.id != null) { draft = updated; renderRow(); } else await loadDraft();
      showRowMessage("");
      flash("已保存修改。");
      return true;
    } catch (e) {
      if (e.status === 409) await onConflict();
      else showRowMessage("保存失败：" + fieldMessage(e));
      return false;
    }
  }

  async function decide(action, reason = null) {
    const buttons = ["save-row", "confirm-row", "reject-row"].map($);
    buttons.forEach((b) => { b.disabled = true; });
    try {
      if (!(await save())) return;
      const body = { version: draft.version };
      if (reason) body.reason = reason;
      const updated = await api("/api/drafts/" + encodeURIComponent(draft.id) + "/" + action, { method: "POST", json: body });
      if (updated && updated.id != null) { draft = updated; renderRow(); } else await loadDraft();
      showRowMessage("");
      flash(action === "confirm" ? "已确认，该行将计入台账。" : "已退回。");
    } catch (e) {
      if (e.status === 409) await onConflict();
      else showRowMessage((action === "confirm" ? "确认" : "退回") + "失败：" + e.message);
    } finally {
      if (draft) renderRow(true);
    }
  }

  /* ---------- page ---------- */

  $("row-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("save-row").disabled = true;
    await save();
    $("save-row").disabled = dirty.size === 0;
  });
  $("confirm-row").addEventListener("click", () => decide("confirm"));
  $("reject-row").addEventListener("click", () => {
    $("reject-reason").value = "";
    $("reject-dialog").showModal();
  });
  $("reject-form").addEventListener("submit", (ev) => {
    if (!ev.submitter || ev.submitter.value !== "reject") return; // 取消
    decide("reject", $("reject-reason").value.trim() || null);
  });
  $("only-flagged").addEventListener("change", (e) => $("clause-list").classList.toggle("only-flagged", e.target.checked));
  window.addEventListener("beforeunload", (e) => { if (dirty.size) { e.preventDefault(); e.returnValue = ""; } });

  async function load() {
    try {
      doc = await api("/api/documents/" + encodeURIComponent(documentId));
    } catch (e) {
      if (e.status === 401) return;
      $("doc-error").textContent = e.status === 404 ? "找不到这份文件，或您无权查看。" : "载入失败：" + e.message;
      $("doc-error").hidden = false;
      document.querySelector(".doc-layout").hidden = true;
      return;
    }
    const d = doc.document || {};
    const name = (doc.ledger_row && doc.ledger_row.document_name) || d.title || doc.file;
    $("doc-title").textContent = name;
    document.title = name + " · 失信约束措施清理台账";
    $("doc-meta").textContent = [doc.file, d.doc_number, d.issuer, d.date, doc.unit ? "单位：" + doc.unit : null]
      .filter(Boolean).join(" · ");
    if (doc.error) {
      $("doc-error").textContent = "未能读取：" + (doc.error.message || doc.error.code);
      $("doc-error").hidden = false;
      if (!doc.clauses) { document.querySelector(".doc-layout").hidden = true; return; }
    }
    if (doc.status === "queued" || doc.status === "scanning") {
      $("doc-error").textContent = doc.status === "queued" ? "排队等待扫描，页面会自动刷新…" : "正在扫描，页面会自动刷新…";
      $("doc-error").className = "notice";
      $("doc-error").hidden = false;
      document.querySelector(".doc-layout").hidden = true;
      setTimeout(() => location.reload(), 1500);
      return;
    }
    readOnly = !TZ.canReview(doc.unit);
    $("readonly-note").hidden = !readOnly;
    renderClauses();
    try {
      await loadDraft(false, true);
    } catch (e) {
      if (e.status !== 401) showRowMessage("台账行载入失败：" + e.message);
    }
  }
  load();
});
