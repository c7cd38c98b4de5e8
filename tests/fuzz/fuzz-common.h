/* fuzz-common.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-project.h"

G_BEGIN_DECLS

/* libFuzzer's entry points. Each fuzz-*.c defines LLVMFuzzerTestOneInput();
 * fuzz-common.c defines LLVMFuzzerInitialize(). The same files are linked
 * with fuzz-replay.c in ordinary builds, which calls both. */
int           LLVMFuzzerInitialize        (int            *argc,
                                           char         ***argv);
int           LLVMFuzzerTestOneInput      (const guint8   *data,
                                           size_t          size);

GInputStream *sl_fuzz_chunked_stream_new  (GBytes         *bytes,
                                           gsize           whole_prefix,
                                           gsize           chunk_size);

const char   *sl_fuzz_write_input         (const guint8   *data,
                                           size_t          size,
                                           const char     *name);
SlProject    *sl_fuzz_fresh_project       (void);
char         *sl_fuzz_project_fingerprint (SlProject      *project);

G_END_DECLS
