# load_inline with C++ that does not compile: the warm-up build fails, the verdict is
# compile_error and the reason carries the compiler's message.
from torch.utils.cpp_extension import load_inline

_module = load_inline(name="arbiter_broken_cpu", cpp_sources=["int broken( { return 0; }"], functions=[],
                      verbose=False)


def custom_kernel(data):
    return data[2]
