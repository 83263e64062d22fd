// fremdrift indsamling: «Kopiér link» on the secretariat's overview. The table is
// swapped by the live update, so clicks are caught on the document.
(() => {
  "use strict";
  document.addEventListener("click", async (e) => {
    const knap = e.target.closest("button.kopier");
    if (!knap) return;
    const status = document.getElementById("kopieret");
    try {
      await navigator.clipboard.writeText(knap.dataset.link);
      status.textContent = "Linket er kopieret.";
    } catch (_) {
      window.prompt("Kopiér linket:", knap.dataset.link);
      status.textContent = "";
    }
  });
})();
