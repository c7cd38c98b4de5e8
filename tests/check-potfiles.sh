#!/bin/sh
# Fails when a file with translatable strings is missing from po/POTFILES.in,
# or when POTFILES.in names a file that does not exist (xgettext would stop).
#
# Translatable means: C with _( N_( C_( NC_( , GtkBuilder with
# translatable="yes", and the desktop, metainfo and gschema sources, whose
# strings gettext extracts by file type.
set -eu

srcdir=${1:-$(dirname "$0")/..}
cd "$srcdir"

status=0
listed=$(mktemp)
needed=$(mktemp)
trap 'rm -f "$listed" "$needed"' EXIT

sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in | sort -u >"$listed"

while read -r file; do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done <"$listed"

{
  find app resources -type f \( -name '*.c' -o -name '*.h' \) \
    -exec grep -lE '(^|[^A-Za-z0-9_])(N|C|NC)?_\(' {} +
  find app resources data -type f -name '*.ui' -exec grep -l 'translatable="yes"' {} +
  find data -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \)
} 2>/dev/null | sed 's|^\./||' | sort -u >"$needed"

missing=$(comm -23 "$needed" "$listed")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi

[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(wc -l <"$needed") files with translatable strings"
exit $status
