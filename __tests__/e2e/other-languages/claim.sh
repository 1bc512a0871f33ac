#!/bin/sh
# A new server claimed from a shell, as the widely used claim scripts do it (ClaimIt's among them): sign in with a
# login and password, the client identifier in the form body; fetch a claim token; claim the server; ask the server
# whether it is claimed. POSIX sh, curl and sed only. Needs PLEX_TV (plex.tv's base URL), SERVER (the media
# server's), LOGIN and PASSWORD.
# Prints one JSON line: {"claimedBy": the account the server now belongs to, "claimed": true|false, "token": the
# sign-in token's length} (never a token, a claim token or the password).
set -eu
: "${PLEX_TV:?}" "${SERVER:?}" "${LOGIN:?}" "${PASSWORD:?}"
CLIENT_ID="claim-sh-$$"

# The password goes in the form body, never in the URL.
answer=$(curl -fsS -X POST "$PLEX_TV/api/v2/users/signin" \
  -H "Accept: application/json" -H "X-Plex-Product: claim.sh" \
  --data-urlencode "login=$LOGIN" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "X-Plex-Client-Identifier=$CLIENT_ID")
TOKEN=$(printf '%s' "$answer" | sed -n 's/.*"authToken":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "claim.sh: no token in the sign-in's answer" >&2; exit 1; }

# JSON whatever Accept says.
answer=$(curl -fsS "$PLEX_TV/api/claim/token.json" -H "X-Plex-Token: $TOKEN" -H "X-Plex-Client-Identifier: $CLIENT_ID")
CLAIM=$(printf '%s' "$answer" | sed -n 's/.*"token":"\(claim-[A-Za-z0-9_-]*\)".*/\1/p')
[ -n "$CLAIM" ] || { echo "claim.sh: no claim token in plex.tv's answer" >&2; exit 1; }

# An already claimed server answers 401: curl -f fails, and so does the script.
answer=$(curl -fsS -X POST "$SERVER/myplex/claim?token=$CLAIM" -H "Accept: application/json" \
  -H "X-Plex-Client-Identifier: $CLIENT_ID") || { echo "claim.sh: the server refused the claim" >&2; exit 1; }
CLAIMED_BY=$(printf '%s' "$answer" | sed -n 's/.*"username":"\([^"]*\)".*/\1/p')

answer=$(curl -fsS "$SERVER/identity" -H "Accept: application/json")
CLAIMED=$(printf '%s' "$answer" | sed -n 's/.*"claimed":\([a-z]*\).*/\1/p')
printf '{"claimedBy":"%s","claimed":%s,"token":%d}\n' "$CLAIMED_BY" "${CLAIMED:-null}" "${#TOKEN}"
