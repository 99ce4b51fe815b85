"""Every emulator control over HTTP, from Python with the standard library only (urllib),
and boto3 to see the effect of a fault, as a Python backend's test suite would drive them.

Usage: python3 controls.py ENDPOINT_URL ROOM_ARN
The caller has opened two chat sockets first (users "ender" and "dropper") and had one
connection refused. Prints one JSON object with what each control answered.
"""
import json
import sys
import time
import urllib.error
import urllib.request

import boto3

BASE = sys.argv[1] + "/_emulator"
ROOM = sys.argv[2]


def call(method, path, body=None, raw=None):
    """(status, JSON answer) of one control call; an HTTP error is an answer too."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def ok(method, path, body=None):
    status, answer = call(method, path, body)
    assert status == 200, f"{method} {path} answered {status}: {answer}"
    return answer


ivschat = boto3.client(
    "ivschat", endpoint_url=sys.argv[1], region_name="us-west-2", aws_access_key_id="test", aws_secret_access_key="test"
)
result = {}

result["paths"] = sorted({c["method"] + " " + c["path"] for c in ok("GET", "")["controls"]})

# A message injected into the room, as if python-bot had sent it: both sockets get it.
injected = ok("POST", "/messages", {"roomArn": ROOM, "sender": {"userId": "python-bot"}, "content": "hello from python"})
result["injectedId"] = injected["id"]

# Sessions: list, end one (ERROR 401 then a close), drop another (a network failure), 404 for an unknown one.
sessions = ok("GET", "/sessions")
by_user = {s["userId"]: s["id"] for s in sessions}
result["sessionUsers"] = sorted(by_user)
result["ended"] = ok("POST", f"/sessions/{by_user['ender']}/end", {"reason": "bye from python"})
result["dropped"] = ok("POST", f"/sessions/{by_user['dropper']}/drop")
result["unknownSession"] = call("POST", "/sessions/NoSuchSession/end", {})
while ok("GET", "/sessions"):
    time.sleep(0.02)  # the ended session closes after its ERROR frame has gone out

# What the server saw: refused connections, issued tokens, the frame log.
result["rejections"] = [r["reason"] for r in ok("GET", "/rejections")["rejections"]]
result["tokenUsers"] = sorted({t["userId"] for t in ok("GET", "/tokens")["tokens"]})
frames = ok("GET", "/frames?roomArn=" + urllib.parse.quote(ROOM))["frames"]
result["frameTexts"] = [f["text"] for f in frames]
last_seq = frames[-1]["seq"]
result["framesSinceLast"] = ok("GET", f"/frames?since={last_seq}")["frames"]
result["injectMissingRoom"] = call(
    "POST", "/messages", {"roomArn": ROOM.replace("DemoChatRoom", "NoSuchRoom12"), "sender": {"userId": "x"}, "content": "x"}
)
result["framesCleared"] = ok("DELETE", "/frames")

# Faults: a token fault seen through boto3, the queues, and clearing them.
ok("POST", "/faults/token-requests", {"count": 1, "type": "AccessDeniedException"})
try:
    ivschat.create_chat_token(roomIdentifier=ROOM, userId="alice")
    result["tokenFault"] = "no error"
except ivschat.exceptions.AccessDeniedException as error:
    result["tokenFault"] = error.response["Error"]["Code"]
ok("POST", "/faults/sends", {"count": 2, "errorCode": 429, "errorMessage": "slow down"})
ok("POST", "/faults/duplicate-frames", {"count": 3})
result["faultsQueued"] = ok("POST", "/faults/reorder-frames", {"count": 1})
result["faultsCleared"] = ok("DELETE", "/faults")
result["badFault"] = call("POST", "/faults/sends", {"count": 0, "errorCode": 418})

# Settings and time.
result["configured"] = ok("POST", "/configure", {"latencyMs": 5, "tokenLifetimeMs": 120000})
result["settings"] = ok("GET", "/settings")
result["badConfigure"] = call("POST", "/configure", {"latencyMs": -1, "colour": "blue"})
before = ok("GET", "/clock")
result["advanced"] = ok("POST", "/advance-time", {"ms": 3600000})
result["clockMoved"] = result["advanced"]["now"] - before["now"] >= 3600000
result["badAdvance"] = call("POST", "/advance-time", {"ms": "soon"})

# Review Lambda bindings (an HTTP stand-in; nothing needs to listen for binding to succeed).
arn = "arn:aws:lambda:us-west-2:123456789012:function:python-review"
result["bound"] = ok("POST", "/review-handlers", {"lambdaArn": arn, "url": "http://127.0.0.1:9/review"})
result["unbound"] = ok("DELETE", "/review-handlers/" + urllib.parse.quote(arn, safe=""))
result["badBinding"] = call("POST", "/review-handlers", {"lambdaArn": "not-an-arn", "url": "ftp://x"})

# Protocol errors: not JSON, no such control, wrong method.
result["notJson"] = call("POST", "/configure", raw=b"{latencyMs: 1")
result["noSuchControl"] = call("GET", "/nothing-here")
result["wrongMethod"] = call("GET", "/reset")

# Reset: the seeded room only, default settings, no time shift.
ivschat.create_room(name="python-room")
result["reset"] = ok("POST", "/reset")
result["state"] = ok("GET", "/state")

print(json.dumps(result))
