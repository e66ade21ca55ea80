"""An IMAP account as a source of touches, through `imapclient`: every folder asked for and the
Sent folder, headers only (`BODY.PEEK[HEADER.FIELDS ...]`: nothing is marked read), folders
opened read-only. The password comes from REF_IMAP_PASSWORD, ~/.netrc or the system keyring
(`keyring`, if installed), never from the command line, so it is never in the journal."""

from __future__ import annotations

import contextlib
import os
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import unquote, urlsplit

from refcli.capture.items import Item, Skip
from refcli.capture.mail import HEADERS, item_of
from refcli.errors import InvalidInput, StorageError

FETCH = "BODY.PEEK[HEADER.FIELDS ({})]".format(" ".join(h.upper() for h in HEADERS))
BATCH = 500  # messages a FETCH asks for
LOCAL = ("127.0.0.1", "localhost", "::1")  # where a plain (unencrypted) connection is allowed
TIMEOUT = 30  # seconds to wait for the server


@dataclass(frozen=True)
class Account:
    host: str
    port: int
    user: str
    tls: bool
    folders: tuple[str, ...]  # asked for; the Sent folder is read too

    def label(self) -> str:
        scheme = "imaps" if self.tls else "imap"
        return f"{scheme}://{self.user}@{self.host}:{self.port}/{','.join(self.folders) or 'INBOX'}"


def parse(url: str) -> Account:
    """`imaps://user@host[:port]/FOLDER[,FOLDER]` (TLS, port 993), or `imap://` (port 143:
    STARTTLS when the server offers it, plain only to this machine)."""
    parts = urlsplit(url)
    if parts.password is not None:
        raise InvalidInput(
            "a password in the IMAP address would be seen by every process and kept in your shell history",
            "put it in REF_IMAP_PASSWORD, in ~/.netrc, or in the system keyring (see the guide)",
        )
    if not parts.hostname or not parts.username:
        raise InvalidInput(f"{url}: give the account as imaps://USER@HOST/FOLDER", "e.g. imaps://me@mail.example/INBOX")
    tls = parts.scheme == "imaps"
    try:
        port = parts.port or (993 if tls else 143)
    except ValueError:
        raise InvalidInput(f"{url}: the port is not a number") from None
    folders = tuple(unquote(f).strip() for f in parts.path.lstrip("/").split(",") if f.strip())
    return Account(parts.hostname, port, unquote(parts.username), tls, folders or ("INBOX",))


def password(account: Account) -> str:
    """The account's password, from where the guide says to keep it."""
    found = os.environ.get("REF_IMAP_PASSWORD")
    if found:
        return found
    import netrc

    try:
        entry = netrc.netrc().authenticators(account.host)
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        entry = None
    if entry and (entry[0] in (None, "", account.user)) and entry[2]:
        return entry[2]
    try:
        import keyring

        stored = keyring.get_password("ref-imap", f"{account.user}@{account.host}")
    except Exception:  # no keyring installed, or no backend: the other two places are the way
        stored = None
    if stored:
        return str(stored)
    raise InvalidInput(
        f"no password for {account.user}@{account.host}",
        "set REF_IMAP_PASSWORD, add the host to ~/.netrc, or store it with the keyring (service ref-imap)",
    )


def connect(account: Account) -> Any:
    """A logged-in client, or a clear error: unreachable (exit 4), refused login (exit 3)."""
    from imapclient import IMAPClient
    from imapclient.exceptions import LoginError

    secret = password(account)
    try:
        client = IMAPClient(account.host, port=account.port, ssl=account.tls, timeout=TIMEOUT,
                            ssl_context=ssl.create_default_context() if account.tls else None)  # fmt: skip
        if not account.tls:
            if b"STARTTLS" in client.capabilities():
                client.starttls(ssl.create_default_context())
            elif account.host not in LOCAL:
                client.logout()
                raise InvalidInput(
                    f"{account.host} offers no encryption on port {account.port}: the password would cross the network",
                    f"use imaps://{account.user}@{account.host}/",
                )
    except (OSError, ssl.SSLError) as exc:
        raise StorageError(
            f"cannot reach {account.host}:{account.port} ({exc})", "check the address and port"
        ) from None
    try:
        client.login(account.user, secret)
    except LoginError:
        raise InvalidInput(f"the server refused the login of {account.user}", "check the password") from None
    return client


def _sent_folders(client: Any) -> list[str]:
    found = []
    for flags, _, name in client.list_folders():
        text = name if isinstance(name, str) else name.decode("utf-8", "replace")
        if b"\\Sent" in flags or "sent" in text.lower().split("/")[-1].split(".")[-1]:
            found.append(text)
    return found


def status_print(account: Account) -> str:
    """What the account's folders hold now, without a message read: each folder's UIDVALIDITY,
    UIDNEXT and count (the server's own word for "nothing new"), for capture/seen.py."""
    client = connect(account)
    try:
        parts = []
        for folder in dict.fromkeys([*account.folders, *_sent_folders(client)]):
            try:
                status = client.folder_status(folder, [b"UIDVALIDITY", b"UIDNEXT", b"MESSAGES"])
            except Exception:  # a missing folder: read (and reported) by the capture itself
                parts.append(f"{folder}: none")
                continue
            found = {k.decode() if isinstance(k, bytes) else str(k): v for k, v in status.items()}
            parts.append(f"{folder}: {found.get('UIDVALIDITY')} {found.get('UIDNEXT')} {found.get('MESSAGES')}")
        return "\n".join(parts)
    finally:
        with contextlib.suppress(Exception):
            client.logout()


def items(account: Account, since: date | None) -> Iterator[Item | Skip]:
    """Every message of the folders asked for and of the Sent folder, by its headers."""
    client = connect(account)
    try:
        sent = _sent_folders(client)
        for folder in dict.fromkeys([*account.folders, *sent]):
            try:
                client.select_folder(folder, readonly=True)
            except Exception as exc:  # imapclient raises the server's own error for a missing folder
                yield Skip(f"{account.label()} {folder}", f"no such folder ({exc})")
                continue
            uids = client.search(["SINCE", since] if since else ["ALL"])
            for start in range(0, len(uids), BATCH):
                fetched = client.fetch(uids[start : start + BATCH], [FETCH])
                for uid, data in fetched.items():
                    head = next((v for k, v in data.items() if k.startswith(b"BODY[HEADER")), b"")
                    yield item_of(head or b"", f"{folder} uid {uid}", sent_folder=folder in sent)
    finally:
        with contextlib.suppress(Exception):  # the connection is gone already: nothing to close
            client.logout()
