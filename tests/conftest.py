"""Shared test set-up. The small awkward fixture package lives in tests/app_fixture.py."""

from __future__ import annotations

import os
import tempfile

# Validation stamps (parkdata.data.validated) go to a throw-away folder, never the user's cache.
os.environ.setdefault("PARKDATA_CACHE_DIR", tempfile.mkdtemp(prefix="parkdata-test-cache-"))
