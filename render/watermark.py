"""Burn the free plan's corner wordmark into a delivered copy of a rendered video.

The stored master stays clean: ``watermark_video(master, copy)`` writes a new file, so
an upgrade only has to serve the master again, never re-render.

How: decode with PyAV, blend an RGBA overlay (the wordmark with a soft shadow, drawn
once with Pillow) into each frame, re-encode with the same codec family, size, pixel
format, frame timestamps and frame count:

* mp4 (h264) -> mp4 via libx264 (``preset=veryfast``, ``crf=18``, ``+faststart``);
* webm (vp9/vp8) -> webm via libvpx-vp9/libvpx (realtime deadline, row-mt);
* gif -> gif, through ffmpeg's palettegen/paletteuse like Manim's own gif writer
  (two decoding passes so the palette pass never holds every frame in memory).

Only the overlay's bounding box is touched. For planar YUV frames (what h264/vp9
decode to) the blend runs straight on the Y/U/V planes with integer arithmetic, so a
1080p frame is never converted to RGB; other pixel formats go through RGB.
Audio streams, if any, are copied packet for packet.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

__all__ = ["WatermarkError", "watermark_video", "overlay_box"]

logger = logging.getLogger(__name__)

# Look of the wordmark, as fractions of the frame height.
FONT_HEIGHT = 0.034  # cap-to-descender size of the text: ~16 px at 480p, ~37 px at 1080p
MARGIN = 0.03  # gap to the bottom and right edges
TEXT_OPACITY = 0.72
SHADOW_OPACITY = 0.55
MAX_WIDTH = 0.4  # never wider than this share of the frame (tiny or portrait videos)

# Fonts tried in order; Pillow's built-in font is the last resort.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)

# Output container and encoder per source container format / video codec.
_CONTAINERS = {"mp4": "mp4", "mov": "mp4", "webm": "webm", "matroska": "webm", "gif": "gif"}
_ENCODERS = {
    "h264": ("libx264", {"preset": "veryfast", "crf": "18"}),
    "vp9": ("libvpx-vp9", {"deadline": "realtime", "cpu-used": "8", "row-mt": "1", "crf": "30",
                           "b": "0"}),
    "vp8": ("libvpx", {"deadline": "realtime", "cpu-used": "8", "crf": "10", "b": "2M"}),
    "gif": ("gif", {}),
}
_PLANAR_YUV = {"yuv420p": (1, 1), "yuvj420p": (1, 1), "yuv422p": (1, 0), "yuvj422p": (1, 0),
               "yuv444p": (0, 0), "yuvj444p": (0, 0), "yuva420p": (1, 1)}  # chroma (x, y) shift


class WatermarkError(Exception):
    """The source cannot be decoded (or is not a video we know how to re-encode)."""


# --- the overlay ---------------------------------------------------------------------


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for path in FONT_CANDIDATES:
        if os.path.exists(path):
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType: the fixed bitmap font
        return ImageFont.load_default()


@lru_cache(maxsize=32)
def _overlay_rgba(text: str, height: int, max_width: int) -> np.ndarray:
    """The wordmark with its shadow as an (h, w, 4) uint8 RGBA array, tightly cropped."""
    size = max(9, round(height * FONT_HEIGHT))
    while True:
        font = _font(size)
        left, top, right, bottom = ImageDraw.Draw(Image.new("L", (1, 1))).textbbox((0, 0), text, font=font)
        if right - left <= max_width or size <= 6:
            break
        size -= 1
    offset = max(1, round(size / 14))
    blur = max(0.6, size / 16)
    pad = int(offset + 3 * blur) + 1
    w, h = right - left + 2 * pad, bottom - top + 2 * pad
    origin = (pad - left, pad - top)

    text_mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(text_mask).text(origin, text, font=font, fill=255)
    shadow_mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(shadow_mask).text((origin[0] + offset, origin[1] + offset), text, font=font, fill=255)
    shadow_mask = shadow_mask.filter(ImageFilter.GaussianBlur(blur))

    text_a = np.asarray(text_mask, dtype=np.float32) / 255 * TEXT_OPACITY
    shadow_a = np.asarray(shadow_mask, dtype=np.float32) / 255 * SHADOW_OPACITY
    # White text over a black shadow ("over" operator), kept straight (not premultiplied).
    alpha = text_a + shadow_a * (1 - text_a)
    grey = np.divide(text_a, alpha, out=np.zeros_like(alpha), where=alpha > 0) * 255
    rgba = np.zeros((h, w, 4), dtype=np.uint8)
    rgba[..., 0] = rgba[..., 1] = rgba[..., 2] = np.round(grey).astype(np.uint8)
    rgba[..., 3] = np.round(alpha * 255).astype(np.uint8)
    rows, cols = np.nonzero(rgba[..., 3])
    if rows.size == 0:
        return rgba[:1, :1]
    return rgba[rows.min(): rows.max() + 1, cols.min(): cols.max() + 1]


def overlay_box(width: int, height: int, text: str = "eigenframe") -> tuple[int, int, int, int]:
    """Where the wordmark goes in a ``width`` x ``height`` frame: (x, y, w, h), even-aligned."""
    return _placement(width, height, text)[0]


@lru_cache(maxsize=32)
def _placement(width: int, height: int, text: str) -> tuple[tuple[int, int, int, int], np.ndarray]:
    ref = min(width, height) if height > width else height  # portrait: size by the short side
    rgba = _overlay_rgba(text, ref, max(8, int(width * MAX_WIDTH)))
    margin = max(2, round(ref * MARGIN))
    oh, ow = rgba.shape[:2]
    # Pad the overlay to even size and an even origin so 4:2:0 chroma lines up.
    x = max(0, width - margin - ow) & ~1
    y = max(0, height - margin - oh) & ~1
    w = min(width - x, (ow + 1) & ~1)
    h = min(height - y, (oh + 1) & ~1)
    padded = np.zeros((h, w, 4), dtype=np.uint8)
    padded[: min(oh, h), : min(ow, w)] = rgba[:h, :w]
    return (x, y, w, h), padded


# --- blending ------------------------------------------------------------------------


@dataclass
class _YuvBlend:
    """Per-plane (inverse alpha, premultiplied colour), both scaled by 256, as uint16/uint32."""

    box: tuple[int, int, int, int]
    planes: list[tuple[int, int, int, int, np.ndarray, np.ndarray]]  # x, y, w, h, inv, pre

    @classmethod
    def build(cls, box, rgba: np.ndarray, shift: tuple[int, int], full_range: bool) -> _YuvBlend:
        x, y, w, h = box
        rgb = rgba[..., :3].astype(np.float32)
        a = rgba[..., 3].astype(np.float32) / 255
        r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
        # BT.709 (the wordmark is grey, where 601 and 709 agree anyway).
        luma = 0.2126 * r + 0.7152 * g + 0.0722 * b
        cb = (b - luma) / 1.8556
        cr = (r - luma) / 1.5748
        if full_range:
            yv, uv, vv = luma, cb + 128, cr + 128
        else:
            yv, uv, vv = 16 + luma * 219 / 255, 128 + cb * 224 / 255, 128 + cr * 224 / 255
        planes = [cls._plane(x, y, a, yv)]
        sx, sy = shift
        for value in (uv, vv):
            ca, cv = a, value * a
            if sx or sy:
                fy, fx = 1 << sy, 1 << sx
                hh, ww = ca.shape[0] // fy * fy, ca.shape[1] // fx * fx
                ca = ca[:hh, :ww].reshape(hh // fy, fy, ww // fx, fx).mean(axis=(1, 3))
                cv = cv[:hh, :ww].reshape(hh // fy, fy, ww // fx, fx).mean(axis=(1, 3))
            colour = np.divide(cv, ca, out=np.full_like(ca, 128), where=ca > 0)
            planes.append(cls._plane(x >> sx, y >> sy, ca, colour))
        return cls(box, planes)

    @staticmethod
    def _plane(x, y, alpha, value):
        inv = np.round((1 - alpha) * 256).astype(np.uint16)
        pre = np.round(alpha * value * 256).astype(np.uint16)
        return x, y, alpha.shape[1], alpha.shape[0], inv, pre

    def apply(self, frame: av.VideoFrame) -> av.VideoFrame:
        frame.make_writable()  # decoded frames may share buffers with the decoder's references
        for plane, (x, y, w, h, inv, pre) in zip(frame.planes, self.planes):
            stride = plane.line_size
            buf = np.frombuffer(plane, np.uint8)
            view = np.lib.stride_tricks.as_strided(buf[y * stride + x:], shape=(h, w), strides=(stride, 1))
            view[...] = ((view * inv + pre + 128) >> 8).astype(np.uint8)
        return frame


# Packed RGB formats: where R, G, B sit in each pixel, and the bytes per pixel.
_PACKED_RGB = {"rgb24": ((0, 1, 2), 3), "bgr24": ((2, 1, 0), 3), "rgba": ((0, 1, 2), 4),
               "bgra": ((2, 1, 0), 4), "rgb0": ((0, 1, 2), 4), "bgr0": ((2, 1, 0), 4),
               "argb": ((1, 2, 3), 4), "abgr": ((3, 2, 1), 4), "0rgb": ((1, 2, 3), 4),
               "0bgr": ((3, 2, 1), 4)}


def _blend_rgb(image: np.ndarray, box, rgba: np.ndarray, order=(0, 1, 2)) -> None:
    """Blend ``rgba`` into the (H, W, C) uint8 ``image`` at ``box``, in place."""
    x, y, w, h = box
    a = rgba[..., 3:4].astype(np.uint16)
    a += a > 0  # 0 or 2..256, so full opacity replaces exactly
    for channel, src in zip(order, range(3)):
        region = image[y: y + h, x: x + w, channel]
        region[...] = ((region * (256 - a[..., 0]) + rgba[..., src] * a[..., 0] + 128) >> 8).astype(np.uint8)


def _blend_packed(frame: av.VideoFrame, box, rgba: np.ndarray) -> av.VideoFrame:
    """Blend into a packed RGB frame's own buffer (after making it private)."""
    order, size = _PACKED_RGB[frame.format.name]
    frame.make_writable()
    plane = frame.planes[0]
    buf = np.frombuffer(plane, np.uint8)
    image = np.lib.stride_tricks.as_strided(buf, shape=(frame.height, frame.width, size),
                                            strides=(plane.line_size, size, 1))
    _blend_rgb(image, box, rgba, order)
    return frame


# --- the pipeline --------------------------------------------------------------------


def _open(src: Path):
    try:
        container = av.open(str(src))
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise WatermarkError(f"Cannot open {Path(src).name} as a video: {exc}") from exc
    if not container.streams.video:
        container.close()
        raise WatermarkError(f"{Path(src).name} has no video stream.")
    return container


def watermark_video(src: Path, dst: Path, *, text: str = "eigenframe") -> None:
    """Write ``src`` with the wordmark burned in to ``dst`` (same container and codec family).

    ``dst`` is written atomically (a temporary file next to it, then renamed). Raises
    WatermarkError when ``src`` cannot be decoded or uses a codec we cannot re-encode.
    """
    src, dst = Path(src), Path(dst)
    source = _open(src)
    try:
        fmt = source.format.name
        stream = source.streams.video[0]
        codec = stream.codec_context.name
        target = next((v for k, v in _CONTAINERS.items() if k in fmt.split(",")), None)
        if codec == "gif":
            target = "gif"
        if target is None or codec not in _ENCODERS:
            raise WatermarkError(f"Cannot watermark {codec} video in a {fmt} container.")
        if target == "webm" and codec not in ("vp8", "vp9"):
            raise WatermarkError(f"Cannot watermark {codec} video in a {fmt} container.")
        if target == "mp4" and codec != "h264":
            raise WatermarkError(f"Cannot watermark {codec} video in a {fmt} container.")
    except BaseException:
        source.close()
        raise

    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".part", dir=dst.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            if target == "gif":
                source.close()
                _watermark_gif(src, tmp, text)
            else:
                _watermark_encoded(source, tmp, target, text)
        except av.FFmpegError as exc:
            raise WatermarkError(f"Cannot decode {src.name}: {exc}") from exc
        finally:
            source.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _watermark_encoded(source, tmp: Path, target: str, text: str) -> None:
    in_video = source.streams.video[0]
    in_video.thread_type = "AUTO"
    in_audio = [s for s in source.streams.audio]
    encoder, options = _ENCODERS[in_video.codec_context.name]
    width, height = in_video.codec_context.width, in_video.codec_context.height
    if not width or not height:
        raise WatermarkError("The video stream has no frame size.")
    box, rgba = _placement(width, height, text)
    rate = in_video.average_rate or in_video.guessed_rate or Fraction(30)

    container_options = {"movflags": "+faststart"} if target == "mp4" else {}
    with av.open(str(tmp), mode="w", format=target, options=container_options) as out:
        out.metadata.update(source.metadata)
        video = out.add_stream(encoder, rate=rate, options=dict(options))
        video.width, video.height = width, height
        video.time_base = in_video.time_base
        video.codec_context.time_base = in_video.time_base
        video.thread_type = "AUTO"
        cc_in, cc_out = in_video.codec_context, video.codec_context
        for attr in ("color_range", "colorspace", "color_primaries", "color_trc"):
            try:
                setattr(cc_out, attr, getattr(cc_in, attr))
            except (AttributeError, ValueError, TypeError):
                pass
        audio_map = {}
        for stream in in_audio:
            try:
                audio_map[stream.index] = out.add_stream_from_template(stream)
            except (ValueError, av.FFmpegError):
                logger.warning("Dropping audio stream %s (%s) that %s cannot hold.",
                               stream.index, stream.codec_context.name, target)

        blend = None
        pix_fmt = None
        for packet in source.demux(in_video, *in_audio):
            if packet.stream.index in audio_map:
                if packet.dts is None:
                    continue
                packet.stream = audio_map[packet.stream.index]
                out.mux(packet)
                continue
            if packet.stream.index != in_video.index:
                continue
            for frame in packet.decode():
                if blend is None:
                    pix_fmt = frame.format.name
                    video.pix_fmt = pix_fmt if pix_fmt in _PLANAR_YUV else "yuv420p"
                    if pix_fmt in _PLANAR_YUV:
                        full = frame.color_range == 2  # AVCOL_RANGE_JPEG
                        blend = _YuvBlend.build(box, rgba, _PLANAR_YUV[pix_fmt], full or "yuvj" in pix_fmt)
                    else:
                        blend = "rgb"
                if blend == "rgb" or frame.format.name != pix_fmt:
                    frame = _rgb_path(frame, box, rgba, video.pix_fmt)
                else:
                    frame = blend.apply(frame)
                frame.pict_type = 0  # let the encoder choose frame types
                out.mux(video.encode(frame))
        if blend is None:
            raise WatermarkError("The video has no decodable frames.")
        out.mux(video.encode(None))


def _rgb_path(frame: av.VideoFrame, box, rgba, pix_fmt: str) -> av.VideoFrame:
    if frame.format.name in _PACKED_RGB:
        return _blend_packed(frame, box, rgba).reformat(format=pix_fmt)
    image = frame.to_ndarray(format="rgb24")
    _blend_rgb(image, box, rgba)
    new = av.VideoFrame.from_ndarray(image, format="rgb24").reformat(format=pix_fmt)
    new.pts, new.time_base = frame.pts, frame.time_base
    return new


def _gif_frames(src: Path, text: str):
    """Decoded gif frames, watermarked, as packed RGB frames with their original timestamps."""
    with _open(src) as source:
        stream = source.streams.video[0]
        box = rgba = None
        for frame in source.decode(stream):
            if frame.format.name not in _PACKED_RGB:
                frame = frame.reformat(format="bgra")
            if box is None:
                box, rgba = _placement(frame.width, frame.height, text)
            frame = _blend_packed(frame, box, rgba)
            frame.time_base = stream.time_base
            yield frame


def _watermark_gif(src: Path, tmp: Path, text: str) -> None:
    with _open(src) as probe:
        stream = probe.streams.video[0]
        width, height = stream.codec_context.width, stream.codec_context.height
        time_base = stream.time_base or Fraction(1, 100)
        rate = stream.average_rate or stream.guessed_rate or Fraction(15)
        metadata = dict(probe.metadata)

    # Pass 1: one palette for the whole (watermarked) clip; palettegen keeps only a histogram.
    graph = None
    pix_fmt = "bgra"
    for frame in _gif_frames(src, text):
        if graph is None:
            pix_fmt = frame.format.name
            graph = av.filter.Graph()
            buffer = graph.add_buffer(width=width, height=height, format=pix_fmt, time_base=time_base)
            palettegen = graph.add("palettegen", "stats_mode=full")
            sink = graph.add("buffersink")
            buffer.link_to(palettegen)
            palettegen.link_to(sink)
            graph.configure()
        graph.push(frame)
    if graph is None:
        raise WatermarkError("The gif has no decodable frames.")
    graph.push(None)
    palette = graph.pull()

    # Pass 2: map every frame onto that palette, as Manim's gif writer does.
    graph = av.filter.Graph()
    frames_in = graph.add_buffer(width=width, height=height, format=pix_fmt, time_base=time_base)
    palette_in = graph.add_buffer(width=palette.width, height=palette.height,
                                  format=palette.format.name, time_base=time_base)
    paletteuse = graph.add("paletteuse", "dither=bayer:bayer_scale=5:diff_mode=rectangle")
    sink = graph.add("buffersink")
    frames_in.link_to(paletteuse, 0, 0)
    palette_in.link_to(paletteuse, 0, 1)
    paletteuse.link_to(sink)
    graph.configure()
    palette.pts = 0
    palette.time_base = time_base
    palette_in.push(palette)
    palette_in.push(None)

    with av.open(str(tmp), mode="w", format="gif") as out:
        out.metadata.update(metadata)
        video = out.add_stream("gif", rate=rate)
        video.width, video.height = width, height
        video.pix_fmt = "pal8"
        video.time_base = time_base
        video.codec_context.time_base = time_base

        def drain() -> None:
            while True:
                try:
                    result = graph.pull()
                except (av.error.BlockingIOError, av.error.EOFError):
                    return
                result.time_base = time_base
                out.mux(video.encode(result))

        for frame in _gif_frames(src, text):
            frames_in.push(frame)
            drain()
        frames_in.push(None)
        drain()
        out.mux(video.encode(None))
