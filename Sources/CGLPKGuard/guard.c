// SPDX-License-Identifier: GPL-3.0-or-later
#include "CGLPKGuard.h"
#include <math.h>
#include <setjmp.h>
#include <string.h>

static _Thread_local long env_generation = 0;
static _Thread_local char last_message[1024];

long mg_env_generation(void) { return env_generation; }
const char *mg_last_message(void) { return last_message; }

static int capture_text(void *info, const char *s) {
    (void)info;
    size_t used = strlen(last_message);
    if (used > sizeof(last_message) - 256) { used = 0; last_message[0] = 0; }
    strncat(last_message, s, sizeof(last_message) - used - 1);
    return 1; /* handled: GLPK prints nothing */
}

void mg_quiet(void) { glp_term_hook(capture_text, NULL); }

static void load_matrix(glp_prob *P, int ne, const int *ia, const int *ja, const double *ar);

static void jump_back(void *info) { longjmp(*(jmp_buf *)info, 1); }

/* Runs BODY with GLPK's error hook pointing at a setjmp taken here. */
#define GUARDED(...)                                    \
    do {                                                \
        jmp_buf env;                                    \
        last_message[0] = 0;                            \
        mg_quiet();                                     \
        if (setjmp(env)) {                              \
            glp_error_hook(NULL, NULL);                 \
            glp_free_env();                             \
            env_generation++;                           \
            return MG_GLPK_ERROR;                       \
        }                                               \
        glp_error_hook(jump_back, &env);                \
        __VA_ARGS__;                                         \
        glp_error_hook(NULL, NULL);                     \
    } while (0)

void mg_release_env(void) {
    glp_free_env();
    env_generation++;
}

glp_prob *mg_create_prob(void) {
    mg_quiet();
    return glp_create_prob();
}

int mg_delete_prob(glp_prob *P) {
    GUARDED(glp_delete_prob(P));
    return MG_OK;
}

static void set_bounds(glp_prob *P, int is_row, int i, double lb, double ub) {
    int type;
    if (lb == -HUGE_VAL && ub == HUGE_VAL) type = GLP_FR;
    else if (ub == HUGE_VAL) type = GLP_LO;
    else if (lb == -HUGE_VAL) type = GLP_UP;
    else if (lb == ub) type = GLP_FX;
    else type = GLP_DB;
    if (lb == -HUGE_VAL) lb = 0.0;
    if (ub == HUGE_VAL) ub = 0.0;
    if (is_row) glp_set_row_bnds(P, i, type, lb, ub);
    else glp_set_col_bnds(P, i, type, lb, ub);
}

/* Bounds and costs of every row and column. */
static void set_all(glp_prob *P, int rows, int cols,
                    const double *row_lb, const double *row_ub,
                    const double *col_lb, const double *col_ub,
                    const double *obj, double obj_constant) {
    for (int i = 0; i < rows; i++) set_bounds(P, 1, i + 1, row_lb[i], row_ub[i]);
    for (int j = 0; j < cols; j++) {
        set_bounds(P, 0, j + 1, col_lb[j], col_ub[j]);
        glp_set_obj_coef(P, j + 1, obj[j]);
    }
    glp_set_obj_coef(P, 0, obj_constant);
}

int mg_load(glp_prob *P, int rows, int cols,
            const double *row_lb, const double *row_ub,
            const double *col_lb, const double *col_ub,
            const double *obj, double obj_constant,
            int ne, const int *ia, const int *ja, const double *ar) {
    GUARDED({
        glp_erase_prob(P);
        glp_set_obj_dir(P, GLP_MIN);
        if (rows > 0) glp_add_rows(P, rows);
        if (cols > 0) glp_add_cols(P, cols);
        set_all(P, rows, cols, row_lb, row_ub, col_lb, col_ub, obj, obj_constant);
        load_matrix(P, ne, ia, ja, ar);
    });
    return MG_OK;
}

static void load_matrix(glp_prob *P, int ne, const int *ia, const int *ja, const double *ar) {
    /* GLPK wants 1-based arrays with an unused element 0. */
    int *gi = glp_alloc(ne + 1, sizeof(int));
    int *gj = glp_alloc(ne + 1, sizeof(int));
    double *ga = glp_alloc(ne + 1, sizeof(double));
    for (int k = 0; k < ne; k++) {
        gi[k + 1] = ia[k] + 1;
        gj[k + 1] = ja[k] + 1;
        ga[k + 1] = ar[k];
    }
    glp_load_matrix(P, ne, gi, gj, ga);
    glp_free(gi);
    glp_free(gj);
    glp_free(ga);
}

int mg_update(glp_prob *P, int rows, int cols,
              const double *row_lb, const double *row_ub,
              const double *col_lb, const double *col_ub,
              const double *obj, double obj_constant,
              int ne, const int *ia, const int *ja, const double *ar) {
    GUARDED({
        set_all(P, rows, cols, row_lb, row_ub, col_lb, col_ub, obj, obj_constant);
        if (ne >= 0) load_matrix(P, ne, ia, ja, ar);
    });
    return MG_OK;
}

/* Whether two doubles have the same bits (so -0.0 differs from 0.0). */
static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

int mg_update_changed(glp_prob *P, int rows, int cols,
                      const double *row_lb, const double *row_ub,
                      const double *col_lb, const double *col_ub,
                      const double *obj, double obj_constant,
                      const double *old_row_lb, const double *old_row_ub,
                      const double *old_col_lb, const double *old_col_ub,
                      const double *old_obj, double old_obj_constant) {
    GUARDED({
        for (int i = 0; i < rows; i++)
            if (!same_bits(row_lb[i], old_row_lb[i]) || !same_bits(row_ub[i], old_row_ub[i]))
                set_bounds(P, 1, i + 1, row_lb[i], row_ub[i]);
        for (int j = 0; j < cols; j++) {
            if (!same_bits(col_lb[j], old_col_lb[j]) || !same_bits(col_ub[j], old_col_ub[j]))
                set_bounds(P, 0, j + 1, col_lb[j], col_ub[j]);
            if (!same_bits(obj[j], old_obj[j])) glp_set_obj_coef(P, j + 1, obj[j]);
        }
        if (!same_bits(obj_constant, old_obj_constant)) glp_set_obj_coef(P, 0, obj_constant);
    });
    return MG_OK;
}

int mg_set_col_bounds(glp_prob *P, int n, const int *idx, const double *lb, const double *ub) {
    GUARDED(for (int k = 0; k < n; k++) set_bounds(P, 0, idx[k] + 1, lb[k], ub[k]));
    return MG_OK;
}

int mg_set_row_bounds(glp_prob *P, int n, const int *idx, const double *lb, const double *ub) {
    GUARDED(for (int k = 0; k < n; k++) set_bounds(P, 1, idx[k] + 1, lb[k], ub[k]));
    return MG_OK;
}

int mg_set_obj_coefs(glp_prob *P, int n, const int *idx, const double *c) {
    GUARDED(for (int k = 0; k < n; k++) glp_set_obj_coef(P, idx[k] + 1, c[k]));
    return MG_OK;
}

int mg_simplex(glp_prob *P, const glp_smcp *parm, int *ret) {
    GUARDED(*ret = glp_simplex(P, parm));
    return MG_OK;
}

int mg_interior(glp_prob *P, const glp_iptcp *parm, int *ret) {
    GUARDED(*ret = glp_interior(P, parm));
    return MG_OK;
}

int mg_read_basic(glp_prob *P, int *status, double *obj, double *x, double *row_dual) {
    GUARDED({
        *status = glp_get_status(P);
        *obj = glp_get_obj_val(P);
        int n = glp_get_num_cols(P), m = glp_get_num_rows(P);
        for (int j = 0; j < n; j++) x[j] = glp_get_col_prim(P, j + 1);
        for (int i = 0; i < m; i++) row_dual[i] = glp_get_row_dual(P, i + 1);
    });
    return MG_OK;
}

int mg_read_interior(glp_prob *P, int *status, double *obj, double *x, double *row_dual) {
    GUARDED({
        *status = glp_ipt_status(P);
        *obj = glp_ipt_obj_val(P);
        int n = glp_get_num_cols(P), m = glp_get_num_rows(P);
        for (int j = 0; j < n; j++) x[j] = glp_ipt_col_prim(P, j + 1);
        for (int i = 0; i < m; i++) row_dual[i] = glp_ipt_row_dual(P, i + 1);
    });
    return MG_OK;
}

int mg_read_interior_col_duals(glp_prob *P, double *d) {
    GUARDED({
        int n = glp_get_num_cols(P);
        for (int j = 0; j < n; j++) d[j] = glp_ipt_col_dual(P, j + 1);
    });
    return MG_OK;
}

int mg_read_col_duals(glp_prob *P, double *d) {
    GUARDED({
        int n = glp_get_num_cols(P);
        for (int j = 0; j < n; j++) d[j] = glp_get_col_dual(P, j + 1);
    });
    return MG_OK;
}

int mg_read_interior_rows(glp_prob *P, double *activity, double *dual) {
    GUARDED({
        int m = glp_get_num_rows(P);
        for (int i = 0; i < m; i++) {
            activity[i] = glp_ipt_row_prim(P, i + 1);
            dual[i] = glp_ipt_row_dual(P, i + 1);
        }
    });
    return MG_OK;
}

int mg_set_nonbasic(glp_prob *P, int is_row, int n, const int *idx, const int *at_upper) {
    GUARDED(for (int k = 0; k < n; k++) {
        int i = idx[k] + 1, stat = at_upper[k] ? GLP_NU : GLP_NL;
        if (is_row) {
            if (glp_get_row_stat(P, i) != GLP_BS) glp_set_row_stat(P, i, stat);
        } else if (glp_get_col_stat(P, i) != GLP_BS) {
            glp_set_col_stat(P, i, stat);
        }
    });
    return MG_OK;
}

int mg_load_matrix(glp_prob *P, int ne, const int *ia, const int *ja, const double *ar) {
    GUARDED(load_matrix(P, ne, ia, ja, ar));
    return MG_OK;
}

int mg_swap_basis(glp_prob *P, int ncols, const int *cols, int nrows, const int *rows) {
    GUARDED({
        for (int k = 0; k < ncols; k++) glp_set_col_stat(P, cols[k] + 1, GLP_BS);
        for (int k = 0; k < nrows; k++) {
            int i = rows[k] + 1, type = glp_get_row_type(P, i);
            glp_set_row_stat(P, i, type == GLP_FX ? GLP_NS : type == GLP_FR ? GLP_NF : type == GLP_UP ? GLP_NU : GLP_NL);
        }
    });
    return MG_OK;
}

int mg_read_row_duals(glp_prob *P, double *y) {
    GUARDED({
        int m = glp_get_num_rows(P);
        for (int i = 0; i < m; i++) y[i] = glp_get_row_dual(P, i + 1);
    });
    return MG_OK;
}
