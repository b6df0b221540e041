/* Shared helpers of the review page: token, API calls, messages, ledger download. */
"use strict";

const TZ = (() => {
  const TOKEN_KEY = "taizhang.token";
  const USER_KEY = "taizhang.user";

  const STATUS_TEXT = { draft: "待审核", confirmed: "已确认", rejected: "已退回" };
  const LABELS = [
    ["sharing", "信用信息共享公开", "involves_sharing"],
    ["blacklist", "“黑名单”认定", "involves_blacklist"],
    ["punishment", "失信惩戒措施", "involves_punishment"],
  ];

  const ROLE_TEXT = { clerk: "经办人员", coordinator: "统筹人员", admin: "系统管理员" };

  const token = () => sessionStorage.getItem(TOKEN_KEY);
  /** {name, unit, role} of the logged-in user, as POST /api/auth/token or GET /api/me answer. */
  function user() {
    try { return JSON.parse(sessionStorage.getItem(USER_KEY)) || null; } catch (e) { return null; }
  }

  function setSession(accessToken, who) {
    sessionStorage.setItem(TOKEN_KEY, accessToken);
    sessionStorage.setItem(USER_KEY, JSON.stringify(who));
  }

  /** Only clerks upload and review (their own unit); coordinators and admins read. */
  const canReview = (unit) => {
    const u = user();
    return !!u && u.role === "clerk" && (unit == null || u.unit == null || u.unit === unit);
  };

  function clearSession() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  }

  function toLogin() {
    clearSession();
    const here = location.pathname + location.search;
    location.assign(here.startsWith("/login") ? "/login" : "/login?next=" + encodeURIComponent(here));
  }

  class ApiError extends Error {
    constructor(status, detail) {
      super(detailText(detail) || "请求失败（HTTP " + status + "）");
      this.status = status;
      this.detail = detail;
      this.code = detail && typeof detail === "object" && !Array.isArray(detail) ? detail.code : null;
    }
  }

  function detailText(detail) {
    if (!detail) return "";
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) return detail.map((d) => d.msg || JSON.stringify(d)).join("；");
    if (detail.message) return detail.message;
    return JSON.stringify(detail);
  }

  /** fetch with the bearer token; JSON in and out; 401 sends the user to /login. */
  async function api(path, { method = "GET", json, body, headers = {}, raw = false } = {}) {
    const h = Object.assign({}, headers);
    const t = token();
    if (t) h["Authorization"] = "Bearer " + t;
    if (json !== undefined) {
      h["Content-Type"] = "application/json";
      body = JSON.stringify(json);
    }
    let resp;
    try {
      resp = await fetch(path, { method, headers: h, body });
    } catch (e) {
      throw new ApiError(0, "无法连接服务器，请检查网络后重试。");
    }
    if (resp.status === 401) {
      toLogin();
      throw new ApiError(401, "登录已过期，请重新登录。");
    }
    if (!resp.ok) {
      let detail = null;
      try {
        const body = await resp.json();
        detail = body.error || body.detail; // the API answers {"error": {"code", "message"}}
      } catch (e) { /* not JSON */ }
      throw new ApiError(resp.status, detail);
    }
    if (raw) return resp;
    if (resp.status === 204) return null;
    const type = resp.headers.get("Content-Type") || "";
    return type.includes("json") ? resp.json() : resp.text();
  }

  let flashTimer = null;
  function flash(text, kind = "ok", sticky = false) {
    const box = document.getElementById("flash");
    if (!box) return;
    box.textContent = text;
    box.className = "flash " + kind;
    box.hidden = false;
    clearTimeout(flashTimer);
    if (!sticky) flashTimer = setTimeout(() => { box.hidden = true; }, 6000);
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k in node && typeof v !== "string") node[k] = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function statusBadge(status) {
    return el("span", { class: "status-badge status-" + status, text: STATUS_TEXT[status] || status });
  }

  function yesNo(value) {
    if (value === "是") return el("span", { class: "yes", text: "是" });
    if (value === "否") return el("span", { class: "no", text: "否" });
    return el("span", { class: "no", text: value == null ? "—" : String(value) });
  }

  function saveBlob(blob, filename) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: filename, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function filenameFrom(resp, fallback) {
    const cd = resp.headers.get("Content-Disposition") || "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (star) return decodeURIComponent(star[1]);
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    return plain ? plain[1] : fallback;
  }

  /** GET /api/ledger.xlsx with the token and hand the file to the browser. */
  async function downloadLedger({ status = "confirmed", unit = "" } = {}) {
    const params = new URLSearchParams({ status });
    if (unit) params.set("unit", unit);
    const resp = await api("/api/ledger.xlsx?" + params, { raw: true });
    const blob = await resp.blob();
    const day = new Date().toISOString().slice(0, 10);
    saveBlob(blob, filenameFrom(resp, "台账-" + day + ".xlsx"));
  }

  function wireLedgerDialog() {
    const dialog = document.getElementById("ledger-dialog");
    if (!dialog) return;
    const form = document.getElementById("ledger-form");
    const err = document.getElementById("ledger-error");
    document.querySelectorAll('[data-action="download-ledger"]').forEach((b) =>
      b.addEventListener("click", () => {
        err.hidden = true;
        dialog.showModal();
      }));
    form.addEventListener("submit", async (ev) => {
      if (ev.submitter && ev.submitter.value !== "download") return; // 取消 closes the dialog
      ev.preventDefault();
      const btn = document.getElementById("ledger-download");
      btn.disabled = true;
      try {
        await downloadLedger({ status: form.elements.status.value, unit: form.elements.unit.value.trim() });
        dialog.close();
        flash("台账已生成，正在下载。");
      } catch (e) {
        err.textContent = e.message;
        err.hidden = false;
      } finally {
        btn.disabled = false;
      }
    });
  }

  function showUser() {
    const u = user();
    const who = document.getElementById("current-user");
    if (who && u) who.textContent = u.name + (u.unit ? "（" + u.unit + " · " + (ROLE_TEXT[u.role] || u.role || "") + "）" : "");
    document.querySelectorAll("[data-clerk-only]").forEach((n) => { n.hidden = !!u && u.role !== "clerk"; });
  }

  async function init() {
    const onLogin = location.pathname === "/login";
    if (!onLogin && !token()) { toLogin(); return false; }
    if (!onLogin && !(user() && user().role)) {
      try {
        setSession(token(), await api("/api/me"));
      } catch (e) {
        if (e.status === 401) return false;
      }
    }
    if (!onLogin) showUser();
    document.querySelectorAll('[data-action="logout"]').forEach((b) =>
      b.addEventListener("click", () => { clearSession(); location.assign("/login"); }));
    wireLedgerDialog();
    return true;
  }

  const ready = new Promise((resolve) => {
    const go = () => init().then(resolve, () => resolve(false));
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
    else go();
  });

  return { api, ApiError, flash, el, statusBadge, yesNo, setSession, clearSession, token, user, toLogin, canReview,
           downloadLedger, ready, STATUS_TEXT, LABELS };
})();
