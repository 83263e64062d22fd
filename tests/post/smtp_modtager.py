"""A local SMTP server for tests/indsamling_post.rs, on aiosmtpd (Debian's python3-aiosmtpd).

    python3 smtp_modtager.py FOLDER [USER PASSWORD]

Listens on a free port of 127.0.0.1 and prints that port on one line once it accepts
connections. Every message is written to FOLDER before the server answers 250: N.eml as
it arrived, and N.json with what Python's email package reads from it (RFC 2047 subject
and transfer encodings decoded). With USER and PASSWORD, AUTH is required (over plain
SMTP: the server is on loopback). Ends when its standard input closes.
"""

import asyncio
import json
import os
import sys
from email import policy
from email.parser import BytesParser

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Gem:
    def __init__(self, mappe):
        self.mappe = mappe
        self.antal = 0

    async def handle_DATA(self, server, session, envelope):
        self.antal += 1
        raa = envelope.original_content
        brev = BytesParser(policy=policy.default).parsebytes(raa)
        del_ = brev.get_body(preferencelist=("plain",))
        data = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(brev["From"]),
            "to": str(brev["To"]),
            "subject": str(brev["Subject"]),
            "content_type": del_.get_content_type(),
            "charset": del_.get_content_charset(),
            "body": del_.get_content(),
        }
        navn = os.path.join(self.mappe, str(self.antal))
        skriv(navn + ".eml", raa)
        skriv(navn + ".json", json.dumps(data, ensure_ascii=False).encode("utf-8"))
        return "250 OK"


def skriv(sti, indhold):
    """Whole or not at all: a reader never sees half a file."""
    with open(sti + ".tmp", "wb") as f:
        f.write(indhold)
    os.replace(sti + ".tmp", sti)


def adgang(bruger, kode):
    def tjek(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == bruger and auth_data.password.decode() == kode
        )
        # handled=False: aiosmtpd answers 535 itself.
        return AuthResult(success=ok, handled=False)

    return tjek


async def main():
    mappe = sys.argv[1]
    login = sys.argv[2:4]
    haandtering = Gem(mappe)

    def smtp():
        if login:
            return SMTP(
                haandtering,
                authenticator=adgang(*login),
                auth_required=True,
                auth_require_tls=False,
            )
        return SMTP(haandtering)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(smtp, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
