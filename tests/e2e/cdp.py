#!/usr/bin/env python3
"""cdp.py: drives headless Chromium through its own DevTools protocol over
--remote-debugging-pipe (standard library only, no network): loads a page
from a file, takes a PNG screenshot, and runs checks given as JavaScript
expressions, optionally after a real mouse click on an element.

usage: cdp.py CHROMIUM PAGE.html SHOT.png MODE
MODE "pair": click a claim whose partner is out of view, report whether
the partner came into view. MODE "payload": report what the page's own
state says about injected script. Prints one JSON object on stdout."""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self, chromium, profile):
        to_child_r, self.to_child_w = os.pipe()
        self.from_child_r, from_child_w = os.pipe()

        def fds():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--remote-debugging-pipe",
                "--user-data-dir=" + profile, "about:blank"]
        self.proc = subprocess.Popen(args, preexec_fn=fds, pass_fds=(3, 4),
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_child_w, json.dumps(msg).encode() + b"\0")
        want = self.next_id
        while True:
            m = self.read()
            if m.get("id") == want:
                if "error" in m:
                    raise RuntimeError(method + ": " + json.dumps(m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_child_r, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def wait_event(self, name):
        for i, m in enumerate(self.events):
            if m.get("method") == name:
                del self.events[i]
                return m
        while True:
            m = self.read()
            if m.get("method") == name:
                return m
            self.events.append(m)

    def attach(self):
        targets = self.send("Target.getTargets", session=False)["targetInfos"]
        page = [t for t in targets if t["type"] == "page"][0]
        r = self.send("Target.attachToTarget",
                      {"targetId": page["targetId"], "flatten": True}, session=False)
        self.session = r["sessionId"]

    def eval(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError("script failed: " + json.dumps(r["exceptionDetails"]))
        return r["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


VISIBLE = """(function(el){var r=el.getBoundingClientRect();
var c=el.closest('.col');var cr=c?c.getBoundingClientRect():{top:0,bottom:innerHeight};
return r.top>=Math.max(0,cr.top)-1&&r.top<=Math.min(innerHeight,cr.bottom)+1;})"""


def pair(b):
    # the claim in the first column whose partner (in another column) lies
    # farthest down its column
    pick = b.eval("""(function(){
var best=null,far=-1;var ms=document.querySelectorAll('#a0 mark[data-partner]');
for(var i=0;i<ms.length;i++){var p=document.getElementById(ms[i].getAttribute('data-partner'));
if(!p||p.closest('.col')===ms[i].closest('.col'))continue;
if(p.offsetTop>far){far=p.offsetTop;best=ms[i];}}
if(!best)return null;best.id=best.id||'cdp-pick';return best.getAttribute('data-partner');})()""")
    if not pick:
        return {"error": "no claim with a partner in the other column"}
    # partner's column to the top, the clicked claim into view
    b.eval("""(function(){var p=document.getElementById(%s);p.closest('.col').scrollTop=0;
var m=document.getElementById('cdp-pick');m.scrollIntoView({block:'center'});})()""" % json.dumps(pick))
    before = b.eval("%s(document.getElementById(%s))" % (VISIBLE, json.dumps(pick)))
    rect = b.eval("""(function(){var r=document.getElementById('cdp-pick').getClientRects()[0];
return [r.left+Math.min(4,r.width/2),r.top+r.height/2];})()""")
    for kind in ("mousePressed", "mouseReleased"):
        b.send("Input.dispatchMouseEvent", {"type": kind, "x": rect[0], "y": rect[1],
                                            "button": "left", "clickCount": 1})
    after = False
    for _ in range(50):  # the scroll is synchronous; a frame may be pending
        after = b.eval("%s(document.getElementById(%s))" % (VISIBLE, json.dumps(pick)))
        if after:
            break
        time.sleep(0.05)
    shown = b.eval("document.body.getAttribute('data-shown')")
    marks = b.eval("document.querySelectorAll('mark').length")
    kinds = b.eval("""[document.querySelectorAll('mark.k-accusation').length,
document.querySelectorAll('mark.k-rebuttal').length,document.querySelectorAll('mark.k-claim').length]""")
    bg = b.eval("getComputedStyle(document.querySelector('mark.k-accusation')).backgroundColor")
    return {"partner": pick, "visible_before": before, "visible_after": after,
            "shown": shown, "marks": marks, "kinds": kinds, "accusation_bg": bg}


def payload(b):
    return b.eval("""(function(){return {title:document.title,
pwned:typeof window.pwned!=='undefined'||!!document.getElementById('pwned'),
scripts:document.scripts.length,imgs:document.images.length,
iframes:document.querySelectorAll('iframe').length,
handlers:document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover]').length,
jslinks:Array.prototype.filter.call(document.links,function(a){return /^\\s*javascript:/i.test(a.getAttribute('href'));}).length,
styles:document.querySelectorAll('style').length,
text:document.body.innerText};})()""")


def main():
    chromium, page, shot, mode = sys.argv[1:5]
    with tempfile.TemporaryDirectory() as profile:
        b = Browser(chromium, profile)
        try:
            b.attach()
            b.send("Page.enable")
            b.send("Runtime.enable")
            b.send("Emulation.setDeviceMetricsOverride",
                   {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False})
            b.send("Page.navigate", {"url": "file://" + os.path.abspath(page)})
            b.wait_event("Page.loadEventFired")
            out = pair(b) if mode == "pair" else payload(b)
            png = b.send("Page.captureScreenshot", {"format": "png"})["data"]
            with open(shot, "wb") as f:
                f.write(base64.b64decode(png))
            errors = [e["params"]["entry"]["text"] for e in b.events
                      if e.get("method") == "Log.entryAdded"]
            csp = [e for e in b.events if e.get("method") == "Runtime.exceptionThrown"]
            out["exceptions"] = len(csp)
            out["log"] = errors
        finally:
            b.close()
    print(json.dumps(out))


main()
