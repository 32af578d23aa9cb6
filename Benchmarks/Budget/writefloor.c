/* The floor of writing a response: the same bytes written once into a buffer by a direct writer, each byte
 * looked at to decide whether it needs escaping (as a JSON or HTML writer must) and copied. Prints
 * microseconds a response. Usage: writefloor BODY_FILE ITERATIONS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: writefloor BODY_FILE ITERATIONS\n"); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror("body"); return 1; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *body = malloc(size + 1);
    if (fread(body, 1, size, file) != (size_t)size) return 1;
    int iterations = atoi(argv[2]);
    volatile long escaped = 0;
    double best = 1e18;
    for (int round = 0; round < 5; round++) {
        double started = now_us();
        for (int i = 0; i < iterations; i++) {
            unsigned char *out = malloc(size + 64);
            long n = 0, special = 0;
            for (long k = 0; k < size; k++) {
                unsigned char c = body[k];
                if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') special++;
                out[n++] = c;
            }
            escaped += special + out[n / 2];
            free(out);
        }
        double each = (now_us() - started) / iterations;
        if (each < best) best = each;
    }
    printf("{\"write_us\": %.2f, \"bytes\": %ld}\n", best, size);
    return 0;
}
