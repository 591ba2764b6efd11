"""The SMTP server MailTests send to: aiosmtpd on a free port of 127.0.0.1.

    smtp_server.py DIR [--port N] [--discard] [--cert CERT --key KEY [--implicit-tls]] [--auth USER:PASSWORD [--auth-in-clear] [--login-only]]

With a certificate it offers STARTTLS, or speaks TLS from the first byte
with --implicit-tls; with --auth it offers AUTH PLAIN and LOGIN (only after
TLS unless --auth-in-clear; only LOGIN with --login-only). Recipients whose local part begins with
`refuse550` are answered 550, with `later451` 451. Each message accepted is
written, before the server answers 250, to DIR/N.json: the envelope, whether
it came over TLS, on which connection (counted from 1), who authenticated, and the message as mail_json.parsed
reads it, and `accepted N <message-id> to RCPT,…` printed after. Prints `ready PORT` once it
listens, on --port or a free one. With --discard it accepts every
message and keeps nothing (the benchmark's mail server).
"""
import argparse
import asyncio
import json
import os
import ssl

from aiosmtpd.smtp import SMTP, AuthResult

from mail_json import parsed


class Handler:
    def __init__(self, directory, discard=False):
        self.directory = directory
        self.discard = discard
        self.count = 0
        self.connections = {}  # the client's address and port: which connection, counted from 1

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("refuse550"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("later451"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.discard:
            return "250 OK: discarded"
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "connection": self.connections.setdefault(str(session.peer), len(self.connections) + 1),
            "auth": session.auth_data if session.authenticated else None,
            "message": parsed(envelope.original_content),
        }
        path = os.path.join(self.directory, f"{self.count}.json")
        with open(path + ".tmp", "w") as file:
            json.dump(record, file)
        os.replace(path + ".tmp", path)
        print(f"accepted {self.count} {record['message']['message_id']} to {','.join(envelope.rcpt_tos)}", flush=True)
        return "250 OK: queued"


def authenticator(expected):
    def check(server, session, envelope, mechanism, auth_data):
        login, password = auth_data.login.decode(), auth_data.password.decode()
        return AuthResult(success=f"{login}:{password}" == expected, handled=False, auth_data=[mechanism, login])
    return check


async def serve(args):
    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    handler = Handler(args.directory, discard=args.discard)

    def protocol():
        return SMTP(handler, hostname="mail.test",
                    tls_context=None if args.implicit_tls else context,
                    authenticator=authenticator(args.auth) if args.auth else None,
                    # aiosmtpd counts only STARTTLS as TLS; under implicit TLS it is TLS from the start.
                    auth_require_tls=not (args.auth_in_clear or args.implicit_tls),
                    auth_exclude_mechanism=["PLAIN"] if args.login_only else None)

    server = await asyncio.get_running_loop().create_server(
        protocol, host="127.0.0.1", port=args.port, ssl=context if args.implicit_tls else None)
    print(f"ready {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--discard", action="store_true")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth")
    parser.add_argument("--auth-in-clear", action="store_true")
    parser.add_argument("--login-only", action="store_true")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
