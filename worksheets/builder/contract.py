"""Values the build, the browser and the tests must agree on, in one place.

The browser gets them through the generated `site-config.js` (`siteConfig.contract`), so no
JavaScript file spells them again; Python modules import them from here.
"""

from __future__ import annotations

import re
from typing import Any

# Stands for "this row" in a repeating group's template row; the browser puts a row key in.
ROW_KEY = "__row__"
# A worksheet's id: the definition file's name, a storage key's last part, a backup's key.
WORKSHEET_ID_PATTERN = r"^[a-z][a-z0-9-]{0,62}$"
WORKSHEET_ID = re.compile(WORKSHEET_ID_PATTERN)
# Every offline cache the service worker makes starts with this, then the site's path.
OFFLINE_CACHE_PREFIX = "onward-offline:"


def browser_values() -> dict[str, Any]:
    """What `siteConfig.contract` holds in the browser."""
    return {
        "rowKey": ROW_KEY,
        "worksheetIdPattern": WORKSHEET_ID_PATTERN,
        "offlineCachePrefix": OFFLINE_CACHE_PREFIX,
    }
