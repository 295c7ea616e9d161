// Collapsible main navigation on small screens; without JavaScript the menu
// simply stays open.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".nav-toggle");
  const nav = document.getElementById("site-nav");
  if (!toggle || !nav) return;
  document.documentElement.classList.add("js");
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    nav.classList.toggle("is-open", !open);
  });
});

// Title suggestions for the header search box, from /search/autocomplete/.
document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("site-search");
  const list = document.getElementById("site-search-suggestions");
  if (!input || !list) return;
  let timer = null;
  let latest = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      list.replaceChildren();
      return;
    }
    timer = setTimeout(async () => {
      const ticket = ++latest;
      const url = `${input.dataset.autocompleteUrl}?q=${encodeURIComponent(text)}`;
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        const data = await response.json();
        if (ticket !== latest) return;
        list.replaceChildren(
          ...data.results.map((hit) => {
            const option = document.createElement("option");
            option.value = hit.title;
            if (hit.kind) option.label = hit.kind;
            return option;
          }),
        );
      } catch (error) {
        list.replaceChildren();
      }
    }, 150);
  });
});
