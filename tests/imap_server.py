"""A throwaway IMAP server for the capture tests: Dovecot from Debian's packages, on 127.0.0.1 at
a free port, plain text (only this machine), one user, maildir storage in a temporary folder,
stopped and removed at the end. `.ci/run` installs Dovecot; elsewhere the tests that need it
skip, unless REF_TEST_REQUIRE_DOVECOT=1 (as in CI) makes a missing server a failure."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

USER, PASSWORD = "me", "imap-s3cret"


@dataclass(frozen=True)
class Server:
    port: int
    folder: Path

    def url(self, folders: str = "INBOX") -> str:
        return f"imap://{USER}@127.0.0.1:{self.port}/{folders}"

    def client(self):  # type: ignore[no-untyped-def]
        from imapclient import IMAPClient

        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(USER, PASSWORD)
        return client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _config(folder: Path, port: int) -> str:
    root = os.geteuid() == 0
    owner = pwd.getpwnam("dovecot") if root else pwd.getpwuid(os.geteuid())
    internal = "dovecot" if root else owner.pw_name
    login = "dovenull" if root else owner.pw_name
    return f"""
protocols = imap
first_valid_uid = 1
listen = 127.0.0.1
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{folder}/mail/%u
default_internal_user = {internal}
default_login_user = {login}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/passwd
}}
userdb {{
  driver = static
  args = uid={owner.pw_uid} gid={owner.pw_gid} home={folder}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


@contextmanager
def dovecot() -> Iterator[Server]:
    binary = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
    if binary is None:
        if os.environ.get("REF_TEST_REQUIRE_DOVECOT") == "1":
            pytest.fail("Dovecot is not installed (apt-get install dovecot-imapd)")
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd): .ci/run installs it")
    folder = Path(tempfile.mkdtemp(prefix="ref-imap-", dir="/tmp"))  # the server's users must reach it
    folder.chmod(0o755)
    for sub in ("run", "state", "mail", "home"):
        (folder / sub).mkdir()
    port = _free_port()
    (folder / "dovecot.conf").write_text(_config(folder, port))
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    if os.geteuid() == 0:
        owner = pwd.getpwnam("dovecot")
        for sub in ("mail", "home"):
            os.chown(folder / sub, owner.pw_uid, owner.pw_gid)
    config = str(folder / "dovecot.conf")
    try:
        # The server forks into the background: its children must not hold a pipe of ours open.
        subprocess.run([binary, "-c", config], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=30)  # fmt: skip
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield Server(port, folder)
    finally:
        subprocess.run([binary, "-c", config, "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
