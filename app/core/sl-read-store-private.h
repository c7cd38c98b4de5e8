/* sl-read-store-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-read-store.h"

G_BEGIN_DECLS

/* project_meta keys. */
#define SL_META_PSEUDONYM_KEY         "pseudonym-key"
#define SL_META_PSEUDONYM_KEY_REMOVED "pseudonym-key-removed"

void    sl_read_store_normalize_plate_into (const char  *plate,
                                            GString     *out);
GBytes *sl_read_store_ensure_pseudonym_key (SlProject   *project,
                                            GError     **error);
void    sl_read_store_pseudonymize_into    (GHmac       *keyed,
                                            const char  *plate,
                                            GString     *out);

G_END_DECLS
