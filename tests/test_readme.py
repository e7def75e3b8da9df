"""The README documents every environment variable the settings read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_from_the_environment_is_documented():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list|file_path)\(\s*"([A-Z_]+)"', settings_source))
    readme = (ROOT / "README.md").read_text()
    assert names, "no settings found: the pattern above is stale"
    assert sorted(n for n in names if f"`{n}`" not in readme) == []
