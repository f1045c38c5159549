#!/bin/sh
# Writes the Numerai keys, bound by withCredentials to NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY for this script only,
# into $NUMERAI_KEYS_DIR/settings.xml as the <server> $NUMERAI_SERVER_ID, readable by this user only (umask 077:
# a 0700 directory, a 0600 file), for a Maven call in a container that reads it with -gs.
# The keys touch only shell built-ins ([, case) and the here-document that cat reads on its standard input: no
# process gets them as arguments, so they are in no process list. set +x keeps them out of the log.
set +x
set -eu
umask 077
if [ -z "${NUMERAI_PUBLIC_ID:-}" ] || [ -z "${NUMERAI_SECRET_KEY:-}" ]; then
  echo 'numeraiMaven: the credential has an empty username (public id) or password (secret key)' >&2
  exit 1
fi
# Numerai keys are letters and digits; anything else would need XML escaping, and Maven reads a password in {braces}
# as an encrypted one.
case "${NUMERAI_PUBLIC_ID}${NUMERAI_SECRET_KEY}" in
  *[!A-Za-z0-9]*)
    echo 'numeraiMaven: the credential holds characters a Numerai key does not have (only letters and digits);' \
      'check its username (public id) and password (secret key)' >&2
    exit 1 ;;
esac
mkdir -p "$NUMERAI_KEYS_DIR"
cat > "$NUMERAI_KEYS_DIR/settings.xml" <<EOF_SETTINGS
<?xml version="1.0" encoding="UTF-8"?>
<settings>
  <servers>
    <server>
      <id>${NUMERAI_SERVER_ID}</id>
      <username>${NUMERAI_PUBLIC_ID}</username>
      <password>${NUMERAI_SECRET_KEY}</password>
    </server>
  </servers>
</settings>
EOF_SETTINGS
