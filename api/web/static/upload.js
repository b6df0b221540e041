"use strict";
TZ.ready.then((ok) => {
  if (!ok) return;
  const { el, flash, api } = TZ;
  const form = document.getElementById("upload-form");
  const input = document.getElementById("file-input");
  const zone = document.getElementById("dropzone");
  const list = document.getElementById("file-list");
  const submit = document.getElementById("upload-submit");
  const clear = document.getElementById("clear-files");
  const section = document.getElementById("progress-section");
  const upBar = document.getElementById("upload-progress");
  const upText = document.getElementById("upload-progress-text");
  const jobBar = document.getElementById("job-progress");
  const jobText = document.getElementById("job-progress-text");
  const jobStatus = document.getElementById("job-status");
  const errBox = document.getElementById("job-errors");
  const errList = document.getElementById("job-error-list");
  const tbody = document.querySelector("#uploaded-table tbody");

  const JOB_TEXT = { queued: "排队中", running: "扫描中", done: "完成", failed: "失败" };
  let files = [];

  const size = (n) => n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " KB" : (n / 1048576).toFixed(1) + " MB";

  function render() {
    list.replaceChildren(...files.map((f, i) => el("li", {},
      el("span", {}, f.name, " ", el("span", { class: "muted small", text: "(" + size(f.size) + ")" })),
      el("button", { type: "button", class: "linklike", "aria-label": "移除 " + f.name, text: "移除",
                     onclick: () => { files.splice(i, 1); render(); } }))));
    submit.disabled = files.length === 0;
    clear.disabled = files.length === 0;
    submit.textContent = files.length ? "开始上传（" + files.length + " 个文件）" : "开始上传";
  }

  function add(fileList) {
    for (const f of fileList) {
      if (!files.some((g) => g.name === f.name && g.size === f.size)) files.push(f);
    }
    render();
  }

  input.addEventListener("change", () => { add(input.files); input.value = ""; });
  clear.addEventListener("click", () => { files = []; render(); });
  ["dragenter", "dragover"].forEach((t) => zone.addEventListener(t, (e) => {
    e.preventDefault();
    zone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((t) => zone.addEventListener(t, () => zone.classList.remove("over")));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) add(e.dataTransfer.files);
  });
  // Dropping beside the zone must not make the browser open the file instead.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());

  /** XMLHttpRequest, because fetch cannot report upload progress. */
  function send(formData) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/documents");
      xhr.setRequestHeader("Authorization", "Bearer " + TZ.token());
      xhr.responseType = "json";
      xhr.upload.addEventListener("progress", (e) => {
        if (!e.lengthComputable) return;
        const pct = Math.round((e.loaded / e.total) * 100);
        upBar.value = pct;
        upText.textContent = pct + "%（" + size(e.loaded) + " / " + size(e.total) + "）";
      });
      xhr.addEventListener("load", () => {
        if (xhr.status === 401) { TZ.toLogin(); return; }
        if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response);
        else {
          const body = xhr.response || {};
          const given = (body.error && body.error.message) || (typeof body.detail === "string" ? body.detail : null);
          const msg = given || (xhr.status === 413 ? "文件太大，超过上传限制，请拆分后再上传。" : "上传失败（HTTP " + xhr.status + "）");
          reject(new Error(msg));
        }
      });
      xhr.addEventListener("error", () => reject(new Error("上传中断，请检查网络后重试。")));
      xhr.send(formData);
    });
  }

  function docRow(doc) {
    const failed = doc.status === "failed" && doc.message;
    return el("tr", { "data-document-id": doc.id },
      el("td", { text: doc.file }),
      el("td", {}, el("span", { class: "status-badge status-" + doc.status, text: docStatusText(doc.status) }),
        failed ? el("div", { class: "error small", text: doc.message }) : null),
      el("td", {}, doc.id != null && doc.status !== "failed"
        ? el("a", { href: "/documents/" + encodeURIComponent(doc.id), text: "查看" }) : ""));
  }

  function docStatusText(s) {
    return ({ queued: "排队中", scanning: "扫描中", scanned: "待审核", failed: "读取失败",
              duplicate: "已上传过，未重复扫描" })[s] || s;
  }

  function renderErrors(errors) {
    if (!errors || !errors.length) { errBox.hidden = true; return; }
    errBox.hidden = false;
    errList.replaceChildren(...errors.map((e) => {
      if (typeof e === "string") return el("li", { text: e });
      return el("li", {}, el("strong", { text: e.file || "" }), e.file ? "：" : "", e.message || "", e.code ? "（" + e.code + "）" : "");
    }));
  }

  /** This upload's documents with the job's latest word on each (duplicates keep their own answer). */
  function renderDocs(docs, job) {
    const latest = new Map(((job && job.documents) || []).map((d) => [d.id, d]));
    const messages = new Map(((job && job.errors) || []).map((e) => [e.document_id, e.message]));
    tbody.replaceChildren(...docs.map((d) => docRow(Object.assign({}, d,
      d.status !== "duplicate" && latest.has(d.id) ? { status: latest.get(d.id).status } : {},
      { message: messages.get(d.id) || (d.error && d.error.message) }))));
  }

  async function poll(jobId, docs) {
    for (;;) {
      let job;
      try {
        job = await api("/api/jobs/" + encodeURIComponent(jobId));
      } catch (e) {
        if (e.status === 401) return;
        if (e.status === 404 || e.status === 403) { jobStatus.textContent = "查询进度失败：" + e.message; return; }
        jobStatus.textContent = "查询进度失败：" + e.message + "，稍后重试…";
        await new Promise((r) => setTimeout(r, 2000));
        continue;
      }
      jobBar.max = Math.max(job.total || 0, 1);
      jobBar.value = job.done || 0;
      jobText.textContent = (job.done || 0) + " / " + (job.total || 0);
      jobStatus.textContent = JOB_TEXT[job.status] || job.status;
      renderErrors(job.errors);
      renderDocs(docs, job);
      if (job.status === "done" || job.status === "failed") {
        const nErr = (job.errors || []).length;
        jobStatus.replaceChildren(
          job.status === "done" ? "扫描完成" + (nErr ? "，" + nErr + " 个文件未能读取。" : "。") : "任务失败。",
          " ", el("a", { href: "/drafts", text: "去草稿列表审核 →" }));
        if (job.status !== "done") flash("扫描任务失败：没有一个文件能够读取。", "bad");
        else if (nErr) flash("扫描完成，" + nErr + " 个文件未能读取，其余草稿已生成。", "bad");
        else flash("扫描完成，草稿已生成。");
        return;
      }
      await new Promise((r) => setTimeout(r, 700));
    }
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!files.length) return;
    const fd = new FormData();
    files.forEach((f) => fd.append("files", f, f.name));
    section.hidden = false;
    upBar.value = 0;
    upText.textContent = "";
    jobBar.value = 0;
    jobText.textContent = "";
    jobStatus.textContent = "正在上传…";
    renderErrors([]);
    tbody.replaceChildren();
    submit.disabled = true;
    clear.disabled = true;
    try {
      const res = await send(fd);
      upBar.value = 100;
      upText.textContent = "100%";
      files = [];
      render();
      const docs = res.documents || [];
      renderDocs(docs, null);
      if (res.job_id == null || docs.every((d) => d.status === "duplicate")) {
        jobBar.max = 1;
        jobBar.value = 1;
        jobStatus.replaceChildren("这些文件都已上传过，无需重新扫描。 ", el("a", { href: "/drafts", text: "去草稿列表审核 →" }));
        return;
      }
      await poll(res.job_id, docs);
    } catch (e) {
      jobStatus.textContent = e.message;
      flash(e.message, "bad");
      render();
    }
  });
  render();
});
