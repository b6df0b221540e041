"use strict";
TZ.ready.then(() => {
  const form = document.getElementById("login-form");
  const err = document.getElementById("login-error");
  const submit = document.getElementById("login-submit");

  function nextUrl() {
    const next = new URLSearchParams(location.search).get("next") || "";
    // Only same-site paths: never send the user elsewhere after login.
    return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/drafts";
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.hidden = true;
    const username = form.elements.username.value.trim();
    const password = form.elements.password.value;
    if (!username || !password) {
      err.textContent = "请输入用户名和密码。";
      err.hidden = false;
      return;
    }
    submit.disabled = true;
    submit.textContent = "正在登录…";
    try {
      const resp = await fetch("/api/auth/token", {
        method: "POST",
        body: new URLSearchParams({ username, password, grant_type: "password" }),
      });
      if (!resp.ok) {
        err.textContent = resp.status === 401 || resp.status === 400
          ? "用户名或密码不正确。"
          : "登录失败（HTTP " + resp.status + "），请稍后重试。";
        err.hidden = false;
        return;
      }
      const data = await resp.json();
      TZ.setSession(data.access_token, data.user || { name: username });
      location.assign(nextUrl());
    } catch (e) {
      err.textContent = "无法连接服务器，请稍后重试。";
      err.hidden = false;
    } finally {
      submit.disabled = false;
      submit.textContent = "登录";
    }
  });
});
