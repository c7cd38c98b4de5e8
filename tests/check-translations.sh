#!/bin/sh
# Fails when a language in po/LINGUAS lacks a translation for any string the
# sources hold now: extracts the strings as `meson compile sightline-pot`
# would, merges each catalogue with them in a temporary directory, and
# reports untranslated and fuzzy messages. The source tree is not touched.
set -eu

srcdir=${1:-$(dirname "$0")/..}
cd "$srcdir"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The keywords of meson's i18n 'glib' preset.
xgettext --files-from=po/POTFILES.in --directory=. --output="$work/sightline.pot" \
  --package-name=sightline --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format

status=0
for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --output-file="$work/$lang.po" "po/$lang.po" "$work/sightline.pot"
  msgfmt --check --output-file=/dev/null "$work/$lang.po" || status=1
  untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" | grep -c '^msgid ' || true)
  # Each non-empty listing also holds the header entry.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  total=$(grep -c '^msgid ' "$work/sightline.pot")
  total=$((total - 1))
  echo "$lang: $total messages, $untranslated untranslated, $fuzzy fuzzy"
  if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep '^msgid ' | sed 1d | sed 's/^/  untranslated: /'
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" | grep '^msgid ' | sed 1d | sed 's/^/  fuzzy: /'
    status=1
  fi
done

exit $status
