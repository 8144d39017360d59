// quotetrack's pages: draw the charts and offer "copy citation". Everything else on the
// pages is HTML and works without JavaScript; the charts' numbers are also in a table.

// Each chart is an element with data-qt-chart naming the <script type="application/json">
// that holds its Vega-Lite specification (written by the server, data included).
for (const el of document.querySelectorAll("[data-qt-chart]")) {
  const source = document.getElementById(el.dataset.qtChart);
  if (!source || typeof vegaEmbed === "undefined") continue;
  const spec = JSON.parse(source.textContent);
  vegaEmbed(el, spec, { renderer: "svg", actions: false })
    .then(() => el.setAttribute("data-qt-drawn", "1"))
    .catch((err) => {
      el.textContent = "The chart could not be drawn: " + err.message;
      el.classList.add("qt-chart-error");
      console.error(err);
    });
}

// "Copy citation": shown only where the clipboard can be written.
for (const button of document.querySelectorAll("button.qt-copy[data-copy]")) {
  const target = document.querySelector(button.dataset.copy);
  if (!target || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(target.textContent.trim()).then(
      () => { button.textContent = "Copied"; },
      () => { button.textContent = "Select the text above to copy it"; },
    );
  });
}
