/* sl-report-pdf.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-report.h"

G_BEGIN_DECLS

gboolean sl_report_pdf_write (SlReport               *report,
                              const char             *path,
                              GError                **error);
gboolean sl_report_export    (SlProject              *project,
                              const SlReportOptions  *options,
                              SlReportFormat          format,
                              const char             *path,
                              GCancellable           *cancellable,
                              GError                **error);

G_END_DECLS
