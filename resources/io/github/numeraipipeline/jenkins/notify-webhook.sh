#!/bin/sh
# Posts the failure notice to the webhook. The URL (which usually carries a token) comes from the Secret text
# credential that withCredentials binds to NUMERAI_NOTIFY_URL, and reaches curl on its standard input as a config
# line (curl -K -), never as an argument: it is in no process list. set +x keeps it out of the log.
set +x
set -eu
case "${NUMERAI_NOTIFY_URL:-}" in
  *[[:space:]]*) echo 'numeraiNotify: the webhook credential holds white space; it must be just the URL' >&2; exit 1 ;;
  http://*|https://*) ;;
  *) echo 'numeraiNotify: the webhook credential must hold an http(s) URL' >&2; exit 1 ;;
esac
printf 'url = %s\n' "$NUMERAI_NOTIFY_URL" |
  curl -fsS --max-time 30 -K - -X POST -H 'Content-Type: application/json' \
    --data "@${NUMERAI_NOTIFY_PAYLOAD}" -o /dev/null
