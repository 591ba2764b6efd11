"""A message as Python's email package reads it, as JSON, for MailTests.

    python3 mail_json.py file PATH     one message file (what a sendmail stand-in received)
    python3 mail_json.py maildir DIR   every message of a Maildir, read by mailbox.Maildir

The headers are decoded (RFC 2047, RFC 2231) by email.policy.default, the
parts found by get_body and iter_attachments, and every defect the parser
noticed is listed, so a test sees what a mail client would.
"""
import base64
import email
import email.policy
import json
import mailbox
import sys


def parsed(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [type(d).__name__ for part in message.walk() for d in part.defects]

    def addresses(name):
        header = message[name]
        return [[a.display_name, a.addr_spec] for a in header.addresses] if header is not None else []

    def body(kind):
        part = message.get_body(preferencelist=(kind,))
        if part is None or part.get_content_type() != "text/" + kind:
            return None
        return part.get_content().replace("\r\n", "\n")  # as read from a file or from SMTP alike

    lines = raw.split(b"\n")
    longest = max(len(line.rstrip(b"\r")) for line in lines)
    return {
        "headers": [[name, str(value)] for name, value in message.items()],
        "from": addresses("From"),
        "to": addresses("To"),
        "reply_to": addresses("Reply-To"),
        "subject": str(message["Subject"]),
        "message_id": str(message["Message-ID"]),
        "date": message["Date"].datetime.isoformat(),
        "content_type": message.get_content_type(),
        "parts": [part.get_content_type() for part in message.walk()],
        "text": body("plain"),
        "html": body("html"),
        "attachments": [{
            "filename": part.get_filename(),
            "content_type": part.get_content_type(),
            "params": {key: str(value) for key, value in part["Content-Type"].params.items()},
            "data": base64.b64encode(part.get_payload(decode=True)).decode("ascii"),
        } for part in message.iter_attachments()],
        "defects": defects,
        "longest_line": longest,
        "ascii": all(byte < 0x80 for byte in raw),
        "bare_line_feeds": sum(1 for line in lines[:-1] if not line.endswith(b"\r")),
    }


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "file":
        with open(path, "rb") as file:
            result = parsed(file.read())
    else:
        box = mailbox.Maildir(path, factory=None, create=False)
        result = [dict(parsed(box.get_bytes(key)), subdir=box.get_message(key).get_subdir()) for key in sorted(box.keys())]
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
