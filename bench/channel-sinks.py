#!/usr/bin/env python3
"""Sinks for a bench host's e-mail and SMS, so that the host sends notices the way a production host does (SMTP and
Twilio's REST API) instead of keeping them in the development outbox, a database write per message that production
does not have. E-mail: aiosmtpd's Sink handler (accepts every message, keeps nothing). SMS: a Twilio-shaped endpoint
(POST /2010-04-01/Accounts/{sid}/Messages.json answered 201 with a queued Message resource).

    python3 bench/channel-sinks.py SMTP_PORT TWILIO_PORT     # runs until killed; counts go to stderr on exit

SINK_LATENCY_MS (0): each e-mail's DATA and each SMS request is answered that much later, as a real relay or API answers in
tens to hundreds of milliseconds; with it the benches show how many notices per second a host gets out, not only its CPU.
"""
import asyncio
import os
import time
import json
import signal
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

sms_count = 0
lock = threading.Lock()
LATENCY = float(os.environ.get("SINK_LATENCY_MS", "0")) / 1000


class SlowSink(Sink):
    """aiosmtpd's Sink, answering DATA after LATENCY (other connections go on meanwhile: the server is asynchronous)."""

    async def handle_DATA(self, server, session, envelope):
        if LATENCY > 0:
            await asyncio.sleep(LATENCY)
        return "250 OK"


class Twilio(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # http.server writes the head and the body in two sends: with Nagle's algorithm on, the body waits for the client's
    # delayed ACK (40 ms on Linux), so each kept connection carried at most ~25 requests/s and the sink, not the host,
    # set the bench's pace.
    disable_nagle_algorithm = True

    def do_POST(self):  # noqa: N802 (http.server's naming)
        global sms_count
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if LATENCY > 0:
            time.sleep(LATENCY)  # a thread per connection: other requests go on meanwhile
        if not self.path.endswith("/Messages.json"):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with lock:
            sms_count += 1
        body = json.dumps({"sid": "SM" + uuid.uuid4().hex, "status": "queued", "error_code": None, "error_message": None}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    smtp_port, twilio_port = int(sys.argv[1]), int(sys.argv[2])
    smtp = Controller(SlowSink(), hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    http = ThreadingHTTPServer(("127.0.0.1", twilio_port), Twilio)
    http.daemon_threads = True

    def stop(*_):
        threading.Thread(target=http.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    http.serve_forever()
    smtp.stop()
    print(f"channel sinks: {sms_count} SMS", file=sys.stderr)


if __name__ == "__main__":
    main()
