/* sl-import-assistant.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-import-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-import-assistant-private.h"
#include "sl-timestamp.h"

/* Enough rows to see how values vary, few enough to fit without scrolling. */
#define PREVIEW_SHOWN 5

/**
 * SlImportAssistant:
 *
 * Imports one CSV file of plate reads into a project in three steps: a
 * preview (column roles, parsed values, options), the import itself with
 * progress and cancel, and a summary with the skipped rows. All database
 * work runs on a #SlProjectWorker with a connection of its own, so the
 * windows stay responsive; the caller reloads its views on ::imported.
 */

G_DEFINE_FINAL_TYPE (SlImportAssistant, sl_import_assistant, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PROJECT_PATH,
  PROP_FILE,
  N_PROPS
};

enum {
  IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The importer's skip reasons (import_problems.reason), as the summary
 * names them. */
static const struct
{
  const char *reason;
  const char *label;
} reason_labels[] = {
  { "missing-field", N_("Field missing from the row") },
  { "invalid-utf8", N_("Text that is not valid UTF-8") },
  { "empty-plate", N_("Empty plate") },
  { "invalid-time", N_("Date or time not understood") },
  { "time-out-of-range", N_("Date or time out of range") },
  { "invalid-latitude", N_("Latitude not a number") },
  { "latitude-out-of-range", N_("Latitude out of range") },
  { "invalid-longitude", N_("Longitude not a number") },
  { "longitude-out-of-range", N_("Longitude out of range") },
  { "no-location", N_("No location") },
  { "empty-agency", N_("No owner agency") },
};

static const char *
reason_get_label (const char *reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reason_labels); i++)
    if (g_str_equal (reason_labels[i].reason, reason))
      return _(reason_labels[i].label);

  return reason;
}

static const char *
delimiter_get_label (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return _("Comma-separated");
    case ';':
      return _("Semicolon-separated");
    case '\t':
      return _("Tab-separated");
    case '|':
      return _("Separated by vertical bars");
    default:
      return _("Separated by an unusual character");
    }
}

SlImportAssistant *
sl_import_assistant_new (GtkWindow  *parent,
                         const char *project_path,
                         GFile      *file)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (SL_TYPE_IMPORT_ASSISTANT,
                       "transient-for", parent,
                       "project-path", project_path,
                       "file", file,
                       NULL);
}

static void
show_page (SlImportAssistant *self,
           const char        *page)
{
  gboolean preview = g_str_equal (page, "preview");
  gboolean result = g_str_equal (page, "result");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), preview || g_str_equal (page, "loading"));
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), preview);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), result);
  /* Enter in an option imports; on the summary it closes. */
  if (preview)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
  else if (result)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->done_button));
}

/* The result page for a file that could not be read or imported. */
static void
show_failure (SlImportAssistant *self,
              const char        *title,
              const char        *message)
{
  adw_status_page_set_icon_name (self->result_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, message);
  show_page (self, "result");
}

static GtkWidget *
cell_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static char *
dup_agency (SlImportAssistant *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agency_row))));
}

/* Why the import cannot start yet, or NULL when it can; @out_widget is the
 * option that would resolve it, if one would. The messages name what to do
 * in this window, unlike the core's, which name CLI options. */
static char *
dup_blocking_problem (SlImportAssistant  *self,
                      GtkWidget         **out_widget)
{
  SlColumnMapping *mapping = sl_read_importer_get_mapping (self->importer);
  g_autoptr(GError) error = NULL;
  g_autofree char *agency = dup_agency (self);
  gboolean has_time;

  if (out_widget != NULL)
    *out_widget = NULL;

  if (self->zone == NULL)
    {
      if (out_widget != NULL)
        *out_widget = GTK_WIDGET (self->time_zone_row);
      return g_strdup_printf (_("“%s” is not a time zone this computer knows; enter a name such as "
                                "America/New_York."),
                              gtk_editable_get_text (GTK_EDITABLE (self->time_zone_row)));
    }

  if (sl_column_mapping_get_column (mapping, SL_COLUMN_ROLE_PLATE) < 0)
    return g_strdup (_("Choose the column that holds the plates."));

  has_time = sl_column_mapping_get_column (mapping, SL_COLUMN_ROLE_TIMESTAMP) >= 0 ||
             (sl_column_mapping_get_column (mapping, SL_COLUMN_ROLE_DATE) >= 0 &&
              sl_column_mapping_get_column (mapping, SL_COLUMN_ROLE_TIME) >= 0);
  if (!has_time)
    return g_strdup (_("Choose the column that holds the date and time of the reads, or a date "
                       "column and a time column."));

  if (sl_column_mapping_get_column (mapping, SL_COLUMN_ROLE_LATITUDE) < 0)
    return g_strdup (_("Choose the column that holds the latitudes."));

  if (sl_column_mapping_get_column (mapping, SL_COLUMN_ROLE_LONGITUDE) < 0)
    return g_strdup (_("Choose the column that holds the longitudes."));

  if (sl_column_mapping_get_column (mapping, SL_COLUMN_ROLE_AGENCY) < 0 && agency[0] == '\0')
    {
      if (out_widget != NULL)
        *out_widget = GTK_WIDGET (self->agency_row);
      return g_strdup (_("The file has no agency column: name the agency that owns these reads."));
    }

  /* What remains is the time format, whose message suits this window. */
  if (!sl_column_mapping_validate (mapping, TRUE, &error))
    return g_strdup (error->message);

  if (self->worker == NULL)
    return g_strdup (_("Opening the project…"));

  return NULL;
}

static char *
format_time_in_zone (gint64     utc,
                     GTimeZone *zone)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (dt, zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
}

static void
attach_parsed_header (SlImportAssistant *self)
{
  g_autofree char *zone_header = NULL;
  const char *headers[7];

  /* Translators: a column of the import preview; %s is a time zone name
   * such as America/New_York. */
  zone_header = g_strdup_printf (_("Time (%s)"), g_time_zone_get_identifier (self->zone));
  headers[0] = _("Plate");
  headers[1] = zone_header;
  headers[2] = _("Time (UTC)");
  headers[3] = _("Latitude");
  headers[4] = _("Longitude");
  headers[5] = _("Camera");
  headers[6] = _("Owner Agency");

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    gtk_grid_attach (self->parsed_grid, cell_label (headers[i], "heading"), i, 0, 1, 1);
}

/* Shows the first rows as the import would store them with the current
 * roles and options. Without an owner agency yet, rows are parsed with a
 * placeholder so the user still sees times and places. */
static void
update_parsed (SlImportAssistant *self)
{
  g_autofree char *agency = dup_agency (self);
  guint n_rows = MIN (PREVIEW_SHOWN, sl_read_importer_get_n_preview_rows (self->importer));

  clear_grid (self->parsed_grid);

  if (self->zone == NULL)
    return;

  sl_read_importer_set_time_zone (self->importer, self->zone);
  sl_read_importer_set_day_first (self->importer, gtk_switch_get_active (self->day_first_switch));
  /* A dash stands for the agency not named yet. */
  sl_read_importer_set_owner_agency (self->importer, agency[0] != '\0' ? agency : "—");

  attach_parsed_header (self);

  for (guint i = 0; i < n_rows; i++)
    {
      SlParsedRead read;
      g_autoptr(GError) error = NULL;

      if (!sl_read_importer_parse_preview_row (self->importer, i, &read, &error))
        {
          const char *message = error->message;
          GtkWidget *label;

          /* The message starts with the path, which the page shows above. */
          if (g_str_has_prefix (message, self->path) && message[strlen (self->path)] == ':')
            message += strlen (self->path) + 2;
          /* Ellipsized, not wrapped: a wrapping label in a grid asks for
           * the height of its narrowest layout. */
          label = cell_label (message, "error");
          gtk_label_set_max_width_chars (GTK_LABEL (label), -1);
          gtk_widget_set_tooltip_text (label, message);
          gtk_grid_attach (self->parsed_grid, label, 0, i + 1, 7, 1);
          continue;
        }

      {
        g_autofree char *local = format_time_in_zone (read.time, self->zone);
        g_autofree char *utc = sl_timestamp_format_utc (read.time);
        g_autofree char *latitude = g_strdup_printf ("%.6f", read.latitude);
        g_autofree char *longitude = g_strdup_printf ("%.6f", read.longitude);
        const char *values[] = {
          read.plate, local, utc, latitude, longitude,
          read.camera != NULL ? read.camera : "",
          read.agency,
        };

        for (guint col = 0; col < G_N_ELEMENTS (values); col++)
          gtk_grid_attach (self->parsed_grid,
                           cell_label (values[col], col == 0 || col > 2 ? "monospace" : "numeric"),
                           col, i + 1, 1, 1);
      }

      sl_parsed_read_clear (&read);
    }

  sl_read_importer_set_owner_agency (self->importer, agency);
}

static void
update_validity (SlImportAssistant *self)
{
  GtkWidget *target = NULL;
  g_autofree char *problem = dup_blocking_problem (self, &target);
  SlColumnMapping *mapping = sl_read_importer_get_mapping (self->importer);
  g_autofree char *agency = dup_agency (self);
  gboolean agency_needed = sl_column_mapping_get_column (mapping, SL_COLUMN_ROLE_AGENCY) < 0;
  gboolean agency_empty = agency[0] == '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), problem == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_button), problem);
  gtk_widget_set_visible (self->problem_box, problem != NULL);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_button), target != NULL);
  g_set_object (&self->problem_target, target);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->agency_row),
                                 agency_needed ? _("Owner Agency (required: the file has no agency column)")
                                               : _("Owner Agency of Rows Without One"));
  if (agency_needed && agency_empty)
    gtk_widget_add_css_class (GTK_WIDGET (self->agency_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->agency_row), "error");

  if (self->zone == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->time_zone_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->time_zone_row), "error");
}


/* A role belongs to one column at most: after a change, the other
 * dropdowns show what the mapping made of them. */
static void
sync_dropdowns (SlImportAssistant *self)
{
  SlColumnMapping *mapping = sl_read_importer_get_mapping (self->importer);

  for (guint col = 0; col < self->role_dropdowns->len; col++)
    {
      GtkDropDown *dropdown = g_ptr_array_index (self->role_dropdowns, col);
      SlColumnRole role = sl_column_mapping_get_role (mapping, col);

      if (gtk_drop_down_get_selected (dropdown) != role)
        gtk_drop_down_set_selected (dropdown, role);
    }
}

/* Parsing settles the time roles (a lone "date" column holding whole
 * timestamps becomes the timestamp column), so the dropdowns follow. */
static void
update_preview (SlImportAssistant *self)
{
  if (!self->prepared)
    return;

  update_parsed (self);
  sync_dropdowns (self);
  update_validity (self);
}

static void
role_dropdown_changed (GtkDropDown       *dropdown,
                       GParamSpec        *pspec,
                       SlImportAssistant *self)
{
  SlColumnMapping *mapping = sl_read_importer_get_mapping (self->importer);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  SlColumnRole role = gtk_drop_down_get_selected (dropdown);

  if (role == sl_column_mapping_get_role (mapping, column))
    return;

  sl_column_mapping_set_role (mapping, column, role);
  update_preview (self);
}

static void
fill_columns (SlImportAssistant *self)
{
  SlColumnMapping *mapping = sl_read_importer_get_mapping (self->importer);
  guint n_columns = sl_column_mapping_get_n_columns (mapping);
  guint n_rows = MIN (PREVIEW_SHOWN, sl_read_importer_get_n_preview_rows (self->importer));
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  for (SlColumnRole role = 0; role < SL_N_COLUMN_ROLES; role++)
    gtk_string_list_append (roles, sl_column_role_get_label (role));

  for (guint col = 0; col < n_columns; col++)
    {
      const char *name = sl_column_mapping_get_column_name (mapping, col);
      g_autofree char *fallback = NULL;
      GtkWidget *dropdown;

      if (name == NULL || name[0] == '\0')
        {
          /* Translators: a column of a file without a header row. */
          fallback = g_strdup_printf (_("Column %u"), col + 1);
          name = fallback;
        }

      gtk_grid_attach (self->columns_grid, cell_label (name, "heading"), col, 0, 1, 1);

      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), sl_column_mapping_get_role (mapping, col));
      gtk_widget_set_halign (dropdown, GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (dropdown), "column", GUINT_TO_POINTER (col));
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (role_dropdown_changed), self);
      gtk_grid_attach (self->columns_grid, dropdown, col, 1, 1, 1);
      g_ptr_array_add (self->role_dropdowns, dropdown);

      for (guint row = 0; row < n_rows; row++)
        {
          const char * const *fields = sl_read_importer_get_preview_row (self->importer, row);
          const char *value = col < g_strv_length ((char **) fields) ? fields[col] : "";

          gtk_grid_attach (self->columns_grid, cell_label (value, "monospace"), col, row + 2, 1, 1);
        }
    }
}

static void
options_changed (SlImportAssistant *self)
{
  g_autofree char *identifier = NULL;

  if (!self->prepared)
    return;

  identifier = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_zone_row))));
  g_clear_pointer (&self->zone, g_time_zone_unref);
  /* Empty means the system's zone, as in the preferences. */
  if (identifier[0] != '\0')
    self->zone = g_time_zone_new_identifier (identifier);
  else
    self->zone = g_time_zone_new_local ();

  update_preview (self);
}

static void
prepare_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SlReadImporter *importer = task_data;
  GError *error = NULL;

  if (sl_read_importer_prepare (importer, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Reads the first rows of the file on a thread: a file on a slow disk or
 * network share must not freeze the window. */
static void
prepare_async (SlImportAssistant   *self,
               SlReadImporter      *importer,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, callback, user_data);

  g_task_set_task_data (task, g_object_ref (importer), g_object_unref);
  g_task_run_in_thread (task, prepare_in_thread);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SlImportAssistant *self = SL_IMPORT_ASSISTANT (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *format = NULL;
  guint n_rows;

  if (!g_task_propagate_boolean (G_TASK (result), &error) || self->disposed)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, _("Could Not Read the File"), error->message);
      return;
    }

  basename = g_file_get_basename (self->file);
  gtk_label_set_text (self->file_label, basename);
  n_rows = sl_read_importer_get_n_preview_rows (self->importer);
  /* Translators: “Semicolon-separated · first 5 of the rows shown”. */
  format = g_strdup_printf (_("%s · %u columns · the first %u rows shown"),
                            delimiter_get_label (sl_read_importer_get_detected_delimiter (self->importer)),
                            sl_column_mapping_get_n_columns (sl_read_importer_get_mapping (self->importer)),
                            MIN (PREVIEW_SHOWN, n_rows));
  gtk_label_set_text (self->format_label, format);

  self->prepared = TRUE;
  fill_columns (self);
  show_page (self, "preview");
  options_changed (self);
}

static void
worker_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SlImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  self->worker = sl_project_worker_open_finish (result, &error);
  if (self->disposed)
    return;
  if (self->worker == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, _("Could Not Open the Project"), error->message);
      return;
    }

  update_preview (self);
}

static char *
format_count (guint64 count)
{
  /* The ' flag groups digits as the locale does: “1,234,567”. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

static void
import_progress (const SlImportProgress *progress,
                 gpointer                user_data)
{
  SlImportAssistant *self = user_data;
  g_autofree char *rows = format_count (progress->rows_read);
  g_autofree char *rate = format_count ((guint64) progress->rows_per_second);
  g_autofree char *text = NULL;

  switch (progress->phase)
    {
    case SL_IMPORT_PHASE_READING:
      if (progress->bytes_total > 0)
        gtk_progress_bar_set_fraction (self->progress_bar,
                                       MIN (1.0, (double) progress->bytes_read / progress->bytes_total));
      /* Translators: “12,345 rows · 45,678 rows per second”. */
      text = g_strdup_printf (ngettext ("%s row · %s rows per second",
                                        "%s rows · %s rows per second", progress->rows_read),
                              rows, rate);
      break;

    case SL_IMPORT_PHASE_INDEXING:
      gtk_progress_bar_pulse (self->progress_bar);
      text = g_strdup_printf (_("%s rows read · updating the indexes"), rows);
      break;

    case SL_IMPORT_PHASE_FINISHING:
    default:
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      text = g_strdup_printf (_("%s rows read · finishing"), rows);
      break;
    }

  gtk_label_set_text (self->progress_label, text);
}

static void
add_count_row (GtkListBox *list,
               const char *title,
               const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (list, row);
}

static void
show_summary (SlImportAssistant *self)
{
  const SlImportSummary *summary = sl_read_importer_get_summary (self->importer);
  g_autofree char *read = format_count (summary->rows_read);
  g_autofree char *imported = format_count (summary->rows_imported);
  g_autofree char *duplicates = format_count (summary->rows_duplicate);
  g_autofree char *skipped = format_count (summary->rows_skipped);
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *description = NULL;

  self->dataset_id = summary->dataset_id;

  /* Translators: “12,345 reads of people.csv are now in the project. The
   * import took 2.5 s.” */
  description = g_strdup_printf (ngettext ("%s read of “%s” is now in the project. The import took %.1f s.",
                                           "%s reads of “%s” are now in the project. The import took %.1f s.",
                                           summary->rows_imported),
                                 imported, basename, summary->seconds);
  adw_status_page_set_icon_name (self->result_page, "emblem-ok-symbolic");
  adw_status_page_set_title (self->result_page, _("Import Complete"));
  adw_status_page_set_description (self->result_page, description);

  add_count_row (self->counts_list, _("Rows read"), read);
  add_count_row (self->counts_list, _("Reads imported"), imported);
  add_count_row (self->counts_list, _("Exact duplicates dropped"), duplicates);
  add_count_row (self->counts_list, _("Rows skipped"), skipped);
  gtk_widget_set_visible (GTK_WIDGET (self->counts_list), TRUE);

  for (guint i = 0; summary->skipped_by_reason != NULL && i < summary->skipped_by_reason->len; i++)
    {
      const SlImportReasonCount *count = &g_array_index (summary->skipped_by_reason, SlImportReasonCount, i);
      g_autofree char *value = format_count (count->count);

      add_count_row (self->reasons_list, reason_get_label (count->reason), value);
    }
  gtk_widget_set_visible (self->reasons_box, summary->rows_skipped > 0);

  show_page (self, "result");
}

static void run_import (SlImportAssistant *self);

static void
reimport_prepared_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SlImportAssistant *self = SL_IMPORT_ASSISTANT (object);
  g_autoptr(SlReadImporter) old = user_data;
  SlColumnMapping *from = sl_read_importer_get_mapping (old);
  SlColumnMapping *to;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) || self->disposed)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, _("Could Not Read the File"), error->message);
      return;
    }

  /* The new importer reads the file afresh; the user's choices carry over. */
  to = sl_read_importer_get_mapping (self->importer);
  for (guint col = 0; col < sl_column_mapping_get_n_columns (to); col++)
    sl_column_mapping_set_role (to, col, sl_column_mapping_get_role (from, col));
  sl_read_importer_set_allow_reimport (self->importer, self->allow_reimport);
  run_import (self);
}

/* An importer runs once: another one, with the same choices, imports
 * again after a refused or declined run. */
static void
rerun_import (SlImportAssistant *self,
              gboolean           allow_reimport)
{
  g_autoptr(SlReadImporter) old = g_steal_pointer (&self->importer);

  sl_read_importer_set_progress_func (old, NULL, NULL, NULL);
  self->importer = sl_read_importer_new (self->path);
  self->importer_ran = FALSE;
  self->allow_reimport = !!allow_reimport;
  sl_read_importer_set_delimiter (self->importer, sl_read_importer_get_detected_delimiter (old));
  gtk_label_set_text (self->progress_label, _("Starting…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), FALSE);
  show_page (self, "importing");
  prepare_async (self, self->importer, reimport_prepared_cb, g_steal_pointer (&old));
}

static void
reimport_response (AdwMessageDialog  *dialog,
                   const char        *response,
                   SlImportAssistant *self)
{
  if (g_str_equal (response, "import"))
    {
      rerun_import (self, TRUE);
      return;
    }

  show_page (self, "preview");
  update_preview (self);
}

static void
ask_reimport (SlImportAssistant *self)
{
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("“%s” is already in this project. Importing it again adds its rows "
                            "as another dataset."),
                          basename);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import This File Again?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reimport_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SlImportAssistant) self = user_data;
  SlReadImporter *importer = SL_READ_IMPORTER (object);
  g_autoptr(GError) error = NULL;

  self->importing = FALSE;

  /* Destroyed meanwhile (the application quit): the worker has rolled a
   * cancelled import back, and there is nothing left to show it in. */
  if (self->disposed)
    return;

  if (sl_read_importer_run_finish (importer, result, &error))
    {
      show_summary (self);
      g_signal_emit (self, signals[IMPORTED], 0, self->dataset_id);
    }
  else if (g_error_matches (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_ALREADY_IMPORTED) &&
           !self->close_when_done)
    {
      show_page (self, "preview");
      ask_reimport (self);
      return;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      adw_status_page_set_icon_name (self->result_page, "process-stop-symbolic");
      adw_status_page_set_title (self->result_page, _("Import Cancelled"));
      adw_status_page_set_description (self->result_page,
                                       _("Nothing was imported: the project is exactly as it was before."));
      show_page (self, "result");
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("%s\n\nNothing was imported: the project is exactly "
                                                    "as it was before."),
                                                  error->message);

      show_failure (self, _("Import Failed"), message);
    }

  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
run_import (SlImportAssistant *self)
{
  g_autofree char *agency = dup_agency (self);

  sl_read_importer_set_time_zone (self->importer, self->zone);
  sl_read_importer_set_day_first (self->importer, gtk_switch_get_active (self->day_first_switch));
  sl_read_importer_set_owner_agency (self->importer, agency);
  sl_read_importer_set_pseudonymize (self->importer, gtk_switch_get_active (self->pseudonymise_switch));
  sl_read_importer_set_progress_func (self->importer, import_progress, self, NULL);

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_text (self->progress_label, _("Starting…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), TRUE);
  show_page (self, "importing");
  gtk_widget_grab_focus (GTK_WIDGET (self->stop_button));

  self->importing = TRUE;
  self->importer_ran = TRUE;
  sl_read_importer_run_async (self->importer, self->worker, self->cancellable,
                              import_done_cb, g_object_ref (self));
}

static void
import_button_clicked (SlImportAssistant *self)
{
  g_autofree char *problem = dup_blocking_problem (self, NULL);

  if (problem != NULL)
    return;

  if (self->importer_ran)
    rerun_import (self, FALSE);
  else
    run_import (self);
}

/* Focusing an option below the tables scrolls it into view. */
static void
problem_button_clicked (SlImportAssistant *self)
{
  if (self->problem_target != NULL)
    gtk_widget_grab_focus (self->problem_target);
}

static void
stop_button_clicked (SlImportAssistant *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), FALSE);
  gtk_label_set_text (self->progress_label, _("Cancelling…"));
  g_cancellable_cancel (self->cancellable);
}

static void
export_problems_in_worker (GTask        *task,
                           SlProject    *project,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  SlImportAssistant *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (sl_import_problems_export_csv (project, self->dataset_id, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
problems_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SlImportAssistant *self = SL_IMPORT_ASSISTANT (object);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  self->saving_report = FALSE;
  if (self->disposed)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->report_button), TRUE);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast = adw_toast_new (_("Problem report saved"));
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the problem report: %s"), error->message);

      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/*
 * _sl_import_assistant_save_problem_report:
 * @self: an assistant showing a summary
 * @file: where to write the CSV
 *
 * Writes the skipped rows of the import on the worker; what the “Save
 * Problem Report…” file chooser calls, and tests directly.
 */
void
_sl_import_assistant_save_problem_report (SlImportAssistant *self,
                                          GFile             *file)
{
  g_autoptr(GTask) task = NULL;
  char *path = g_file_get_path (file);

  g_return_if_fail (SL_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (self->dataset_id > 0);

  if (path == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Could not save the problem report: choose a "
                                                    "folder on this computer")));
      return;
    }

  self->saving_report = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->report_button), FALSE);
  task = g_task_new (self, NULL, problems_saved_cb, NULL);
  g_task_set_task_data (task, path, g_free);
  sl_project_worker_queue (self->worker, task, export_problems_in_worker);
}

static void
report_chooser_response (GtkNativeDialog   *native,
                         int                response,
                         SlImportAssistant *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      _sl_import_assistant_save_problem_report (self, file);
    }

  g_object_unref (native);
}

static void
report_button_clicked (SlImportAssistant *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;
  char *dot;

  native = gtk_file_chooser_native_new (_("Save Problem Report"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  dot = strrchr (basename, '.');
  if (dot != NULL && dot != basename)
    *dot = '\0';
  /* Translators: the suggested file name of a problem report; %s is the
   * imported file's name without its extension. */
  name = g_strdup_printf (_("%s problems.csv"), basename);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_signal_connect (native, "response", G_CALLBACK (report_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static gboolean
sl_import_assistant_close_request (GtkWindow *window)
{
  SlImportAssistant *self = SL_IMPORT_ASSISTANT (window);

  /* Closing while importing cancels; the window goes once the worker has
   * rolled the import back, so nothing is left half-written. */
  if (self->importing)
    {
      self->close_when_done = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (sl_import_assistant_parent_class)->close_request (window);
}

static void
sl_import_assistant_constructed (GObject *object)
{
  SlImportAssistant *self = SL_IMPORT_ASSISTANT (object);
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *zone = g_settings_get_string (self->settings, "import-time-zone");

  G_OBJECT_CLASS (sl_import_assistant_parent_class)->constructed (object);

  adw_window_title_set_subtitle (self->window_title, basename);

  if (zone[0] == '\0')
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      g_free (zone);
      zone = g_strdup (g_time_zone_get_identifier (local));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->time_zone_row), zone);
  gtk_switch_set_active (self->pseudonymise_switch,
                         g_settings_get_boolean (self->settings, "pseudonymise-plates"));

  self->path = g_file_get_path (self->file);
  if (self->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a local file. Copy it to this "
                                                    "computer first."),
                                                  uri);

      show_failure (self, _("Could Not Read the File"), message);
      return;
    }

  show_page (self, "loading");
  self->importer = sl_read_importer_new (self->path);
  prepare_async (self, self->importer, prepared_cb, NULL);
  sl_project_worker_open_async (self->project_path, self->cancellable,
                                worker_opened_cb, g_object_ref (self));
}

static void
sl_import_assistant_dispose (GObject *object)
{
  SlImportAssistant *self = SL_IMPORT_ASSISTANT (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->importer != NULL)
    sl_read_importer_set_progress_func (self->importer, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_IMPORT_ASSISTANT);

  G_OBJECT_CLASS (sl_import_assistant_parent_class)->dispose (object);
}

static void
sl_import_assistant_finalize (GObject *object)
{
  SlImportAssistant *self = SL_IMPORT_ASSISTANT (object);

  g_clear_object (&self->importer);
  g_clear_object (&self->problem_target);
  /* Waits for the worker's queued tasks, all cancelled by now. */
  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->role_dropdowns, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->project_path);

  G_OBJECT_CLASS (sl_import_assistant_parent_class)->finalize (object);
}

static void
sl_import_assistant_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SlImportAssistant *self = SL_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      self->project_path = g_value_dup_string (value);
      break;

    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_import_assistant_class_init (SlImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sl_import_assistant_constructed;
  object_class->dispose = sl_import_assistant_dispose;
  object_class->finalize = sl_import_assistant_finalize;
  object_class->set_property = sl_import_assistant_set_property;

  window_class->close_request = sl_import_assistant_close_request;

  properties [PROP_PROJECT_PATH] =
    g_param_spec_string ("project-path", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SlImportAssistant::imported:
   * @dataset_id: the new dataset
   *
   * Emitted when reads were added to the project.
   */
  signals [IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sightline/Sightline/ui/sl-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, import_button);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, done_button);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, file_label);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, format_label);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, columns_grid);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, parsed_grid);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, day_first_switch);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, agency_row);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, pseudonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, problem_box);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, problem_label);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, problem_button);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, stop_button);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, result_page);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, counts_list);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, reasons_box);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, reasons_list);
  gtk_widget_class_bind_template_child (widget_class, SlImportAssistant, report_button);
  gtk_widget_class_bind_template_callback (widget_class, import_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, stop_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, problem_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, report_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, options_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_import_assistant_init (SlImportAssistant *self)
{
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID_BASE);
  self->role_dropdowns = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
