#!/usr/bin/env python3
"""httpd.py: the local web server of the fetch tests (127.0.0.1 only).

Serves the files of DIR, plus routes that fail on purpose: /missing (404),
/image.png (an image), /huge (announces 100 MiB), /stream-huge (sends
70 MiB without a length), /slow (never answers), /redirect (to
/wire.html), /loop (redirects forever). Binds a free port and writes it to
PORTFILE; runs until killed. Usage: httpd.py DIR PORTFILE
"""
import http.server
import os
import sys
import time


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        p = self.path
        if p == "/image.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            body = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif p == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(100 << 20))
            self.end_headers()
            self.wfile.write(b"<!DOCTYPE html><p>")
        elif p == "/stream-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range((70 << 20) // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif p == "/slow":
            time.sleep(60)
        elif p == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/wire.html")
            self.end_headers()
        elif p.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop" + str(len(p)))
            self.end_headers()
        else:
            super().do_GET()


def main():
    os.chdir(sys.argv[1])
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    with open(sys.argv[2] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(sys.argv[2] + ".tmp", sys.argv[2])
    srv.serve_forever()


if __name__ == "__main__":
    main()
