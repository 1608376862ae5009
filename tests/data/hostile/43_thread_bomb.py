"""Thread bomb: start sleeping threads until something gives."""
from manim import *
import threading
import time


class ThreadBomb(Scene):
    def construct(self):
        threads = []
        while True:
            thread = threading.Thread(target=time.sleep, args=(3600,), daemon=True)
            thread.start()
            threads.append(thread)
