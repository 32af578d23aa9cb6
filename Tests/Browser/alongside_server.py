"""A real `alongside serve --demo` for the Python checks (browser journeys, ORUK validation)."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Server:
    """A real `alongside serve --demo` on a free loopback port with its own database."""

    def __init__(self, binary, env=None):
        self.binary = binary
        self.directory = tempfile.mkdtemp(prefix="alongside-check-")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(self.directory, "server.log"), "w")
        env = dict(os.environ, DATABASE_URL=f"sqlite:{self.directory}/alongside.sqlite", ALONGSIDE_ROOT=ROOT,
                   LOG_LEVEL="warning", **(env or {}))
        self.process = subprocess.Popen(
            [binary, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(self.port)],
            env=env, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.time() + 300
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"alongside did not start; see {self.directory}/server.log")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.directory, ignore_errors=True)
