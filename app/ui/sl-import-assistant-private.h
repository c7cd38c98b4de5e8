/* sl-import-assistant-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-import-assistant.h"
#include "sl-read-importer.h"

G_BEGIN_DECLS

struct _SlImportAssistant
{
  AdwWindow             parent_instance;

  GFile                *file;
  char                 *path;
  char                 *project_path;
  GSettings            *settings;
  SlReadImporter       *importer;
  SlProjectWorker      *worker;
  GCancellable         *cancellable;
  /* The zone typed in the time zone row, NULL while it names none. */
  GTimeZone            *zone;
  /* (element-type GtkDropDown): one per column, in column order. */
  GPtrArray            *role_dropdowns;
  /* The option that would resolve the problem shown, if one would. */
  GtkWidget            *problem_target;
  gint64                dataset_id;
  guint                 prepared : 1;
  guint                 disposed : 1;
  guint                 importing : 1;
  guint                 importer_ran : 1;
  guint                 allow_reimport : 1;
  guint                 close_when_done : 1;
  guint                 saving_report : 1;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *import_button;
  GtkButton            *done_button;
  GtkStack             *stack;
  GtkLabel             *file_label;
  GtkLabel             *format_label;
  GtkGrid              *columns_grid;
  GtkGrid              *parsed_grid;
  AdwEntryRow          *time_zone_row;
  GtkSwitch            *day_first_switch;
  AdwEntryRow          *agency_row;
  GtkSwitch            *pseudonymise_switch;
  GtkWidget            *problem_box;
  GtkLabel             *problem_label;
  GtkButton            *problem_button;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  GtkButton            *stop_button;
  AdwStatusPage        *result_page;
  GtkListBox           *counts_list;
  GtkWidget            *reasons_box;
  GtkListBox           *reasons_list;
  GtkButton            *report_button;
};

void _sl_import_assistant_save_problem_report (SlImportAssistant *self,
                                               GFile             *file);

G_END_DECLS
