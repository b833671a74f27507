"""A real SMTP server for tests (aiosmtpd) that keeps what it accepts, parsed with the
standard library's `email` package, and can refuse or fail on demand."""

import email
import email.policy
import logging
import socket
import threading
import time
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)


@dataclass
class Received:
    recipients: list[str]
    message: email.message.EmailMessage

    @property
    def unsubscribe_url(self) -> str:
        """The List-Unsubscribe address (the header may be folded)."""
        return " ".join(str(self.message["List-Unsubscribe"]).split()).strip("<>")

    def part(self, content_type: str) -> str:
        return self.message.get_body(preferencelist=(content_type.split("/")[1],)).get_content()


@dataclass
class Handler:
    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # addresses answered 550
    failing: bool = False  # every message answered 451
    lock: threading.Lock = field(default_factory=threading.Lock)
    last_accepted: float = 0.0  # time.time() of the last message accepted

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.failing:
            return "451 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(list(envelope.rcpt_tos), message))
            self.last_accepted = time.time()
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(handler: Handler) -> Controller:
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller
