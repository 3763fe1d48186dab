#include <cstdio>
void leave_state() {
    FILE* f = fopen("/tmp/.k", "w");
    fputs("1", f);
    fclose(f);
}
