# A C++ kernel through torch.utils.cpp_extension.load_inline. Arbiter compiles it in its warm-up
# build process (g++ and ninja may run there, into a private cache); the timed contestant only
# loads the built module, so the compile time is reported as compile_s, not timed.
import torch
from torch.utils.cpp_extension import load_inline

from task import input_t, output_t

_SOURCE = r"""
#include <torch/extension.h>

torch::Tensor vadd(torch::Tensor a, torch::Tensor b, torch::Tensor c) {
  TORCH_CHECK(a.is_contiguous() && b.is_contiguous() && c.is_contiguous(), "contiguous tensors only");
  const float* x = a.data_ptr<float>();
  const float* y = b.data_ptr<float>();
  float* z = c.data_ptr<float>();
  const int64_t n = a.numel();
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] + y[i];
  return c;
}
"""

_module = load_inline(name="arbiter_vadd_cpu", cpp_sources=[_SOURCE], functions=["vadd"],
                      extra_cflags=["-O2"], verbose=False)


def custom_kernel(data: input_t) -> output_t:
    a, b, c = data
    return _module.vadd(a, b, c)
