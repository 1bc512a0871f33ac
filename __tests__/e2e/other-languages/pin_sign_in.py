"""The PIN sign-in from Python's standard library alone (urllib, xml.etree), as a script that sends no Accept
header does it: plex.tv then answers XML, which it reads as python-plexapi does (attributes of <pin>, <user>,
<resources><resource><connections><connection>). Creates a strong PIN, prints the auth URL on stderr, polls until
the PIN carries a token, asks whose it is, finds the first server and asks that server who it is (XML too).

argv: plex.tv's base URL, and optionally the auth app's (default https://app.plex.tv/auth).
Prints one JSON line: {"username", "token": its length (never the token), "server", "machineIdentifier", "claimed"}.
"""

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree

BASE = sys.argv[1].rstrip("/")
AUTH_APP = sys.argv[2] if len(sys.argv) > 2 else "https://app.plex.tv/auth"
IDENTITY = {"X-Plex-Client-Identifier": "python-urllib-test", "X-Plex-Product": "Python urllib"}
WAIT_SECONDS = 30


def ask(url, method="GET", token=None):
    """The answer's root element; the answer must be XML, as plex.tv sends without an Accept header."""
    headers = dict(IDENTITY)
    if token:
        headers["X-Plex-Token"] = token
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            kind = response.headers.get("Content-Type", "")
            if "xml" not in kind:
                raise SystemExit(f"pin_sign_in.py: expected XML without an Accept header, got {kind!r}")
            return ElementTree.fromstring(response.read())
    except urllib.error.URLError as error:  # HTTPError too; neither names a token
        raise SystemExit(f"pin_sign_in.py: {method} {urllib.parse.urlsplit(url).path}: {error}") from None


def expect(element, tag):
    if element.tag != tag:
        raise SystemExit(f"pin_sign_in.py: expected <{tag}>, got <{element.tag}>")
    return element


pin = expect(ask(BASE + "/api/v2/pins?strong=true", "POST"), "pin")
fragment = urllib.parse.urlencode(
    {
        "clientID": IDENTITY["X-Plex-Client-Identifier"],
        "code": pin.get("code"),
        "context[device][product]": IDENTITY["X-Plex-Product"],
    }
)
print(f"Open {AUTH_APP}#?{fragment}", file=sys.stderr, flush=True)

token = None
deadline = time.monotonic() + WAIT_SECONDS
while not token and time.monotonic() < deadline:
    time.sleep(0.1)
    # No token yet: plex.tv leaves the attribute out (or empty).
    token = expect(ask(f"{BASE}/api/v2/pins/{pin.get('id')}"), "pin").get("authToken")
if not token:
    raise SystemExit(f"pin_sign_in.py: the PIN was not approved within {WAIT_SECONDS} s")

user = expect(ask(BASE + "/api/v2/user", token=token), "user")
resources = expect(ask(BASE + "/api/v2/resources", token=token), "resources")
server = next((r for r in resources.iter("resource") if "server" in r.get("provides", "").split(",")), None)
if server is None:
    raise SystemExit("pin_sign_in.py: no server in the account's resources")
connection = server.find("connections/connection")
if connection is None:
    raise SystemExit(f"pin_sign_in.py: the server {server.get('name')!r} has no connection")
identity = expect(ask(connection.get("uri").rstrip("/") + "/identity"), "MediaContainer")

print(
    json.dumps(
        {
            "username": user.get("username"),
            "token": len(token),
            "server": server.get("name"),
            "machineIdentifier": identity.get("machineIdentifier"),
            "claimed": identity.get("claimed") == "1",
        }
    )
)
