"""The passcode page a viewer sees before the dashboard opens (static HTML, no script, nothing from elsewhere)."""
from __future__ import annotations

import html

from .passcode import safe_next
from .routes import PASSCODE_PATH

PASSCODE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Dialogue dashboard: viewer passcode</title>
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
<h1>Dialogue dashboard</h1>
<p>This dashboard is shown on the venue network. Enter the viewer passcode the presenter gave you.</p>
<form method="post" action="{action}">
<input type="hidden" name="next" value="{next}">
<label for="passcode">Viewer passcode</label>
<input type="password" id="passcode" name="passcode" autocomplete="current-password" autofocus required>
<button type="submit">Open the dashboard</button>
</form>
{notice}
</main></body></html>
"""
NOTICE_WRONG = "That passcode is not right. Check it with the presenter and try again."
NOTICE_WAIT = "Too many wrong passcodes from this device. Wait {seconds} seconds, then try again."


def passcode_page(next_path: str, notice: str = "") -> bytes:
    box = f'<p class="notice" role="alert" id="notice">{html.escape(notice)}</p>' if notice else ""
    return PASSCODE_PAGE.format(action=PASSCODE_PATH, next=html.escape(safe_next(next_path), quote=True),
                                notice=box).encode()
