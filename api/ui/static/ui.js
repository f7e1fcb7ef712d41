// recap owner review: edit claims in place (verified again on save), citation cards on click.
// Served from this server only; no build step, nothing from the internet.
"use strict";

(function () {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const live = (text) => { const el = document.getElementById("live"); if (el) el.textContent = text; };

  function toggleEdit(button, open) {
    const form = document.getElementById(button.getAttribute("aria-controls"));
    if (!form) return;
    form.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open) form.querySelector("textarea").focus(); else button.focus();
  }

  function setUpdatedAt(value) {
    document.querySelectorAll('input[name="updated_at"]').forEach((el) => { el.value = value; });
    const review = document.querySelector(".review");
    if (review) review.dataset.updatedAt = value;
  }

  function setApproval(blocked) {
    const approve = document.getElementById("approve");
    const reason = document.getElementById("approve-reason");
    if (!approve || !reason) return;
    approve.disabled = Boolean(blocked);
    reason.textContent = blocked || "";
    reason.hidden = !blocked;
  }

  function replaceWith(el, html) {
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    const fresh = holder.content.firstElementChild;
    el.replaceWith(fresh);
    return fresh;
  }

  async function saveEdit(form) {
    const item = form.closest("[data-claim-id]");
    const error = form.querySelector(".form-error");
    const button = form.querySelector('button[type="submit"]');
    error.textContent = "";
    button.disabled = true;
    try {
      const response = await fetch(form.dataset.claimUrl, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf()},
        body: JSON.stringify({text: form.elements.text.value, citations: form.elements.citations.value,
                              updated_at: form.elements.updated_at.value}),
      });
      const data = await response.json().catch(() => ({detail: "The server answered " + response.status + "."}));
      if (!response.ok) {
        error.textContent = typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail);
        return;
      }
      setUpdatedAt(data.updated_at);
      setApproval(data.approve_blocked);
      const banner = document.getElementById("stop-banner");
      if (banner && data.banner_html) replaceWith(banner, data.banner_html);
      if (data.claim_html) {
        const fresh = replaceWith(item, data.claim_html);
        fresh.focus();
        live("Saved. Claim " + data.claim_id + " is now " + data.verdict + ".");
      } else {
        item.remove();
        live("Saved. Claim " + data.claim_id + " was dropped by the achievements rule.");
      }
    } catch (err) {
      error.textContent = "Could not reach the server: " + err.message;
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest("button");
    if (!target) return;
    if (target.classList.contains("edit-toggle")) {
      toggleEdit(target, target.getAttribute("aria-expanded") !== "true");
    } else if (target.classList.contains("edit-cancel")) {
      const form = target.closest("form");
      const toggle = document.querySelector('[aria-controls="' + form.id + '"]');
      if (toggle) toggleEdit(toggle, false);
    } else if (target.classList.contains("chip")) {
      const open = target.getAttribute("aria-expanded") !== "true";
      document.querySelectorAll('.chip[aria-expanded="true"]').forEach((c) => c.setAttribute("aria-expanded", "false"));
      target.setAttribute("aria-expanded", String(open));
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    document.querySelectorAll('.chip[aria-expanded="true"]').forEach((c) => c.setAttribute("aria-expanded", "false"));
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.classList.contains("edit-form") && window.fetch) {
      event.preventDefault();
      saveEdit(form);
    }
  });
})();
