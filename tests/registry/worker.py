"""A separate writer process for the reliability tests (run as a script, never imported by pytest).

python worker.py append URL N TAG   # N appends, each its own transaction
python worker.py import URL N       # import N outlets; print "started" inside the transaction
"""

from __future__ import annotations

import sys

from sheyin import Sheyin
from sheyin.registry import Registry
from sheyin.registry.database import writing
from sheyin.registry.log import Change, append


def main(mode: str, url: str, count: int, tag: str = "") -> None:
    with Registry.open(url, app=Sheyin(), profile="yulin") as registry:
        if mode == "append":
            for n in range(count):
                with writing(registry.engine) as connection:
                    append(
                        connection,
                        [Change("record", f"test/{tag}", {"n": n})],
                        tag,
                        registry.stamp(),
                    )
            return
        outlets = [
            {"id": f"bulk-{n}", "partnership": "p-glb", "name": f"网点{n}"} for n in range(count)
        ]

        def progress(_label: str, done: int, _total: int) -> None:
            if done == 0:
                print("started", flush=True)

        registry.import_({"outlets": outlets}, "bulk", "bulk.json", progress=progress)
        print("finished", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:])
