/* sl-test-utils.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers the core test programs share. Each one asserts on failure, so a
 * test reads as its steps. Paths are in the per-test data directory that
 * G_TEST_OPTION_ISOLATE_DIRS provides and removes. */

#pragma once

#include <glib.h>

#include "sl-project.h"
#include "sl-project-worker.h"
#include "sl-lesson.h"
#include "sl-sharing-network.h"
#include "sl-what-if.h"

G_BEGIN_DECLS

char      *sl_test_temp_path         (const char *name);
char      *sl_test_write_temp_file   (const char *name,
                                      const char *contents);
SlProject *sl_test_open_temp_project (const char *name);
void       sl_test_write_demo_project (const char *path,
                                       guint       n_vehicles,
                                       guint       n_days);
void       sl_test_write_demo_project_with_agencies (const char *path,
                                                     guint       n_vehicles,
                                                     guint       n_days,
                                                     guint       n_agencies);
char      *sl_test_checksum_file     (const char *path);
void       sl_test_remove_tree       (const char *path);
gint64     sl_test_query_int         (SlProject  *project,
                                      const char *sql);
guint      sl_test_damage_page       (const char *path,
                                      const char *btree);
int        sl_test_run_cli           (const char  *cli_path,
                                      char       **out_stdout,
                                      char       **out_stderr,
                                      const char  *first,
                                      ...) G_GNUC_NULL_TERMINATED;

/* Holds a project worker in a task until released, so that whatever is
 * queued after it waits: returns once the worker is inside the task. */
typedef struct _SlTestGate SlTestGate;

SlTestGate *sl_test_gate_hold    (SlProjectWorker *worker);
/* Lets the worker go on; @gate is freed when its task ends. */
void        sl_test_gate_release (SlTestGate      *gate);

/* The node named @name in @network; fails the test when there is none. */
guint       sl_test_node_named     (SlSharingNetwork *network,
                                    const char       *name);

/* The session a lesson's state stands for, made as the app applies the
 * state to the workspace: @scenario, the state's vehicle, unticks and
 * as-of time. */
SlWhatIf   *sl_test_lesson_what_if (SlProject           *project,
                                    const SlLessonState *state,
                                    const char          *scenario);

/* Benchmarks: qsort()'s comparison of doubles, ascending; and one line of
 * a set of timings in milliseconds (sorted in place): mean, median, p95
 * and max over its @items, returning the median. */
int         sl_test_compare_double (const void *a,
                                    const void *b);
double      sl_test_report_ms      (const char *what,
                                    const char *items,
                                    GArray     *ms);

G_END_DECLS
