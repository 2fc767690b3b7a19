// Theme before first paint (no flash): the stored choice, else the system's. A file, not inline: the CSP allows 'self' only.
(function () {
  try {
    var t = localStorage.getItem("purelift.theme");
    var dark = t === "dark" || ((!t || t === "system") && window.matchMedia("(prefers-color-scheme: dark)").matches);
    if (dark) document.documentElement.classList.add("dark");
  } catch (e) {}
})();
