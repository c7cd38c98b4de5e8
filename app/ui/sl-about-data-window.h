/* sl-about-data-window.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SL_TYPE_ABOUT_DATA_WINDOW (sl_about_data_window_get_type ())

G_DECLARE_FINAL_TYPE (SlAboutDataWindow, sl_about_data_window, SL, ABOUT_DATA_WINDOW, AdwWindow)

SlAboutDataWindow *sl_about_data_window_new      (GtkWindow  *parent);
char              *sl_about_data_markdown_to_markup (const char *markdown);
GtkLabel          *sl_about_data_window_get_text  (SlAboutDataWindow *self);

G_END_DECLS
