// Tries to leak a judge-side file through the compiler's error message.
#include "/etc/shadow"
#include <arbiter/kernel.h>
