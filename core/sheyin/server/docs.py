"""A one-page description of the API, rendered from the OpenAPI document.

Offices run on closed networks: the page is plain HTML with its style inline, no
script and nothing fetched from elsewhere (Swagger UI and ReDoc load from a CDN).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
code, .path { font-family: ui-monospace, "SFMono-Regular", Consolas, monospace; }
.method { display: inline-block; min-width: 4rem; font-weight: bold; }
table { border-collapse: collapse; margin: .5rem 0; }
td, th { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; vertical-align: top; }
"""


def docs_page(document: Mapping[str, Any]) -> str:
    """The HTML page for ``document`` (an OpenAPI 3.1 document as assembled by this server)."""
    info = document["info"]
    parts = [
        "<!doctype html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(info['title'])}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(info['title'])} <small>{escape(info['version'])}</small></h1>",
        f"<p>{escape(info['description'])}</p>",
        '<p>OpenAPI 3.1: <a href="/openapi.json">/openapi.json</a> '
        "(for client generators such as openapi-generator).</p>",
    ]
    parameters = document["components"].get("parameters", {})
    for path, item in document["paths"].items():
        for method, operation in item.items():
            parts.append(
                f'<h2><span class="method">{method.upper()}</span> '
                f'<span class="path">{escape(path)}</span></h2>'
            )
            parts.append(f"<p><b>{escape(operation['summary'])}</b></p>")
            parts.append(f"<p>{escape(operation['description'])}</p>")
            rows = []
            for parameter in operation.get("parameters", []):
                resolved = parameters[parameter["$ref"].rsplit("/", 1)[-1]]
                rows.append(
                    f"<tr><td><code>{escape(resolved['name'])}</code></td>"
                    f"<td>{escape(resolved['in'])}</td>"
                    f"<td>{escape(resolved.get('description', ''))}</td></tr>"
                )
            if rows:
                parts.append("<table><tr><th>参数 parameter</th><th>in</th><th></th></tr>")
                parts.extend(rows)
                parts.append("</table>")
            statuses = ", ".join(operation["responses"])
            parts.append(f"<p>状态 statuses: {escape(statuses)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
