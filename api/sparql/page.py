"""The SPARQL page: YASGUI served by govkg itself, one tab per example query (the analysts'
questions, then one per gap kind)."""
from __future__ import annotations

import html
import json

from govkg.api.sparql.examples import examples

STATIC = "/static/yasgui"

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>govkg · SPARQL</title>
<link rel="stylesheet" href="{static}/yasgui.min.css">
<style>
  body {{ margin: 0; font-family: system-ui, "Noto Sans CJK SC", sans-serif; color: #1d2733; }}
  header {{ padding: .6rem 1rem; background: #1d3557; color: #fff; display: flex; gap: 1rem;
           align-items: baseline; flex-wrap: wrap; }}
  header h1 {{ font-size: 1.15rem; margin: 0; }}
  header a {{ color: #cfe3ff; }}
  main {{ padding: 0 .5rem; }}
</style>
</head>
<body>
<header>
  <h1>govkg SPARQL · 治理知识图谱查询</h1>
  <span>endpoint <code id="endpoint">{endpoint}</code></span>
  <a href="{endpoint}" type="text/turtle" id="service-description">service description</a>
  <a href="/">home</a>
</header>
<main><div id="yasgui"></div></main>
<script id="example-queries" type="application/json">{examples}</script>
<script src="{static}/yasgui.min.js"></script>
<script>
(function () {{
  var endpoint = document.getElementById("endpoint").textContent;
  var examples = JSON.parse(document.getElementById("example-queries").textContent);
  var YasguiClass = Yasgui.default || Yasgui;
  var yasgui = new YasguiClass(document.getElementById("yasgui"), {{
    requestConfig: {{ endpoint: endpoint, method: "POST" }},
    copyEndpointOnNewTab: true,
    persistenceId: null,
    autoAddOnInit: false,
    populateFromUrl: false,
    endpointCatalogueOptions: {{ getData: function () {{ return [{{ endpoint: endpoint }}]; }} }},
    yasqe: {{ autocompleters: ["prefixes", "variables"], prefixCcApi: null, resizeable: true }}
  }});
  examples.forEach(function (example, i) {{
    yasgui.addTab(i === 0, {{ name: example.name, yasqe: {{ value: example.query }},
                             requestConfig: {{ endpoint: endpoint }} }});
  }});
  window.govkgYasgui = yasgui;
}})();
</script>
</body>
</html>
"""


def yasgui_page(endpoint: str, lang: str = "en") -> str:
    """The page, its endpoint set to ``endpoint`` (the absolute URL of ``/sparql``), the example tabs
    named in ``lang`` (zh or en)."""
    listed = json.dumps([{"name": e.title(lang), "query": e.query.strip()} for e in examples()], ensure_ascii=False)
    return _PAGE.format(static=STATIC, endpoint=html.escape(endpoint), lang="zh-Hans" if lang == "zh" else "en",
                        examples=listed.replace("</", "<\\/"))
