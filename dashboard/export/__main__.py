"""python -m dashboard.export --deck NAME: the meeting export pack (see dashboard/export/__init__.py)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import decks
from ..db import DataUnavailable
from . import export
from .settings import OUT_DIR, BaseUrlError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.export",
                                     description="A briefing deck's charts as a PDF and a PowerPoint file.")
    parser.add_argument("--deck", required=True, help="deck name: decks/<name>.toml")
    parser.add_argument("--lang", default=None, help="en, fr, es or ar (default: the deck's language, else en)")
    parser.add_argument("--out", default=str(OUT_DIR), help="output folder (default: exports/)")
    parser.add_argument("--base-url", default=None, help="base of the live links, the address delegates open the "
                                                       "dashboard at (default: $DASHBOARD_URL, else "
                                                       "http://$SERVE_ADDRESS:8501, else http://127.0.0.1:8501, "
                                                       "which opens only on this machine)")
    parser.add_argument("--no-pptx", action="store_true", help="write the PDF only")
    args = parser.parse_args(argv)
    try:
        export(args.deck, lang=args.lang, out_dir=Path(args.out), base_url=args.base_url, pptx=not args.no_pptx,
               warn=lambda text: print(text, file=sys.stderr, flush=True))
    except BaseUrlError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    except decks.DeckError as exc:
        print(f"export: {exc}. Decks: {', '.join(decks.available()) or 'none'}", file=sys.stderr)
        return 2
    except DataUnavailable as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
