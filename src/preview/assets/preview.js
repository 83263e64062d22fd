// fremdrift preview: follows /events and updates the page in place, so the scroll
// position is kept. Pages whose image did not change are left alone; changed pages are
// loaded first and swapped when ready.
(() => {
  "use strict";
  const krop = document.body;
  const fragmentUrl = krop.dataset.fragment;
  const dok = krop.dataset.dok || "";
  const forbindelse = document.getElementById("forbindelse");
  let koerer = false;
  let igen = false;

  async function opdater() {
    if (koerer) { igen = true; return; }
    koerer = true;
    try {
      do {
        igen = false;
        try {
          const svar = await fetch(fragmentUrl, { cache: "no-store" });
          const tekst = await svar.text();
          const ny = new DOMParser().parseFromString(tekst, "text/html").body.firstElementChild;
          if (ny) await anvend(ny);
        } catch (_) {
          // The next event or reconnect tries again.
        }
      } while (igen);
    } finally {
      koerer = false;
    }
  }

  async function anvend(ny) {
    const indhold = document.getElementById("indhold");
    const gammel = indhold.firstElementChild;
    const nyeSider = ny.querySelector("#sider");
    const gamleSider = gammel && gammel.id === ny.id ? gammel.querySelector("#sider") : null;
    if (!nyeSider || !gamleSider) {
      indhold.replaceChildren(ny);
      return;
    }
    await opdaterSider(gamleSider, nyeSider);
    for (const barn of [...gammel.children]) if (barn !== gamleSider) barn.remove();
    for (const barn of [...ny.children]) if (barn.id !== "sider") gammel.insertBefore(barn, gamleSider);
    gamleSider.className = nyeSider.className;
    for (const [k, v] of Object.entries(ny.dataset)) gammel.dataset[k] = v;
  }

  function opdaterSider(gamle, nye) {
    const nyeFigurer = [...nye.children];
    const venter = [];
    nyeFigurer.forEach((figur, i) => {
      const eksisterende = gamle.children[i];
      const nyKilde = figur.querySelector("img")?.getAttribute("src");
      if (!eksisterende) {
        gamle.appendChild(figur);
        venter.push(hent(nyKilde));
        return;
      }
      if (eksisterende.querySelector("img")?.getAttribute("src") === nyKilde) return;
      venter.push(hent(nyKilde).then(() => eksisterende.replaceWith(figur)));
    });
    while (gamle.children.length > nyeFigurer.length) gamle.lastElementChild.remove();
    return Promise.all(venter);
  }

  function hent(kilde) {
    if (!kilde) return Promise.resolve();
    const billede = new Image();
    billede.src = kilde;
    return billede.decode().catch(() => {});
  }

  const begivenheder = new EventSource("/events");
  begivenheder.addEventListener("opdatering", (e) => {
    let nyt;
    try { nyt = JSON.parse(e.data); } catch (_) { nyt = { alt: true }; }
    if (!dok || nyt.alt || (nyt.dokumenter || []).includes(dok)) opdater();
  });
  begivenheder.onopen = () => { forbindelse.hidden = true; opdater(); };
  begivenheder.onerror = () => { forbindelse.hidden = false; };
})();
