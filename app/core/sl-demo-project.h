/* sl-demo-project.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-demo-generator.h"

G_BEGIN_DECLS

gboolean sl_demo_project_build (SlDemoGenerator  *generator,
                                const char       *out,
                                const char       *csv_dir,
                                guint64          *n_reads,
                                GCancellable     *cancellable,
                                GError          **error);

G_END_DECLS
