/* sl-preferences-window.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SL_TYPE_PREFERENCES_WINDOW (sl_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SlPreferencesWindow, sl_preferences_window, SL, PREFERENCES_WINDOW, AdwPreferencesWindow)

SlPreferencesWindow *sl_preferences_window_new (GSettings *settings);

G_END_DECLS
