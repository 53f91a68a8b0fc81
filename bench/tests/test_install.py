"""Installing the peers: nothing to do when present, a reason per peer when apt cannot help."""

import subprocess
import unittest
from unittest import mock

from benchlib import install


class Installing(unittest.TestCase):
    def test_present_peers_need_no_apt(self):
        with mock.patch.object(install.shutil, "which", return_value="/usr/bin/x"), mock.patch.object(
            install, "_apt"
        ) as apt:
            self.assertEqual(install.ensure(["newsboat", "sfeed"]), {"newsboat": None, "sfeed": None})
            apt.assert_not_called()

    def test_a_peer_apt_cannot_install_comes_back_with_the_reason_and_apt_is_tried_after_an_update(self):
        which = lambda name: None if name == "sfeed_update" else "/usr/bin/newsboat"  # noqa: E731
        failed = subprocess.CompletedProcess([], 100, "", "E: Unable to locate package sfeed")
        with mock.patch.object(install.shutil, "which", side_effect=which), mock.patch.object(
            install, "_apt", return_value=failed
        ) as apt:
            result = install.ensure(["newsboat", "sfeed"])
        self.assertEqual(result, {"newsboat": None, "sfeed": "E: Unable to locate package sfeed"})
        self.assertEqual([c.args[0][0] for c in apt.call_args_list], ["install", "update", "install"])


if __name__ == "__main__":
    unittest.main()
