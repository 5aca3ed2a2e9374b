#!/bin/bash
# As upstream: files under /usr/share/maven/ref (settings.xml, a seeded repository) are copied
# into MAVEN_CONFIG when a container starts, unless already there; then the command runs.
# A user who cannot write MAVEN_CONFIG (a non-root USER: /root is private) is told and carries on.
# (`docker build` RUN steps do not go through an entrypoint, as with the real image.)
ref=/usr/share/maven/ref
if [ -d "$ref" ] && [ -n "$MAVEN_CONFIG" ]; then
  if mkdir -p "$MAVEN_CONFIG/repository" 2>/dev/null && [ -w "$MAVEN_CONFIG" ]; then
    (cd "$ref" && find . -type f) | while read -r file; do
      [ -e "$MAVEN_CONFIG/$file" ] || { mkdir -p "$MAVEN_CONFIG/$(dirname "$file")"; cp "$ref/$file" "$MAVEN_CONFIG/$file"; }
    done
  else
    echo "Can not write to ${MAVEN_CONFIG}. Wrong volume permissions? Carrying on ..."
  fi
fi
exec "$@"
