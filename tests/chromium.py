"""The chromium every browser test drives: Debian's, never a `playwright install` download.

Debian's `chromium-headless-shell` when it is installed (.ci/run installs it), else the full
`chromium`.  Both are built from the same Debian source; the shell is the headless build
Playwright itself launches for headless runs, and it costs about 40 % less CPU per page
load (the browser tests took 120 CPU-seconds with it against 199 with the full browser on
this 2-core machine; docs/ARCHITECTURE.md "Tests and checks").
"""

from pathlib import Path

SHELL = Path("/usr/bin/chromium-headless-shell")
FULL = Path("/usr/bin/chromium")
CHROMIUM = str(SHELL if SHELL.exists() else FULL)
INSTALLED = Path(CHROMIUM).exists()
MISSING = "needs Debian's chromium (apt-get install chromium-headless-shell, or chromium)"
