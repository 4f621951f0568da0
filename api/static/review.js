/* Inline review on the document and gap pages: no framework, no reload. The reviewer's token is
   kept for the browser tab only (sessionStorage); every action is a POST to /reviews/…, and the
   page marks what it changed. Text from the store is only ever set as textContent. */
(function () {
  "use strict";
  var T = JSON.parse(document.getElementById("review-messages").textContent);
  var tokenBox = document.getElementById("review-token");
  if (!tokenBox) { return; }
  tokenBox.value = sessionStorage.getItem("govkg-review-token") || "";
  tokenBox.addEventListener("change", function () { sessionStorage.setItem("govkg-review-token", tokenBox.value); });

  function post(url, body) {
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json",
                       "Authorization": "Bearer " + tokenBox.value}, body: JSON.stringify(body)})
      .then(function (answer) {
        return answer.json().then(function (data) {
          if (!answer.ok) { throw new Error(data.error || data.detail || answer.statusText); }
          return data;
        });
      });
  }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function said(box, text, bad) {
    box.textContent = text;
    box.className = "review-said" + (bad ? " bad" : "");
  }

  /* ---- the document page: click a norm, review it in the side panel ---- */
  var panel = document.getElementById("review-panel");
  function history(normId, list) {
    list.textContent = "";
    fetch("/reviews/norms/" + normId).then(function (a) { return a.json(); }).then(function (data) {
      data.reviews.forEach(function (r) {
        list.appendChild(el("li", r.at.slice(0, 19).replace("T", " ") + " · " + r.reviewer + " · " +
          (T[r.verdict] || r.verdict) + (r.status === "stale" ? " (" + T.stale + ")" : "") +
          (r.reason ? " — " + r.reason : "")));
      });
      if (!data.reviews.length) { list.appendChild(el("li", T.no_reviews, "muted")); }
    });
  }
  function openPanel(mark) {
    var id = mark.dataset.norm;
    panel.hidden = false;
    panel.dataset.norm = id;
    panel.querySelector(".review-norm").textContent = mark.title;
    panel.querySelector("[name=action]").value = mark.dataset.action || "";
    panel.querySelector("[name=bearers]").value = mark.dataset.bearers || "";
    panel.querySelector("[name=modality]").value = mark.dataset.modality || "obligation";
    said(panel.querySelector(".review-said"), "");
    history(id, panel.querySelector(".review-history"));
  }
  if (panel) {
    document.querySelectorAll("mark.norm").forEach(function (mark) {
      mark.addEventListener("click", function () { openPanel(mark); });
    });
    panel.querySelectorAll("button[data-verdict]").forEach(function (button) {
      button.addEventListener("click", function () {
        var id = panel.dataset.norm, verdict = button.dataset.verdict;
        var body = {verdict: verdict, reason: panel.querySelector("[name=reason]").value};
        if (verdict === "corrected") {
          body.correction = {modality: panel.querySelector("[name=modality]").value,
                             action: panel.querySelector("[name=action]").value,
                             bearers: panel.querySelector("[name=bearers]").value.split(/[、,，]/).map(function (s) {
                               return s.trim(); }).filter(Boolean),
                             role: panel.querySelector("[name=role]").value,
                             vague: panel.querySelector("[name=vague]").checked};
        }
        post("/reviews/norms/" + id, body).then(function (review) {
          document.querySelectorAll('mark.norm[data-norm="' + CSS.escape(id) + '"]').forEach(function (m) {
            m.dataset.review = review.verdict;
          });
          said(panel.querySelector(".review-said"), T.saved + ": " + (T[review.verdict] || review.verdict));
          history(id, panel.querySelector(".review-history"));
        }).catch(function (error) { said(panel.querySelector(".review-said"), error.message, true); });
      });
    });
    panel.querySelector(".review-close").addEventListener("click", function () { panel.hidden = true; });
  }

  /* ---- the gap page: confirm or dismiss each finding ---- */
  document.querySelectorAll(".finding[data-norm]").forEach(function (finding) {
    var box = finding.querySelector(".review-said");
    finding.querySelectorAll("button[data-verdict]").forEach(function (button) {
      button.addEventListener("click", function () {
        post("/reviews/findings", {kind: finding.dataset.kind, norm: finding.dataset.norm,
                                   verdict: button.dataset.verdict,
                                   reason: finding.querySelector("[name=reason]").value})
          .then(function (review) {
            finding.dataset.review = review.verdict;
            said(box, T.saved + ": " + (T[review.verdict] || review.verdict));
          }).catch(function (error) { said(box, error.message, true); });
      });
    });
  });
})();
