// SPDX-License-Identifier: GPL-3.0-or-later
// Guarded GLPK calls.
//
// GLPK reports a bad argument (duplicate matrix entry, index out of range,
// NaN bound, bad parameter) by printing a message and calling abort(). Each
// function below takes a setjmp just before the GLPK call and installs an
// error hook that longjmps back to it, so an internal GLPK error returns
// MG_GLPK_ERROR instead of ending the process. After such an error the
// calling thread's GLPK environment is freed (glp_free_env), which destroys
// every problem that thread owns: mg_env_generation() changes, and the Swift
// side treats problems of an older generation as gone.
//
// Bulk functions take Swift's 0-based arrays and translate to GLPK's 1-based
// indices, so one crossing moves a whole vector.
#ifndef CGLPK_GUARD_H
#define CGLPK_GUARD_H

#include <glpk.h>

#define MG_OK 0
#define MG_GLPK_ERROR (-1)

/// Generation of this thread's GLPK environment; increments each time a
/// guarded call had to free it after an internal GLPK error.
long mg_env_generation(void);

/// The last text GLPK printed on this thread (its error message after an
/// MG_GLPK_ERROR). Never NULL.
const char *mg_last_message(void);

/// Silences GLPK's terminal output on this thread; text goes to the buffer
/// read by mg_last_message.
void mg_quiet(void);

/// Frees this thread's GLPK environment (glp_free_env; nothing if it has
/// none) and advances mg_env_generation(), so that problems of the thread
/// still alive count as gone. For a thread about to end: GLPK keeps its
/// environment in thread-local storage and never frees it on its own.
void mg_release_env(void);

glp_prob *mg_create_prob(void);
int mg_delete_prob(glp_prob *P);

/// Loads a whole LP: rows and columns with bounds (±HUGE_VAL = none; equal
/// bounds = fixed), objective (minimised) with constant term, and the
/// matrix as 0-based triplets with no duplicates.
int mg_load(glp_prob *P, int rows, int cols,
            const double *row_lb, const double *row_ub,
            const double *col_lb, const double *col_ub,
            const double *obj, double obj_constant,
            int ne, const int *ia, const int *ja, const double *ar);

/// Replaces all bounds and costs of a problem of the same size, keeping
/// its basis statuses (for a warm start); with ne >= 0 the matrix is
/// reloaded too (statuses are kept, the factorization is redone on solve).
int mg_update(glp_prob *P, int rows, int cols,
              const double *row_lb, const double *row_ub,
              const double *col_lb, const double *col_ub,
              const double *obj, double obj_constant,
              int ne, const int *ia, const int *ja, const double *ar);

/// Sets the bounds and costs that differ, bit for bit, from the `old_`
/// ones (what the problem holds now): the same problem as mg_update with
/// ne < 0 leaves, since setting a bound or cost to what it is changes
/// nothing, in one pass over the vectors with no GLPK call for the rest.
int mg_update_changed(glp_prob *P, int rows, int cols,
                      const double *row_lb, const double *row_ub,
                      const double *col_lb, const double *col_ub,
                      const double *obj, double obj_constant,
                      const double *old_row_lb, const double *old_row_ub,
                      const double *old_col_lb, const double *old_col_ub,
                      const double *old_obj, double old_obj_constant);

/// Sets bounds of the columns (or rows) listed in `idx` (0-based).
int mg_set_col_bounds(glp_prob *P, int n, const int *idx, const double *lb, const double *ub);
int mg_set_row_bounds(glp_prob *P, int n, const int *idx, const double *lb, const double *ub);
int mg_set_obj_coefs(glp_prob *P, int n, const int *idx, const double *c);

/// Runs the simplex; `ret` receives glp_simplex's return code.
int mg_simplex(glp_prob *P, const glp_smcp *parm, int *ret);
/// Runs the interior-point method; `ret` receives glp_interior's code.
int mg_interior(glp_prob *P, const glp_iptcp *parm, int *ret);

/// Reads the basic (simplex) solution: status, objective, column primals
/// and row duals into 0-based arrays of the problem's sizes.
int mg_read_basic(glp_prob *P, int *status, double *obj, double *x, double *row_dual);
/// Reads the interior-point solution likewise.
int mg_read_interior(glp_prob *P, int *status, double *obj, double *x, double *row_dual);

/// Reads the interior-point reduced costs (column duals) into a 0-based
/// array of the problem's column count.
int mg_read_interior_col_duals(glp_prob *P, double *d);

/// Reads the interior-point row activities and row duals into 0-based
/// arrays of the problem's row count.
int mg_read_interior_rows(glp_prob *P, double *activity, double *dual);

/// Makes the listed columns (is_row 0) or rows (is_row 1) nonbasic at their
/// upper bound where at_upper[k] is nonzero, else at their lower bound;
/// entries that are basic stay basic. The caller validates the indices.
int mg_set_nonbasic(glp_prob *P, int is_row, int n, const int *idx, const int *at_upper);

/// Replaces the matrix only (0-based triplets, no duplicates; bounds,
/// costs and basis statuses kept). The caller validates the indices.
int mg_load_matrix(glp_prob *P, int ne, const int *ia, const int *ja, const double *ar);

/// Makes the listed columns basic and the listed rows nonbasic (GLPK picks
/// the bound status that fits each row's type). The caller validates the
/// indices and keeps the count of basic variables equal to the row count.
int mg_swap_basis(glp_prob *P, int ncols, const int *cols, int nrows, const int *rows);

/// Reads the row duals of the basic solution.
int mg_read_row_duals(glp_prob *P, double *y);

/// Reads the reduced costs of the basic solution (column duals).
int mg_read_col_duals(glp_prob *P, double *d);

#endif
