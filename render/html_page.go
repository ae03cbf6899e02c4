package render

// reportHTML is the page: inline CSS and JS only, nothing fetched.
const reportHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
:root { --ink:#1f1f1f; --soft:#5a5a5a; --line:#e2e2e2; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Liberation Sans", sans-serif; color: var(--ink); margin: 24px auto; max-width: 1200px; padding: 0 16px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 2px; }
.sub { color: var(--soft); margin: 0 0 12px; }
.sim { background: #c62828; color: #fff; padding: 1px 8px; border-radius: 3px; font-size: 13px; letter-spacing: .05em; margin-right: 8px; }
.verdict { font-weight: 600; margin: 8px 0 2px; } .note { color: var(--soft); margin: 0; }
table.heat { border-collapse: separate; border-spacing: 1px; margin: 12px 0; }
table.heat th { font-weight: normal; font-size: 12px; line-height: 20px; vertical-align: middle; color: var(--soft); padding: 0 6px; white-space: nowrap; }
table.heat th.depth { text-align: right; }
table.heat td { padding: 0; }
.cell, .mean { display: block; width: 100%; min-width: 48px; height: 20px; border: 0; margin: 0; font-family: inherit; font-size: 12px; line-height: 20px; text-align: center; padding: 0; position: relative; }
button.cell { cursor: pointer; }
button.cell:focus-visible, button.cell.sel { outline: 2px solid #263238; outline-offset: -2px; z-index: 1; }
.mean { font-weight: 700; height: 24px; line-height: 24px; }
.invalid { background: repeating-linear-gradient(45deg, #c9c9c9 0 4px, #8f8f8f 4px 5px) !important; color: #333; }
.notrun { background: #fff; outline: 1px solid var(--line); outline-offset: -1px; }
.partial::after { content: ""; position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 8px 8px 0; border-color: transparent #1f1f1f transparent transparent; }
table.heat.uneven { table-layout: fixed; }
table.heat.uneven th { padding: 0; overflow: visible; }
table.heat.uneven .cell, table.heat.uneven .mean { min-width: 0; }
td.claimcol { border-left: 2px dashed #263238; } td.claimcol-end { border-right: 2px dashed #263238; }
tr.gap td { height: 6px; }
.legend { display: flex; gap: 18px; align-items: center; flex-wrap: wrap; color: var(--soft); font-size: 12px; }
.legend .bar { width: 160px; height: 12px; }
.legend .sw { display: inline-block; width: 14px; height: 14px; vertical-align: middle; margin-right: 4px; position: relative; }
table.sum { border-collapse: collapse; margin: 12px 0; font-variant-numeric: tabular-nums; }
table.sum th, table.sum td { border-bottom: 1px solid var(--line); padding: 3px 10px; text-align: right; }
table.sum td:last-child, table.sum th:last-child { text-align: left; }
.drill { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 10px 0; background: #fafafa; }
.drill h3 { margin: 0 0 8px; font-size: 15px; }
.trial { border-top: 1px solid var(--line); padding: 6px 0; }
.trial .meta { color: var(--soft); font-size: 12px; }
.trial pre, pre.manifest { white-space: pre-wrap; word-break: break-word; background: #fff; border: 1px solid var(--line); padding: 6px 8px; margin: 4px 0; font-size: 12px; }
.st-ok { color: #00796b; } .st-invalid { color: #6d6d6d; } .st-error { color: #c62828; }
table.ruler td.pass { text-decoration: underline; font-weight: 600; } table.ruler tr.mean td { border-top: 2px solid var(--line); font-weight: 700; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">Click a cell to see its trials. Accuracy is over valid trials only; invalid trials (the server truncated or refused the prompt) are drawn hatched and never count as failures.</p>
<div class="legend">
  <span>0%</span><span class="bar" style="background:{{.Bar}}"></span><span>100%</span>
  <span><span class="sw invalid"></span>no valid trial</span>
  <span><span class="sw partial" style="background:#0cd79f"></span>some trials invalid (excluded)</span>
  <span><span class="sw" style="border-left:2px dashed #263238"></span>claimed context</span>
</div>
{{range .Notes}}<p class="note">{{.}}</p>
{{end}}{{range .Ruler}}<section class="ruler">
<h2>{{if .Simulated}}<span class="sim">SIMULATION</span>{{end}}RULER table: {{.Label}}</h2>
<p class="sub">{{.Subtitle}}. Scores ×100; underlined: at least {{.Bar}}, RULER's bar (Llama-2-7B at 4K).</p>
<table class="sum ruler">
<thead><tr><th>task</th>{{range .Lengths}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr><td>{{.Task}}</td>{{range .Cells}}<td{{if .Pass}} class="pass"{{end}}>{{.Text}}</td>{{end}}</tr>{{end}}
<tr class="mean"><td>mean</td>{{range .Mean}}<td{{if .Pass}} class="pass"{{end}}>{{.Text}}</td>{{end}}</tr></tbody>
</table>
{{range .Lines}}<p class="note">{{.}}</p>{{end}}
</section>
{{end}}{{if .Curve}}<section class="curve">
<h2>accuracy by context length</h2>
<img class="curve" alt="accuracy by context length: one line per model with its 95% band, the threshold across, each claimed length dashed" src="{{.Curve}}" style="max-width:100%">
</section>
{{end}}{{if .ClaimsHead}}<section class="claims">
<h2>claims</h2>
<p class="sub">{{.ClaimsHead}}</p>
<ul>{{range .Claims}}<li>{{.Head}} ({{if .URL}}<a href="{{.URL}}" rel="noreferrer">{{.Source}}</a>{{else}}{{.Source}}{{end}}): {{.Measured}} → <b>{{.Verdict}}</b></li>
{{end}}</ul>
{{range .ClaimsNotes}}<p class="note">{{.}}</p>
{{end}}
</section>
{{end}}{{range .Paired}}
<section class="paired">
<h2>paired test: {{.Pair}}</h2>
{{if .Title}}<p class="sub">{{.Title}}</p>{{end}}
{{if .Rows}}<table class="sum">
<thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody>
</table>{{end}}
{{range .Lines}}<p class="note">{{.}}</p>
{{end}}</section>
{{end}}{{if .DistanceHeat}}<section class="distance">
<h2>accuracy by needle distance</h2>
<p class="sub">Tokens from the needle's end to the question's start, in octave bins. A sliding window or a context shift is an edge across this view at the same distance for every length; a position limit is a whole column.</p>
<img class="distance" alt="accuracy heatmap: distance bins down, context lengths across" src="{{.DistanceHeat}}" style="max-width:100%">
<img class="distance-curve" alt="accuracy by distance: one line per length (or per model), the threshold across" src="{{.DistanceCurve}}" style="max-width:100%">
</section>
{{end}}{{range .Gaps}}
<section class="gap">
<h2>{{.Easy}} vs {{.Hard}}: {{.Literal}} − {{.Latent}}</h2>
{{if .Distract}}<p class="sub">The same trials with and without a lure: a sentence far from the needle that names the question's own keyword and no character (NoLiMa's distractor control). The gap is what the lure costs, in accuracy points.</p>
{{else}}<p class="sub">The same trials asked two ways: with the needle's own word (literal) and through a word linked to it only by world knowledge (latent). The gap is what the association costs, in accuracy points.</p>
{{end}}<table class="sum">
<thead><tr><th>length</th><th>{{.Easy}}</th><th>{{.Hard}}</th><th>gap (points)</th></tr></thead>
<tbody>{{range .Rows}}<tr><td>{{.Length}}</td><td>{{.Literal}}</td><td>{{.Latent}}</td><td>{{.Gap}}</td></tr>{{end}}</tbody>
</table>
</section>
{{end}}
{{range .Summaries}}{{$s := .}}
<section id="s{{.Index}}">
<h2>{{if .Simulated}}<span class="sim">SIMULATION</span>{{end}}{{.Label}}</h2>
<p class="sub">{{.Subtitle}}</p>
<p class="verdict">{{.Verdict}}</p>
{{range .Notes}}<p class="note">{{.}}</p>{{end}}
<table class="heat{{if .Cols}} uneven{{end}}"{{with .Cols}} style="{{.Table}}"{{end}}>
{{with .Cols}}<colgroup><col style="{{.Depth}}">{{range .Widths}}<col style="{{.}}">{{end}}</colgroup>
{{end}}<thead><tr><th class="depth">depth</th>{{range .Lengths}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><th class="depth">{{.Depth}}</th>{{range .Cells}}<td{{with .Claim}} class="{{.}}"{{end}}><button type="button" class="{{.Class}}" style="{{.Style}}" data-cell="{{.Key}}" title="{{.Title}}">{{.Text}}</button></td>{{end}}</tr>
{{end}}<tr class="gap"><td></td></tr>
<tr><th class="depth"><b>mean</b></th>{{range .Mean}}<td{{with .Claim}} class="{{.}}"{{end}}><div class="{{.Class}}" style="{{.Style}}"{{with .Title}} title="{{.}}"{{end}}>{{.Text}}</div></td>{{end}}</tr>
<tr><th></th>{{range .Lengths}}<th>{{.}}</th>{{end}}</tr>
</tbody>
</table>
<div class="drill" id="drill-s{{.Index}}" hidden></div>
<table class="sum">
<thead><tr><th>length</th><th>valid</th><th>accuracy</th><th>95% interval</th><th>invalid / error</th></tr></thead>
<tbody>{{range .Table}}<tr><td>{{.Length}}</td><td>{{.Valid}}</td><td>{{.Accuracy}}</td><td>{{.Interval}}</td><td>{{.Invalid}}</td></tr>{{end}}</tbody>
</table>
{{with .Pairs}}<details class="pairs"><summary>per-pair base scores at {{.Length}} ({{len .Rows}} pairs, lowest first)</summary>
<table class="sum">
<thead><tr><th>score</th><th>valid</th><th>pair</th></tr></thead>
<tbody>{{range .Rows}}<tr><td>{{.Score}}</td><td>{{.Valid}}</td><td>{{.Pair}}</td></tr>{{end}}</tbody>
</table>
</details>{{end}}
</section>
{{end}}
{{if .Manifest}}<details><summary>manifest.json</summary><pre class="manifest">{{.Manifest}}</pre></details>{{end}}
<script type="application/json" id="niah-data">{{.Data}}</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("niah-data").textContent);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function num(n) { return n === undefined || n === null ? "?" : n.toLocaleString("en-US"); }
  function show(button) {
    var key = button.getAttribute("data-cell");
    var cell = data[key];
    if (!cell) return;
    var box = document.getElementById("drill-" + key.split("-")[0]);
    document.querySelectorAll("button.cell.sel").forEach(function (b) { b.classList.remove("sel"); });
    button.classList.add("sel");
    box.replaceChildren();
    box.hidden = false;
    box.appendChild(el("h3", "", cell.label + " · " + cell.length + " at depth " + cell.depth + " · " + (cell.trials || []).length + ((cell.trials || []).length === 1 ? " trial" : " trials")));
    (cell.trials || []).forEach(function (t) {
      var d = el("div", "trial");
      var head = el("div", "");
      head.appendChild(el("b", "", "trial " + t.trial + " "));
      head.appendChild(el("span", "st-" + t.status, t.status + (t.reason ? " (" + t.reason + ")" : "")));
      head.appendChild(el("span", "", " · score " + t.score.toFixed(2)));
      d.appendChild(head);
      var meta = "tokens " + num(t.planned) + " planned / " + num(t.server) + " server" +
        (t.cached !== undefined ? " (" + num(t.cached) + " cached)" : "") +
        " · " + num(t.latency_ms) + " ms · needle at " + t.depth_actual.toFixed(1) + "%" +
        (t.finish ? " · finish " + t.finish : "") + (t.attempts > 1 ? " · " + t.attempts + " attempts" : "");
      d.appendChild(el("div", "meta", meta));
      d.appendChild(el("div", "meta", "expected: " + t.expected.join(" | ")));
      if (t.pair) d.appendChild(el("div", "meta", "pair: " + t.pair));
      if (t.others && t.others.length) d.appendChild(el("div", "meta", "others: " + t.others.join(" | ")));
      if (t.extra && t.extra.length) d.appendChild(el("div", "meta extra", "extra (others the answer named): " + t.extra.join(" | ")));
      if (t.error) d.appendChild(el("div", "meta", "error: " + t.error));
      d.appendChild(el("pre", "answer", t.answer || "(no answer)"));
      if (t.reasoning) {
        var det = el("details", "");
        det.appendChild(el("summary", "", "reasoning (" + t.reasoning.length + " chars)"));
        det.appendChild(el("pre", "", t.reasoning));
        d.appendChild(det);
      }
      box.appendChild(d);
    });
  }
  document.querySelectorAll("button.cell").forEach(function (b) {
    b.addEventListener("click", function () { show(b); });
  });
})();
</script>
</body>
</html>
`
