"""Measuring a command: wall time, CPU and memory of the whole tree, grandchildren included; disk use."""

import os
import sys
import tempfile
import unittest
from pathlib import Path

from benchlib import measure

# A grandchild (sh → python) that holds 64 MiB and spins a little, so only a tree-wide measure sees either.
GRANDCHILD = (
    f"{sys.executable} -c 'import time; b = bytearray(64 << 20); t = time.process_time()\n"
    "while time.process_time() - t < 0.3: pass\ntime.sleep(0.2)'"
)


class Measuring(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.folder = Path(self.dir.name)

    def tearDown(self):
        self.dir.cleanup()

    def test_a_grandchilds_memory_and_cpu_count_for_the_tree(self):
        m = measure.run(["sh", "-c", f"{GRANDCHILD} & wait"], self.folder, dict(os.environ), self.folder / "log")
        self.assertEqual(m.exit_code, 0)
        self.assertGreaterEqual(m.peak_pss_bytes, 64 << 20)
        self.assertGreaterEqual(m.peak_rss_bytes, m.peak_pss_bytes)
        self.assertGreaterEqual(m.user_s + m.sys_s, 0.3)
        self.assertGreaterEqual(m.peak_processes, 2)
        self.assertGreaterEqual(m.wall_s, 0.5)

    def test_the_exit_code_and_output_are_kept(self):
        m = measure.run(["sh", "-c", "echo said; exit 3"], self.folder, dict(os.environ), self.folder / "log")
        self.assertEqual(m.exit_code, 3)
        self.assertEqual((self.folder / "log").read_text(), "said\n")

    def test_disk_usage_adds_up_every_file_below_a_folder(self):
        (self.folder / "sub").mkdir()
        (self.folder / "a").write_bytes(b"x" * 5000)
        (self.folder / "sub" / "b").write_bytes(b"y" * 100)
        allocated, apparent = measure.disk_usage(self.folder)
        self.assertEqual(apparent, 5100)
        self.assertGreaterEqual(allocated, 5100)


if __name__ == "__main__":
    unittest.main()
