/* The database floor of a request: the same statements it runs, through SQLite's C API, prepared once and
 * reused, with the same values bound. Prints microseconds a request for three ways of running them:
 *   step    stepping every row, reading no column (SQLite's own work)
 *   read    stepping every row and copying every column out (text and blobs into malloc'd memory): the
 *           floor of reading rows into the values a program uses, so read - step is the row-decoding floor
 *   prepare the reads prepared anew each time (prepare, bind, step, read every column, finalize), as a driver
 *           without a statement cache runs them
 *   write   the request's writes (statements marked W) in a transaction of their own, committed, as a
 *           request's audit entry is written
 * Usage: sqlfloor DATABASE SPEC ITERATIONS
 * SPEC: blocks of "R" (a read) or "W" (a write) on a line, the SQL on the next line, then one line a bound
 * value: "T text", "I integer", "F real", "N" (null); a blank line ends a block. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_STATEMENTS 64
#define MAX_BINDS 64

typedef struct {
    int write;
    sqlite3_stmt *statement;
    int count;
    char kinds[MAX_BINDS];
    char *values[MAX_BINDS];
} Statement;

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static void bind(Statement *s) {
    sqlite3_reset(s->statement);
    for (int i = 0; i < s->count; i++) {
        switch (s->kinds[i]) {
        case 'T': sqlite3_bind_text(s->statement, i + 1, s->values[i], -1, SQLITE_STATIC); break;
        case 'I': sqlite3_bind_int64(s->statement, i + 1, atoll(s->values[i])); break;
        case 'F': sqlite3_bind_double(s->statement, i + 1, atof(s->values[i])); break;
        default: sqlite3_bind_null(s->statement, i + 1);
        }
    }
}

static long fresh = 0;

static long run_prepared_anew(sqlite3 *db, Statement *s) {
    const char *sql = sqlite3_sql(s->statement);
    sqlite3_stmt *original = s->statement;
    if (sqlite3_prepare_v2(db, sql, -1, &s->statement, NULL) != SQLITE_OK) exit(1);
    long rows = 0;
    int rc;
    bind(s);
    while ((rc = sqlite3_step(s->statement)) == SQLITE_ROW) {
        rows++;
        int columns = sqlite3_column_count(s->statement);
        for (int c = 0; c < columns; c++) {
            const void *bytes = sqlite3_column_blob(s->statement, c);
            int n = sqlite3_column_bytes(s->statement, c);
            char *copy = malloc(n + 1);
            if (bytes) memcpy(copy, bytes, n);
            free(copy);
        }
    }
    sqlite3_finalize(s->statement);
    s->statement = original;
    return rows;
}

static long run(Statement *s, int read) {
    long rows = 0;
    bind(s);
    /* A write's first value is its new row's id: a fresh one each time, so the INSERT never collides. */
    if (s->write && s->count > 0 && s->kinds[0] == 'T' && strlen(s->values[0]) == 36) {
        char id[37];
        snprintf(id, sizeof id, "%.24s%012lX", s->values[0], (++fresh + ((long)time(NULL) % 100000L) * 1000000L) % 0xFFFFFFFFFFFFL);
        sqlite3_bind_text(s->statement, 1, id, -1, SQLITE_TRANSIENT);
    }
    int rc;
    while ((rc = sqlite3_step(s->statement)) == SQLITE_ROW) {
        rows++;
        if (!read) continue;
        int columns = sqlite3_column_count(s->statement);
        for (int c = 0; c < columns; c++) {
            switch (sqlite3_column_type(s->statement, c)) {
            case SQLITE_INTEGER: (void)sqlite3_column_int64(s->statement, c); break;
            case SQLITE_FLOAT: (void)sqlite3_column_double(s->statement, c); break;
            case SQLITE_NULL: break;
            default: {
                const void *bytes = sqlite3_column_blob(s->statement, c);
                int n = sqlite3_column_bytes(s->statement, c);
                char *copy = malloc(n + 1);
                memcpy(copy, bytes, n);
                copy[n] = 0;
                free(copy);
            }
            }
        }
    }
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "step: %s\n", sqlite3_errmsg(sqlite3_db_handle(s->statement)));
        exit(1);
    }
    return rows;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: sqlfloor DATABASE SPEC ITERATIONS\n");
        return 2;
    }
    sqlite3 *db;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fprintf(stderr, "open: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    /* As Alongside's connections are set up (SQLiteTuning): WAL, a 16 MB page cache. */
    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA cache_size = -16000; PRAGMA busy_timeout = 5000;"
                     "PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
    FILE *spec = fopen(argv[2], "r");
    if (!spec) { perror("spec"); return 1; }
    Statement statements[MAX_STATEMENTS];
    int count = 0;
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    while ((length = getline(&line, &capacity, spec)) > 0) {
        if (line[length - 1] == '\n') line[--length] = 0;
        if (length == 0) continue;
        Statement *s = &statements[count++];
        memset(s, 0, sizeof *s);
        s->write = line[0] == 'W';
        if ((length = getline(&line, &capacity, spec)) <= 0) return 1;
        if (line[length - 1] == '\n') line[--length] = 0;
        if (sqlite3_prepare_v3(db, line, -1, SQLITE_PREPARE_PERSISTENT, &s->statement, NULL) != SQLITE_OK) {
            fprintf(stderr, "prepare: %s\n%s\n", sqlite3_errmsg(db), line);
            return 1;
        }
        while ((length = getline(&line, &capacity, spec)) > 0) {
            if (line[length - 1] == '\n') line[--length] = 0;
            if (length == 0) break;
            s->kinds[s->count] = line[0];
            s->values[s->count] = strdup(length > 2 ? line + 2 : "");
            s->count++;
        }
    }
    int iterations = atoi(argv[3]);
    double best[4] = {1e18, 1e18, 1e18, 1e18};
    long rows = 0;
    sqlite3_stmt *begin, *commit;
    sqlite3_prepare_v3(db, "BEGIN IMMEDIATE", -1, SQLITE_PREPARE_PERSISTENT, &begin, NULL);
    sqlite3_prepare_v3(db, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT, &commit, NULL);
    for (int round = 0; round < 5; round++) {
        for (int mode = 0; mode < 4; mode++) {
            double started = now_us();
            for (int i = 0; i < iterations; i++) {
                if (mode == 3) {
                    for (int k = 0; k < count; k++)
                        if (!statements[k].write) run_prepared_anew(db, &statements[k]);
                } else if (mode == 2) {
                    int any = 0;
                    for (int k = 0; k < count; k++) any |= statements[k].write;
                    if (!any) break;
                    sqlite3_reset(begin);
                    sqlite3_step(begin);
                    for (int k = 0; k < count; k++)
                        if (statements[k].write) run(&statements[k], 0);
                    sqlite3_reset(commit);
                    if (sqlite3_step(commit) != SQLITE_DONE) { fprintf(stderr, "commit failed\n"); return 1; }
                } else {
                    rows = 0;
                    for (int k = 0; k < count; k++)
                        if (!statements[k].write) rows += run(&statements[k], mode == 1);
                }
            }
            double each = (now_us() - started) / iterations;
            if (each < best[mode]) best[mode] = each;
        }
    }
    printf("{\"step_us\": %.2f, \"read_us\": %.2f, \"write_us\": %.2f, \"prepare_us\": %.2f, \"rows\": %ld, "
           "\"statements\": %d, \"sqlite\": \"%s\"}\n",
           best[0], best[1], best[2], best[3], rows, count, sqlite3_libversion());
    return 0;
}
