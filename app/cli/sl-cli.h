/* sl-cli.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sl-project.h"

G_BEGIN_DECLS

/* Every subcommand gets argv with argv[0] set to its own name and returns
 * the process exit status. It prints errors itself, naming the file, line
 * and field where there is one. */
typedef int (*SlCliCommandFunc) (int    argc,
                                 char **argv);

typedef struct
{
  const char       *name;
  const char       *synopsis;
  const char       *summary;
  SlCliCommandFunc  run;
} SlCliCommand;

void sl_cli_print_error (const char *format,
                         ...) G_GNUC_PRINTF (1, 2);

/* sl-cli.c: what several commands share. */
gboolean   sl_cli_parse_options      (GOptionContext      *context,
                                      int                 *argc,
                                      char              ***argv,
                                      int                  n_positional);
SlProject *sl_cli_open_project       (const char          *path,
                                      SlProjectOpenFlags   flags);
void       sl_cli_append_json_string (GString             *out,
                                      const char          *text);

int  sl_cli_import_reads (int    argc,
                          char **argv);
int  sl_cli_info         (int    argc,
                          char **argv);
int  sl_cli_generate_demo (int    argc,
                           char **argv);

/* sl-cli-sharing.c */
int sl_cli_import_sharing (int argc, char **argv);
int sl_cli_export_sharing (int argc, char **argv);
int sl_cli_scenarios      (int argc, char **argv);
int sl_cli_exposure       (int argc, char **argv);
int sl_cli_reach          (int argc, char **argv);
int sl_cli_diff           (int argc, char **argv);
int sl_cli_merge_agencies (int argc, char **argv);

/* sl-cli-infer.c */
int sl_cli_infer          (int argc, char **argv);

/* sl-cli-project.c */
int sl_cli_prepare_for_sharing (int argc, char **argv);
int sl_cli_check               (int argc, char **argv);
/* sl-cli-report.c */
int sl_cli_report         (int argc, char **argv);

G_END_DECLS
