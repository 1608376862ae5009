"""Which file a viewer gets: the clean master, or a watermarked copy on plans with a watermark.

The master is never touched, so an upgrade removes the watermark without re-rendering;
the copy is made once (eagerly by the worker, or lazily on first download) and kept.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from billing.entitlements import entitlements_for
from render.media import MediaError, watermark_sandboxed
from render.sandbox import SandboxUnavailable
from render.storage import open_video, store_video

from .models import Animation

log = logging.getLogger(__name__)


def delivered_video(animation: Animation) -> str:
    """Storage name of the file this animation's organization should be served."""
    if not entitlements_for(animation.organization).watermark:
        return animation.video
    return animation.video_watermarked or make_watermarked_copy(animation)


def make_watermarked_copy(animation: Animation) -> str:
    """Burn the wordmark into a copy of the master, in the sandbox (the master is user-made bytes)."""
    name = animation.storage_name().replace("/animation.", "/animation.watermarked.")
    with tempfile.TemporaryDirectory(prefix="eigenframe-wm-") as tmp:
        master = Path(tmp) / f"master.{animation.format}"
        copy = Path(tmp) / f"watermarked.{animation.format}"
        with open_video(animation.video) as src, open(master, "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        watermark_sandboxed(master, copy, animation.format)
        stored = store_video(copy, name)
    Animation.objects.filter(pk=animation.pk).update(video_watermarked=stored)
    animation.video_watermarked = stored
    return stored


def prepare_delivery(animation: Animation) -> None:
    """Called by the worker after a job completes, so the first download is instant."""
    try:
        delivered_video(animation)
    except (MediaError, SandboxUnavailable, OSError) as exc:  # the download path will try again
        log.warning("watermark for %s failed: %s", animation.pk, exc)
