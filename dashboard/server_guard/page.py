"""The passcode page a viewer sees before the dashboard opens (static HTML, no script, nothing from elsewhere), in
the viewer's language: the app's ``lang`` URL parameter in the page asked for (``next``), else the browser's
``Accept-Language`` among en, fr, es and ar (Arabic right to left), else English. Both are hostile input: the
header is read within a length and a count of entries, and only a known language code is ever used.
"""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from ..i18n import DEFAULT, LANGUAGES, N_, PARAM, direction, normalize, translate
from .passcode import safe_next
from .routes import PASSCODE_PATH

MAX_ACCEPT_LANGUAGE = 512              # characters of Accept-Language read (browsers send well under 100)
MAX_LANGUAGE_RANGES = 16
_RANGE = re.compile(r"^([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*$")
_QUALITY = re.compile(r"^[qQ]=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")

PASSCODE_PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>
body {{ margin: 0; font-family: system-ui, sans-serif; background: #f2f4f8; color: #1a1f2b; }}
main {{ max-width: 26rem; margin: 12vh auto; background: #fff; padding: 2rem; border-radius: .5rem;
        box-shadow: 0 1px 4px rgba(0,0,0,.12); }}
h1 {{ font-size: 1.4rem; margin: 0 0 .75rem; color: #1f3b73; }}
label {{ display: block; margin: 1rem 0 .35rem; font-weight: 600; }}
input[type=password] {{ width: 100%; box-sizing: border-box; font-size: 1.2rem; padding: .5rem; }}
button {{ margin-top: 1rem; font-size: 1.1rem; padding: .5rem 1.25rem; background: #1f3b73; color: #fff;
          border: 0; border-radius: .3rem; cursor: pointer; }}
.notice {{ margin-top: 1rem; padding: .6rem .8rem; border-radius: .3rem; background: #fdecea; color: #8a1c1c; }}
</style></head>
<body><main>
<h1>{heading}</h1>
<p>{intro}</p>
<form method="post" action="{action}">
<input type="hidden" name="next" value="{next}">
<label for="passcode">{label}</label>
<input type="password" id="passcode" name="passcode" autocomplete="current-password" autofocus required>
<button type="submit">{button}</button>
</form>
{notice}
</main></body></html>
"""
NOTICE_WRONG = N_("That passcode is not right. Check it with the presenter and try again.")
NOTICE_WAIT = N_("Too many wrong passcodes from this device. Wait {seconds} seconds, then try again.")
TEXTS = {"title": N_("Dialogue dashboard: viewer passcode"), "heading": N_("Dialogue dashboard"),
         "intro": N_("This dashboard is shown on the venue network. Enter the viewer passcode the presenter "
                     "gave you."),
         "label": N_("Viewer passcode"), "button": N_("Open the dashboard")}


def accepted_language(header: str | None) -> str | None:
    """The first offered language (en, fr, es, ar) of an ``Accept-Language`` header, by quality then order;
    None when it names none. Malformed entries are skipped, never echoed."""
    if not header or not isinstance(header, str):
        return None
    best: tuple[float, str] | None = None
    for item in header[:MAX_ACCEPT_LANGUAGE].split(",")[:MAX_LANGUAGE_RANGES]:
        tag, *params = [part.strip() for part in item.split(";")]
        m = _RANGE.match(tag)
        if m is None:
            continue
        quality = 1.0
        for param in params:
            q = _QUALITY.match(param)
            if q is None:
                break
            quality = float(q.group(1))
        else:
            code = normalize(m.group(1))
            if code is not None and quality > 0 and (best is None or quality > best[0]):
                best = (quality, code)             # on equal quality the first one named wins
    return best[1] if best else None


def viewer_language(next_path: str, accept_language: str | None = None) -> str:
    """The passcode page's language: ``lang=`` in the page asked for, else Accept-Language, else English."""
    query = urlsplit(safe_next(next_path)).query
    for value in parse_qs(query, max_num_fields=50).get(PARAM, []) if query else []:
        if normalize(value):
            return normalize(value)
    return accepted_language(accept_language) or DEFAULT


def passcode_page(next_path: str, notice: str = "", lang: str = DEFAULT, **values: object) -> bytes:
    """The page, in ``lang``; ``notice`` is one of the NOTICE_* messages (translated here, ``values`` filled in)."""
    lang = lang if lang in LANGUAGES else DEFAULT
    text = {name: html.escape(translate(message, lang)) for name, message in TEXTS.items()}
    if notice:
        notice = html.escape(translate(notice, lang).format(**values))
    box = f'<p class="notice" role="alert" id="notice">{notice}</p>' if notice else ""
    return PASSCODE_PAGE.format(action=PASSCODE_PATH, next=html.escape(safe_next(next_path), quote=True),
                                notice=box, lang=lang, dir=direction(lang), **text).encode()
