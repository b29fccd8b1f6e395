"""The HTTP API (``sheyin serve``): Starlette routes over the same functions the CLI calls.

Needs the optional extra ``sheyin[server]`` (Starlette and uvicorn). The route table is
in :mod:`sheyin.server.routes`; the OpenAPI document is assembled from ``schemas/`` by
:mod:`sheyin.server.openapi`. Importing this package starts nothing and reads no file.
"""
