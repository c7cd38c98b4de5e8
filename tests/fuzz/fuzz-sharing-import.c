/* fuzz-sharing-import.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sl-sharing-io.h"

/* Input: one option byte, then the file to import into an empty project.
 *
 * byte 0, bits 0–1: the format (auto, edge list CSV, agency table CSV,
 *         JSON scenario); bit 2: name the scenario ("Fuzzed") rather than
 *         take it from the file; bit 3: a --map override (owner=1). */

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const SlSharingFormat formats[] = {
    SL_SHARING_FORMAT_AUTO, SL_SHARING_FORMAT_EDGES,
    SL_SHARING_FORMAT_AGENCIES, SL_SHARING_FORMAT_JSON,
  };
  static const char * const maps[] = { "owner=1", NULL };
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlSharingImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  const char *path;
  guint8 options;

  if (size < 1)
    return 0;
  options = data[0];
  path = sl_fuzz_write_input (data + 1, size - 1, "sharing.txt");

  project = sl_fuzz_fresh_project ();
  before = sl_fuzz_project_fingerprint (project);

  import = sl_sharing_import (project, path, formats[options & 0x3],
                              (options & 0x4) ? "Fuzzed" : NULL,
                              (options & 0x8) ? maps : NULL, &error);
  if (import != NULL)
    {
      g_autofree char *json = NULL;

      g_assert_no_error (error);
      /* What was imported can be exported again. */
      if (import->scenario != NULL)
        {
          json = sl_sharing_export_json (project, import->scenario, &error);
          g_assert_no_error (error);
          g_assert (json != NULL);
        }
    }
  else
    {
      g_autofree char *after = NULL;

      /* A refused file leaves the project as it was, and says why. */
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      after = sl_fuzz_project_fingerprint (project);
      g_assert_cmpstr (before, ==, after);
    }

  return 0;
}
