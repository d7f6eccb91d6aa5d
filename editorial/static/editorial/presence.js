// While an article's change page is open, tell the server every few seconds
// that it still is, and show who else has the article open.
const presence = document.querySelector("[data-presence-url]");
if (presence) {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  const notice = presence.querySelector("[role=status]");
  const beat = async () => {
    try {
      const response = await fetch(presence.dataset.presenceUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const answer = await response.json();
      notice.textContent = answer.notice;
      presence.hidden = !answer.notice;
    } catch {
      // Offline for a moment: the next beat tries again.
    }
  };
  setInterval(beat, Number(presence.dataset.heartbeatSeconds) * 1000);
}
