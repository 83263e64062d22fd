// fremdrift preview, «Udfyld status»: sends the form in the background and swaps in
// the server's answer (#felter and the status line), so the bilag beside the form
// stays and follows the save through the live reload. Without this script the form
// still works: the server answers every post with the whole page.
(() => {
  "use strict";
  const form = document.getElementById("formular");
  if (!form) return;
  const gemt = document.getElementById("gemt");
  let aendret = false;
  let optaget = false;

  form.addEventListener("input", () => { aendret = true; });
  window.addEventListener("beforeunload", (e) => {
    if (aendret) e.preventDefault();
  });

  // A date field the browser cannot read sends nothing: say so instead of saving.
  function datoFejl() {
    const dato = form.querySelector('input[type="date"]');
    if (!dato || !dato.validity.badInput) return false;
    let p = document.getElementById(dato.id + "-fejl");
    if (!p) {
      p = document.createElement("p");
      p.id = dato.id + "-fejl";
      p.className = "felt-fejl";
      p.setAttribute("role", "alert");
      dato.before(p);
      const beskrevet = (dato.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      dato.setAttribute("aria-describedby", [...beskrevet, p.id].join(" "));
    }
    p.textContent = "Fejl: datoen er ikke udfyldt helt, eller den findes ikke. " +
      "hint: udfyld dag, måned og år, eller tøm feltet";
    dato.setAttribute("aria-invalid", "true");
    gemt.textContent = "Ikke gemt: 1 fejl. Ret den, og tryk «Gem» igen.";
    return true;
  }

  function anvend(ny, felter, rent) {
    const fokus = document.activeElement && document.activeElement.id;
    document.getElementById("felter").replaceWith(document.adoptNode(felter));
    const nyGemt = ny.getElementById("gemt");
    if (nyGemt) {
      gemt.replaceChildren(...[...nyGemt.childNodes].map((n) => document.adoptNode(n)));
    }
    const knap = document.getElementById("gem");
    const beskrevet = ny.getElementById("gem")?.getAttribute("aria-describedby");
    if (beskrevet) knap.setAttribute("aria-describedby", beskrevet);
    else knap.removeAttribute("aria-describedby");
    if (rent) aendret = false;
    const maal = document.getElementById(felter.dataset.fokus || fokus || "");
    if (maal) maal.focus();
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const knap = e.submitter;
    const data = new FormData(form);
    // Enter in a field presses the first button, «Gem».
    const handling = knap && knap.name === "handling" ? knap.value : "gem";
    data.set("handling", handling);
    if (optaget || (handling === "gem" && datoFejl())) return;
    optaget = true;
    if (handling === "gem") gemt.textContent = "Gemmer …";
    try {
      const svar = await fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(data),
        credentials: "same-origin",
        cache: "no-store",
      });
      const tekst = await svar.text();
      const html = (svar.headers.get("content-type") || "").startsWith("text/html");
      const ny = html ? new DOMParser().parseFromString(tekst, "text/html") : null;
      const felter = ny && ny.getElementById("felter");
      if (felter) {
        anvend(ny, felter, svar.ok && handling === "gem");
      } else {
        const besked = ny ? (ny.querySelector("main") || ny.body).textContent : tekst;
        gemt.textContent = "Ikke gemt: " + besked.trim();
      }
    } catch (_) {
      gemt.textContent = "Ikke gemt: forbindelsen til fremdrift er afbrudt. Prøv igen om et øjeblik.";
    } finally {
      optaget = false;
    }
  });
})();
